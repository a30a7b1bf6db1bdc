import { useT } from '../../i18n/use-t';
import './alarms.css';
import { unacknowledged, useStandingAlarms } from './use-alarms';

/**
 * How many alarms wait for a person, on the monitoring panel's entry: seen from across the hall
 * even while the panel is closed. Red while any is at alarm level, amber for warnings only.
 */
export function AlarmBadge() {
  const { t } = useT();
  const waiting = unacknowledged(useStandingAlarms().data);
  if (waiting.length === 0) return null;
  const severe = waiting.some((a) => a.level === 'alarm');
  return (
    <span
      className={`entry-badge${severe ? ' is-alarm' : ''}`}
      data-testid="alarm-badge"
      data-count={waiting.length}
    >
      <span aria-hidden="true">{waiting.length > 99 ? '99+' : waiting.length}</span>
      <span className="visually-hidden">{t('alarm.badge', { count: waiting.length })}</span>
    </span>
  );
}
