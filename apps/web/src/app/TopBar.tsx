import { SearchBox } from '../features/search/SearchBox';
import { CurrentUser } from '../features/session/CurrentUser';
import { LanguageToggle } from '../features/session/LanguageToggle';
import { Clock } from '../features/system-status/Clock';
import { HealthIndicator } from '../features/system-status/HealthIndicator';
import { useT } from '../i18n/use-t';
import { PanelEntries } from '../panels/PanelArea';

export function TopBar() {
  const { t } = useT();
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
        <LanguageToggle />
        <CurrentUser />
      </div>
    </header>
  );
}
