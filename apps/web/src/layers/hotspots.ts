import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { type HotspotConfidence, type HotspotFeature, hotspotAges } from '@onemap/domain';
import { type HotspotData, hotspotSource } from '../data/sensing';
import { formatDateTime } from '../i18n/format';
import { colorScheme, colors, pickHighlight } from './palette';
import { deckLayerId, defineFeatureLayer, type FeatureRenderProps } from './types';

/** Fresh fires burn bright; a day-old detection is orange, a three-day-old one amber, older grey. */
const ageColors = colorScheme(hotspotAges, {
  h6: [255, 45, 30, 250],
  h24: colors.orange,
  h72: [250, 200, 70, 215],
  older: colors.grey,
});

/** A confident detection is drawn bigger and solid; a doubtful one small and faint. */
const confidenceStyle: Record<HotspotConfidence, { radius: number; alpha: number }> = {
  high: { radius: 5.5, alpha: 1 },
  nominal: { radius: 4.5, alpha: 0.85 },
  low: { radius: 3.5, alpha: 0.55 },
};

type Item = HotspotData['items'][number];

/** 卫星火点: satellite fire detections of the last 72 hours, coloured by age, sized by confidence. */
export const hotspots = defineFeatureLayer<HotspotData>({
  id: 'hotspots',
  colorBy: 'state',
  source: hotspotSource,
  legend: () => ageColors.legend,
  renderLayer({ data, scale }: FeatureRenderProps<HotspotData>): Layer[] {
    if (!data || data.items.length === 0) return [];
    return [
      new ScatterplotLayer<Item>({
        id: deckLayerId('hotspots', 'points'),
        data: data.items as Item[],
        getPosition: (d) => d.feature.geometry.coordinates,
        getFillColor: (d) => {
          const [r, g, b, a] = ageColors.byPosition[hotspotAges.indexOf(d.age)] ?? colors.grey;
          return [r, g, b, Math.round(a * confidenceStyle[d.feature.properties.confidence].alpha)];
        },
        getRadius: (d) => confidenceStyle[d.feature.properties.confidence].radius,
        radiusUnits: 'pixels',
        radiusScale: scale,
        radiusMinPixels: 2,
        stroked: true,
        getLineColor: [60, 10, 0, 220],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        ...pickHighlight(180),
      }),
    ];
  },
  featureIdAt(info: PickingInfo): number | null {
    return (info.object as Item | undefined)?.feature.properties.id ?? null;
  },
  tooltipAt(info: PickingInfo): string | null {
    const f = (info.object as Item | undefined)?.feature as HotspotFeature | undefined;
    return f ? `${f.properties.platform} · ${formatDateTime(f.properties.acquiredAt, false)}` : null;
  },
});
