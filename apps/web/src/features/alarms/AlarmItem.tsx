import { type AlarmSummary, sensorKinds, sensorStates } from '@onemap/domain';
import { formatDateTime } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import { formatRelativeTime } from '../../i18n/relative-time';
import { useT } from '../../i18n/use-t';
import { AcknowledgeForm } from './AcknowledgeForm';
import { alarmUnit, formatValue, ruleTitle } from './alarm-format';

const stateTitles: Record<AlarmSummary['state'], MessageKey> = {
  open: 'alarm.state.open',
  acknowledged: 'alarm.state.acknowledged',
  cleared: 'alarm.state.cleared',
};

export interface AlarmItemProps {
  alarm: AlarmSummary;
  now: number;
  /** Whether this user may acknowledge (alarms.ack). */
  mayAcknowledge: boolean;
  /** Opens the alarm's sensor (map and drawer); absent where the sensor is open already. */
  onOpen?: (code: string) => void;
  /** The sensor's own history leaves out what the drawer's header already says. */
  compact?: boolean;
  /** Takes an incident in from this alarm; absent for those who may not. */
  onOpenIncident?: ((alarm: AlarmSummary) => void) | undefined;
}

/** One alarm: level, sensor, rule, values, when, and who has it in hand. */
export function AlarmItem({
  alarm: a,
  now,
  mayAcknowledge,
  onOpen,
  compact = false,
  onOpenIncident,
}: AlarmItemProps) {
  const { t, label, language } = useT();
  const unit = alarmUnit(a);
  const rule = ruleTitle(a.rule);
  const values =
    a.rule === 'offline'
      ? t('alarm.noReadings')
      : `${t('alarm.value')} ${formatValue(a.lastValue ?? a.raisedValue, unit, language)} · ${t('alarm.peak')} ${formatValue(a.peakValue, unit, language)}`;
  const summary = (
    <>
      <span className="alarm-head">
        <span className="alarm-level">{label(sensorStates.labels[a.level])}</span>
        {!compact && <span className="alarm-sensor">{a.sensorName}</span>}
        {!compact && <span className="alarm-code mono">{a.sensorCode}</span>}
      </span>
      <span className="alarm-meta">
        {!compact && <>{sensorKinds.labelOf(a.sensorKind)?.[language] ?? a.sensorKind} · </>}
        <span data-testid="alarm-rule">{rule ? t(rule) : a.rule}</span>
      </span>
      <span className="alarm-values num" data-testid="alarm-values">
        {values}
      </span>
      <span className="alarm-time">
        <time dateTime={a.raisedAt} title={formatDateTime(a.raisedAt)}>
          {formatRelativeTime(a.raisedAt, now, language)}
        </time>
        <span className="mono"> · {formatDateTime(a.raisedAt)}</span>
      </span>
    </>
  );
  return (
    <li
      className={`alarm-item level-${a.level} state-${a.state}`}
      data-testid="alarm-item"
      data-alarm-id={a.id}
      data-sensor-code={a.sensorCode}
      data-state={a.state}
      data-level={a.level}
      data-rule={a.rule}
    >
      {onOpen ? (
        <button
          type="button"
          className="alarm-summary"
          title={t('alarm.openSensor')}
          onClick={() => onOpen(a.sensorCode)}
        >
          {summary}
        </button>
      ) : (
        <div className="alarm-summary">{summary}</div>
      )}
      <div className="alarm-status">
        <span className="alarm-state" data-testid="alarm-state">
          {t(stateTitles[a.state])}
          {a.clearedAt && <span className="mono"> · {formatDateTime(a.clearedAt)}</span>}
        </span>
        {a.acknowledgedBy && (
          <span className="alarm-acked" data-testid="alarm-acked">
            {t('alarm.ackedBy', {
              who: a.acknowledgedBy,
              time: a.acknowledgedAt ? formatDateTime(a.acknowledgedAt) : '',
            })}
            {a.comment && <q className="alarm-comment">{a.comment}</q>}
          </span>
        )}
        {mayAcknowledge && a.state === 'open' && <AcknowledgeForm alarm={a} />}
        {onOpenIncident && a.state !== 'cleared' && a.rule !== 'offline' && (
          <button
            type="button"
            className="text-button"
            data-testid="alarm-open-incident"
            onClick={() => onOpenIncident(a)}
          >
            {t('alarm.openIncident')}
          </button>
        )}
      </div>
    </li>
  );
}
