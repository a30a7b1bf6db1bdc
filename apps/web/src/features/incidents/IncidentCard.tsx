import { type IncidentSummary, incidentStatuses, incidentTypes } from '@onemap/domain';
import { useT } from '../../i18n/use-t';
import { incidents as incidentsLayer } from '../../layers/incidents';
import { useNow } from '../alarms/use-now';
import { cssColor } from '../layer-panel/Legend';

/** How long an incident has run, as a wall reads it: "3 h 12 min", "45 min". */
export function elapsedText(from: string, now: number, lang: 'zh' | 'en'): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(from)) / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'zh') return h > 0 ? `${h}小时${m}分` : `${m}分钟`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function levelColor(level: string): string {
  const entry = incidentsLayer.legend().find((e) => e.code === level);
  return entry ? cssColor(entry.color) : 'var(--muted)';
}

/**
 * An incident at a glance — level colour, what and where, how long it has run, the teams on scene
 * and on the way, the dead and injured — in the list, at the head of its details, and on the wall.
 */
export function IncidentCard({
  incident,
  compact = false,
}: {
  incident: IncidentSummary;
  compact?: boolean;
}) {
  const { t, label, language } = useT();
  const now = useNow(30_000);
  const c = incident.casualties;
  return (
    <div
      className={`incident-card${compact ? ' is-compact' : ''}`}
      style={{ borderLeftColor: levelColor(incident.level) }}
      data-testid={`incident-card-${incident.id}`}
      data-level={incident.level}
      data-status={incident.status}
    >
      <div className="incident-card-head">
        <span className="incident-level" style={{ background: levelColor(incident.level) }}>
          {t('incidents.levelShort', { level: incident.level })}
        </span>
        <span className="incident-title">{incident.title}</span>
        <span className="incident-elapsed mono" title={t('incidents.elapsed')}>
          {elapsedText(incident.occurredAt, now, language)}
        </span>
      </div>
      <div className="incident-card-facts">
        <span>{label(incidentTypes.labels[incident.type])}</span>
        <span className="incident-status" data-testid="incident-status">
          {label(incidentStatuses.labels[incident.status])}
        </span>
        {!compact && incident.regionName && <span className="muted">{incident.regionName}</span>}
      </div>
      <div className="incident-card-numbers">
        <span data-testid="incident-teams-on-scene">
          {t('incidents.onScene', { n: incident.teamsOnScene })}
        </span>
        <span data-testid="incident-teams-en-route">
          {t('incidents.enRoute', { n: incident.teamsEnRoute })}
        </span>
        <span>
          {t('incidents.casualties', { dead: c.deaths + c.missing, injured: c.injured + c.seriouslyInjured })}
        </span>
      </div>
    </div>
  );
}
