import { useMay } from '../../data/session';
import { useT } from '../../i18n/use-t';
import { CloseButton } from '../../panels/CloseButton';
import { useWarningsUi } from './store';
import { useWarning } from './use-warnings';
import { WarningDetails } from './WarningDetails';
import './warnings.css';

/**
 * The details of a warning picked on the map while the workbench is not on screen (where they
 * would open otherwise). Editing stays in the workbench.
 */
export function WarningDrawer() {
  const { t } = useT();
  const focused = useWarningsUi((s) => s.focused);
  const hasWorkbench = useWarningsUi((s) => s.workbenches > 0);
  const focus = useWarningsUi((s) => s.focus);
  const mayPublish = useMay('warnings.publish');
  const warning = useWarning(hasWorkbench ? null : focused);
  if (focused === null || hasWorkbench) return null;
  const w = warning.data;
  return (
    <aside
      className="detail-drawer warning-drawer card"
      data-testid="warning-drawer"
      aria-label={w?.headline}
    >
      <header className="card-header">
        <div>
          <span className="detail-kind">{t('warnings.kind')}</span>
          <h2>{w?.headline ?? (warning.isError ? t('detail.error') : t('detail.loading'))}</h2>
        </div>
        <CloseButton label={t('detail.close')} onClick={() => focus(null)} />
      </header>
      {w && (
        <div className="warning-drawer-body">
          <WarningDetails warning={w} mayPublish={mayPublish} />
        </div>
      )}
    </aside>
  );
}
