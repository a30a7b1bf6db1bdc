import { type AlarmSummary, sensorKinds, sensorStates } from '@onemap/domain';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { CloseButton } from '../../panels/CloseButton';
import { useOpenSensor } from '../sensor-monitor/open-sensor';
import { alarmUnit, formatValue } from './alarm-format';
import { arrivedAlarms } from './alarm-order';
import './alarms.css';
import { useStandingAlarms } from './use-alarms';

/** Long enough to be read from the back of the hall, short enough not to pile up. */
const TOAST_MS = 12_000;
const MAX_TOASTS = 3;

interface Toast {
  alarm: AlarmSummary;
  shownAt: number;
}

/**
 * A short notice for each alarm raised while the page is open, with its sensor's name: it asks
 * nothing and blocks nothing (the list and the badge keep the alarm), and a click opens the sensor.
 */
export function AlarmToasts() {
  const { t, label, language } = useT();
  const standing = useStandingAlarms().data;
  const openSensor = useOpenSensor();
  const known = useRef<Set<number> | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    if (!standing) return;
    if (known.current === null) {
      // What stands when the page loads is not news: it is in the list already.
      known.current = new Set(standing.map((a) => a.id));
      return;
    }
    // A sensor gone silent is a maintenance matter, in the list and the badge; announced one by one
    // an outage would bury the alarms that matter under a toast per gauge.
    const arrived = arrivedAlarms(known.current, standing).filter(
      (a) => a.state === 'open' && a.rule !== 'offline',
    );
    if (arrived.length === 0) return;
    const shownAt = Date.now();
    setToasts((old) => [...arrived.map((alarm) => ({ alarm, shownAt })), ...old].slice(0, MAX_TOASTS));
  }, [standing]);

  useEffect(() => {
    if (toasts.length === 0) return;
    const oldest = Math.min(...toasts.map((x) => x.shownAt));
    const timer = setTimeout(
      () => setToasts((old) => old.filter((x) => Date.now() - x.shownAt < TOAST_MS)),
      Math.max(0, oldest + TOAST_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [toasts]);

  const dismiss = (id: number) => setToasts((old) => old.filter((x) => x.alarm.id !== id));
  return (
    <div className="alarm-toasts" data-testid="alarm-toasts">
      {toasts.map(({ alarm: a }) => (
        <div
          key={a.id}
          className={`alarm-toast level-${a.level}`}
          role="alert"
          data-testid="alarm-toast"
          data-sensor-code={a.sensorCode}
        >
          <button
            type="button"
            className="alarm-toast-body"
            onClick={() => {
              dismiss(a.id);
              void openSensor(a.sensorCode);
            }}
          >
            <span className="alarm-toast-title">
              {t('alarm.toast', { level: label(sensorStates.labels[a.level]) })}
            </span>
            <span className="alarm-toast-sensor">{a.sensorName}</span>
            <span className="alarm-toast-meta">
              {sensorKinds.labelOf(a.sensorKind)?.[language] ?? a.sensorKind}
              {a.rule !== 'offline' && ` · ${formatValue(a.raisedValue, alarmUnit(a), language)}`}
            </span>
          </button>
          <CloseButton label={t('alarm.toast.dismiss')} onClick={() => dismiss(a.id)} />
        </div>
      ))}
    </div>
  );
}
