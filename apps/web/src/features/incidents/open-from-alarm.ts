import { type AlarmSummary, incidentTypeForSensorKind, type SensorKind } from '@onemap/domain';
import { useCallback } from 'react';
import { useMay } from '../../data/session';
import { useOpenPanel } from '../../state/panels';
import { useIncidentsUi } from './store';

/**
 * "Open an incident from this alarm": the dispatch panel opens on an intake placed at the sensor,
 * with the type its kind suggests; the alarm is linked in the new incident's timeline. Null for
 * those who may not take incidents in.
 */
export function useOpenIncidentFromAlarm(): ((alarm: AlarmSummary) => void) | undefined {
  const may = useMay('incidents.manage');
  const open = useCallback((a: AlarmSummary) => {
    const type = incidentTypeForSensorKind[a.sensorKind as SensorKind];
    useIncidentsUi.getState().startIntake({
      source: 'alarm',
      fromAlarmId: a.id,
      lon: a.lon,
      lat: a.lat,
      title: a.sensorName,
      ...(type ? { type } : {}),
    });
    useOpenPanel.setState({ open: 'dispatch' });
  }, []);
  return may ? open : undefined;
}
