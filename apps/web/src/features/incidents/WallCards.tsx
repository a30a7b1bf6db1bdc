import { useT } from '../../i18n/use-t';
import { IncidentCard } from './IncidentCard';
import './incidents.css';
import { useIncidentsUi } from './store';
import { bySeverityThenLatest, useOpenIncidents } from './use-incidents';

/** The wall shows the few most severe incidents still being handled, newest first within a level. */
const WALL_CARDS = 4;

/**
 * 大屏事件卡: compact cards of the most severe open incidents over the map, for the video wall
 * (shown from wall widths on, see incidents.css). A card opens the incident in the workbench.
 */
export function WallCards() {
  const { t } = useT();
  const focus = useIncidentsUi((s) => s.focus);
  const setTab = useIncidentsUi((s) => s.setTab);
  const incidents = [...(useOpenIncidents().data ?? [])].sort(bySeverityThenLatest).slice(0, WALL_CARDS);
  if (incidents.length === 0) return null;
  return (
    <aside className="wall-cards" aria-label={t('incidents.wall')} data-testid="wall-cards">
      {incidents.map((i) => (
        <button
          key={i.id}
          type="button"
          className="incident-open"
          onClick={() => {
            setTab('incidents');
            focus(i.id);
          }}
        >
          <IncidentCard incident={i} compact />
        </button>
      ))}
    </aside>
  );
}
