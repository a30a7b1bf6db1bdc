import { type SensorKind, sensorKindChannels, sensorKinds, sensorStates } from '@onemap/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type SensorFilterState, useSensorFilter } from '../state/sensor-filter';
import { type PointFilter, pointFilter, type RegionTest } from './point-filter';
import { type RegionShapes, regionShapesQuery, regionTest } from './region-shapes';

/** The kinds a filter leaves out: those switched off, and every kind of a channel switched off. */
export function hiddenKindsOf(s: Pick<SensorFilterState, 'hiddenChannels' | 'hiddenKinds'>): Set<SensorKind> {
  return new Set(
    sensorKinds.codes.filter((k) => s.hiddenKinds.has(k) || s.hiddenChannels.has(sensorKindChannels[k])),
  );
}

export function findRegion(shapes: RegionShapes | undefined, code: string | null) {
  if (!shapes || code === null) return undefined;
  return shapes.prefectures.find((r) => r.code === code) ?? shapes.provinces.find((r) => r.code === code);
}

/**
 * The layer panel's sensor filter as the map and the counts apply it; null when it leaves nothing
 * out. Region outlines load only once a region is chosen (the choice itself needs them loaded).
 */
export function useSensorPointFilter(): PointFilter | null {
  const hiddenChannels = useSensorFilter((s) => s.hiddenChannels);
  const hiddenKinds = useSensorFilter((s) => s.hiddenKinds);
  const hiddenStates = useSensorFilter((s) => s.hiddenStates);
  const region = useSensorFilter((s) => s.region);
  const shapes = useQuery({ ...regionShapesQuery, enabled: region !== null });
  return useMemo(() => {
    const shape = findRegion(shapes.data, region);
    const test: RegionTest | null = shape ? regionTest(shape) : null;
    return pointFilter(
      { category: sensorKinds.codes, state: sensorStates.codes },
      { category: hiddenKindsOf({ hiddenChannels, hiddenKinds }), state: hiddenStates },
      test,
    );
  }, [hiddenChannels, hiddenKinds, hiddenStates, region, shapes.data]);
}
