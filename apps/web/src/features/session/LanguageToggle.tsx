import { useT } from '../../i18n/use-t';
import { useLanguage } from '../../state/language';

/** Switches between Chinese and English; on every page, signed in or not. */
export function LanguageToggle() {
  const { t } = useT();
  const toggle = useLanguage((s) => s.toggle);
  return (
    <button
      type="button"
      className="lang-toggle"
      data-testid="lang-toggle"
      aria-label={t('lang.toggleLabel')}
      title={t('lang.toggleLabel')}
      onClick={toggle}
    >
      {t('lang.toggle')}
    </button>
  );
}
