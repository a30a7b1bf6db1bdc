import { useState } from 'react';
import { useMay } from '../../data/session';
import { useT } from '../../i18n/use-t';
import { Segmented } from '../../panels/Segmented';
import { useOpenIncidentFromAlarm } from '../incidents/open-from-alarm';
import { useOpenSensor } from '../sensor-monitor/open-sensor';
import { AlarmItem } from './AlarmItem';
import { type AlarmFilter, alarmFilters, sortAlarms } from './alarm-order';
import './alarms.css';
import { useAlarms } from './use-alarms';
import { useNow } from './use-now';

const filterTitles = {
  open: 'alarm.filter.open',
  unacknowledged: 'alarm.filter.unacknowledged',
  cleared: 'alarm.filter.cleared',
  all: 'alarm.filter.all',
} as const satisfies Record<AlarmFilter, string>;

/** 报警: the region's alarms, most severe and newest first, live; a click opens the sensor. */
export function AlarmsTab() {
  const { t } = useT();
  const [filter, setFilter] = useState<AlarmFilter>('open');
  const alarms = useAlarms(filter);
  const mayAcknowledge = useMay('alarms.ack');
  const openSensor = useOpenSensor();
  const openIncident = useOpenIncidentFromAlarm();
  const now = useNow(30_000);
  const list = alarms.data ? sortAlarms(alarms.data) : [];

  return (
    <div className="alarms-tab">
      <Segmented
        options={alarmFilters.map((f) => ({ id: f, title: t(filterTitles[f]) }))}
        selected={filter}
        onSelect={setFilter}
        label={t('alarm.filter')}
        testIdPrefix="alarm-filter"
      />
      {alarms.isError && !alarms.data ? (
        <p className="form-error">{t('alarm.loadFailed')}</p>
      ) : !alarms.data ? (
        <p className="muted">{t('admin.loading')}</p>
      ) : list.length === 0 ? (
        <p className="alarm-none" data-testid="alarm-none">
          {t(filter === 'cleared' || filter === 'all' ? 'alarm.noneAtAll' : 'alarm.none')}
        </p>
      ) : (
        <>
          <p className="muted alarm-count" aria-live="polite">
            {t('alarm.count', { count: list.length })}
          </p>
          <ul className="plain-list alarm-list" data-testid="alarm-list">
            {list.map((a) => (
              <AlarmItem
                key={a.id}
                alarm={a}
                now={now}
                mayAcknowledge={mayAcknowledge}
                onOpen={(code) => void openSensor(code)}
                onOpenIncident={openIncident}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
