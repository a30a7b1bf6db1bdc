import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { type DroneFlightFeature, type DroneFlightStatus, droneFlightStatuses } from '@onemap/domain';
import { droneFlightSource, type FlightData } from '../data/sensing';
import { formatDateTime } from '../i18n/format';
import { colorScheme, colors, pickHighlight, UNKNOWN_COLOR, withAlpha } from './palette';
import { deckLayerId, defineFeatureLayer, type FeatureRenderProps } from './types';

const statusColors = colorScheme(droneFlightStatuses, {
  in_flight: colors.green,
  completed: [120, 200, 255, 220],
  aborted: colors.grey,
});
const colorOf = new Map(statusColors.legend.map((e) => [e.code, e.color]));
const statusColor = (f: DroneFlightFeature) =>
  colorOf.get(f.properties.status as DroneFlightStatus) ?? UNKNOWN_COLOR;

/**
 * 无人机航迹: each flight's track, and a dot where the drone was last — where it is now while it
 * flies, where it landed after. Flights in the air get the bigger dot with a white ring.
 */
export const droneFlights = defineFeatureLayer<FlightData>({
  id: 'droneFlights',
  colorBy: 'state',
  source: droneFlightSource,
  legend: () => statusColors.legend,
  renderLayer({ data, scale }: FeatureRenderProps<FlightData>): Layer[] {
    if (!data || data.features.length === 0) return [];
    const features = data.features as DroneFlightFeature[];
    return [
      new PathLayer<DroneFlightFeature>({
        id: deckLayerId('droneFlights', 'tracks'),
        data: features,
        getPath: (f) => f.geometry.coordinates,
        getColor: (f) => withAlpha(statusColor(f), 200),
        getWidth: 2,
        widthUnits: 'pixels',
        widthScale: scale,
        widthMinPixels: 1,
        jointRounded: true,
        capRounded: true,
        ...pickHighlight(220),
      }),
      new ScatterplotLayer<DroneFlightFeature>({
        id: deckLayerId('droneFlights', 'latest'),
        data: features,
        getPosition: (f) => f.geometry.coordinates[f.geometry.coordinates.length - 1] as [number, number],
        getFillColor: (f) => [...statusColor(f)],
        getRadius: (f) => (f.properties.status === 'in_flight' ? 6 : 4),
        radiusUnits: 'pixels',
        radiusScale: scale,
        stroked: true,
        getLineColor: (f) => (f.properties.status === 'in_flight' ? [255, 255, 255, 255] : [6, 14, 24, 200]),
        getLineWidth: (f) => (f.properties.status === 'in_flight' ? 2 : 1),
        lineWidthUnits: 'pixels',
        ...pickHighlight(180),
      }),
    ];
  },
  featureIdAt(info: PickingInfo): number | null {
    return (info.object as DroneFlightFeature | undefined)?.properties.id ?? null;
  },
  tooltipAt(info: PickingInfo): string | null {
    const f = info.object as DroneFlightFeature | undefined;
    if (!f) return null;
    const last = f.properties.times[f.properties.times.length - 1] ?? f.properties.startedAt;
    return `${f.properties.platform} · ${formatDateTime(last, false)}`;
  },
});
