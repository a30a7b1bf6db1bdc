import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../data/trpc';
import { useCamera } from '../../state/camera';
import { useSelection } from '../../state/selection';
import { useView } from '../../state/view';

/** Close enough to tell a gauge from its neighbours on the river, not so close the town is gone. */
const SENSOR_ZOOM = 11;

/**
 * Opens a sensor known by its code (an alarm names its sensor so): flies the map to it and shows it
 * in the detail drawer. Resolves false when the sensor cannot be read (gone, out of region).
 */
export function useOpenSensor(): (code: string) => Promise<boolean> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    async (code: string) => {
      const sensor = await queryClient
        .fetchQuery({ ...trpc.monitoring.sensor.queryOptions({ code }), staleTime: 10_000 })
        .catch(() => null);
      if (!sensor) return false;
      useSelection.getState().select({ layer: 'sensors', id: sensor.id });
      useCamera.getState().moveTo({
        kind: 'point',
        lon: sensor.lon,
        lat: sensor.lat,
        zoom: Math.max(useView.getState().zoom, SENSOR_ZOOM),
      });
      return true;
    },
    [trpc, queryClient],
  );
}
