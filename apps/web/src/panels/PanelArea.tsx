import { useSessionUser } from '../data/session';
import { useT } from '../i18n/use-t';
import { useOpenPanel } from '../state/panels';
import { CloseButton } from './CloseButton';
import { panelsFor } from './registry';
import type { PanelProps } from './types';

/** The open business panel, if any, beside the map. */
export function PanelArea(props: PanelProps) {
  const { t } = useT();
  const open = useOpenPanel((s) => s.open);
  const close = useOpenPanel((s) => s.close);
  const role = useSessionUser()?.role ?? null;
  const panel = panelsFor(role).find((p) => p.id === open);
  if (!panel) return null;
  return (
    <section
      className={`panel-area card${panel.wide ? ' is-wide' : ''}`}
      data-testid={`panel-${panel.id}`}
      aria-label={t(panel.title)}
    >
      <header className="card-header">
        <h2>
          <span className="panel-icon" aria-hidden="true">
            {panel.icon}
          </span>
          {t(panel.title)}
        </h2>
        <CloseButton label={t('panels.close')} onClick={close} />
      </header>
      <div className="panel-body">
        <panel.Component {...props} />
      </div>
    </section>
  );
}

/** The entries that open the panels, for the top bar. */
export function PanelEntries() {
  const { t } = useT();
  const open = useOpenPanel((s) => s.open);
  const toggle = useOpenPanel((s) => s.toggle);
  const role = useSessionUser()?.role ?? null;
  return (
    <nav className="panel-entries" aria-label={t('panels.label')}>
      {panelsFor(role).map((p) => (
        <button
          key={p.id}
          type="button"
          data-testid={`panel-entry-${p.id}`}
          aria-pressed={open === p.id}
          onClick={() => toggle(p.id)}
        >
          <span className="panel-icon" aria-hidden="true">
            {p.icon}
          </span>
          {t(p.title)}
          {p.Badge && <p.Badge />}
        </button>
      ))}
    </nav>
  );
}
