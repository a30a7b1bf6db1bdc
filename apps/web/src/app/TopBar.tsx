import { SearchBox } from '../features/search/SearchBox';
import { Clock } from '../features/system-status/Clock';
import { HealthIndicator } from '../features/system-status/HealthIndicator';
import { useT } from '../i18n/use-t';
import { PanelEntries } from '../panels/PanelArea';
import { useLanguage } from '../state/language';

export function TopBar() {
  const { t } = useT();
  const toggleLanguage = useLanguage((s) => s.toggle);
  return (
    <header className="top-bar">
      <h1 className="app-title">
        <span className="app-mark" aria-hidden="true" />
        {t('app.title')}
        <span className="app-subtitle">{t('app.subtitle')}</span>
      </h1>
      <PanelEntries />
      <SearchBox />
      <div className="top-bar-end">
        <HealthIndicator />
        <Clock />
        <button
          type="button"
          className="lang-toggle"
          data-testid="lang-toggle"
          aria-label={t('lang.toggleLabel')}
          title={t('lang.toggleLabel')}
          onClick={toggleLanguage}
        >
          {t('lang.toggle')}
        </button>
      </div>
    </header>
  );
}
