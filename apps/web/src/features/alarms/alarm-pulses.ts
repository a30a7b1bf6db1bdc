import {
  type AlarmSummary,
  regionContains,
  type SensorKind,
  type SensorState,
  type SensorStatus,
} from '@onemap/domain';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { liveSensors } from '../../data/live-sensors';
import { hiddenKindsOf } from '../../data/sensor-filter';
import { useTRPC } from '../../data/trpc';
import type { PulsePoint } from '../../map/pulse-markers';
import { useLayerVisibility } from '../../state/layer-visibility';
import { type SensorFilterState, useSensorFilter } from '../../state/sensor-filter';
import { unacknowledged, useStandingAlarms } from './use-alarms';

/**
 * At most this many rings pulse at once: a region-wide emergency must not put hundreds of animated
 * elements on the page (every sensor in alarm keeps its static ring on the map regardless).
 */
const MAX_PULSES = 40;

type Placed = Pick<SensorStatus, 'id' | 'code' | 'lon' | 'lat' | 'kind' | 'regionCode' | 'state'>;

/**
 * Where the map pulses: the sensors with an alarm-level alarm no one has acknowledged yet — the
 * ones asking for a person now — that the sensors filter lets through, one ring per sensor. Once
 * acknowledged the sensor keeps its steady red ring: the pulse has done its job. Warnings (a gauge
 * nearing its line, a sensor gone silent) show in the list and the badge, and do not beat: a whole
 * network going silent after an outage must not light up the map.
 */
export function pulsePoints(
  alarms: readonly AlarmSummary[],
  sensors: ReadonlyMap<string, Placed>,
  filter: Pick<SensorFilterState, 'hiddenChannels' | 'hiddenKinds' | 'hiddenStates' | 'region'>,
  stateOf: (id: number) => SensorState | null,
  max = MAX_PULSES,
): PulsePoint[] {
  const hiddenKinds = hiddenKindsOf(filter);
  const seen = new Set<number>();
  const out: PulsePoint[] = [];
  for (const alarm of unacknowledged(alarms)) {
    if (alarm.level !== 'alarm') continue;
    const s = sensors.get(alarm.sensorCode);
    if (!s || seen.has(s.id)) continue;
    if (hiddenKinds.has(s.kind as SensorKind) || filter.hiddenStates.has(stateOf(s.id) ?? s.state)) continue;
    if (filter.region !== null && !regionContains(filter.region, s.regionCode)) continue;
    seen.add(s.id);
    out.push({ id: s.id, lon: s.lon, lat: s.lat });
    if (out.length >= max) break;
  }
  return out;
}

const combineSensors = (results: Array<{ data?: SensorStatus }>): Map<string, Placed> =>
  new Map(results.flatMap((r) => (r.data ? [[r.data.code, r.data] as const] : [])));

/** The pulses for the map: unacknowledged alarms placed by their sensors, while the sensors layer shows. */
export function useAlarmPulses(): PulsePoint[] {
  const trpc = useTRPC();
  const standing = useStandingAlarms().data;
  const on = useLayerVisibility((s) => s.visible.sensors);
  const hiddenChannels = useSensorFilter((s) => s.hiddenChannels);
  const hiddenKinds = useSensorFilter((s) => s.hiddenKinds);
  const hiddenStates = useSensorFilter((s) => s.hiddenStates);
  const region = useSensorFilter((s) => s.region);
  const codes = useMemo(
    () =>
      [
        ...new Set(
          unacknowledged(standing)
            .filter((a) => a.level === 'alarm')
            .map((a) => a.sensorCode),
        ),
      ].slice(0, MAX_PULSES * 2),
    [standing],
  );
  // A sensor does not move: its place, once read, is good for the session.
  const sensors = useQueries({
    queries: on
      ? codes.map((code) => ({
          ...trpc.monitoring.sensor.queryOptions({ code }),
          staleTime: Number.POSITIVE_INFINITY,
        }))
      : [],
    combine: combineSensors,
  });
  return useMemo(
    () =>
      on && standing
        ? pulsePoints(
            standing,
            sensors,
            { hiddenChannels, hiddenKinds, hiddenStates, region },
            (id) => liveSensors.stateOf(id) as SensorState | null,
          )
        : [],
    [on, standing, sensors, hiddenChannels, hiddenKinds, hiddenStates, region],
  );
}
