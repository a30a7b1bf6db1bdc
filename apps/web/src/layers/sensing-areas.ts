import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathLayer, PolygonLayer } from '@deck.gl/layers';
import { remoteSensingKinds, type SensingAreaFeature } from '@onemap/domain';
import { type AreaData, type AreaPart, sensingAreaSource } from '../data/sensing';
import { formatDateTime } from '../i18n/format';
import type { Language } from '../i18n/messages';
import { colorScheme, colors, pickHighlight, UNKNOWN_COLOR, withAlpha } from './palette';
import { deckLayerId, defineFeatureLayer, type FeatureRenderProps, type RGBA } from './types';

const kindColors = colorScheme(remoteSensingKinds, {
  fire_hotspot: colors.red,
  flood_extent: [40, 140, 255, 235],
  imagery_footprint: [200, 175, 255, 230],
  burn_scar: [150, 40, 30, 235],
  landslide: [190, 120, 50, 235],
});
const colorOf = new Map(kindColors.legend.map((e) => [e.code, e.color]));
/** Aerial footprints (drones, aircraft) in mint beside the satellites' lavender. */
const AERIAL_OUTLINE: RGBA = [110, 230, 190, 230];
/** Areas are washed, not painted: what lies in a flood must stay readable through it. */
const FILL_ALPHA = 90;

function colorOfPart(p: AreaPart): RGBA {
  return colorOf.get(p.feature.properties.kind) ?? UNKNOWN_COLOR;
}

/**
 * 遥感监测范围: flood extents, burn scars and landslides filled; image footprints outlined only
 * (a scene covers a whole county, and a fill would hide everything under it), with the platform
 * and time under the pointer.
 */
export const sensingAreas = defineFeatureLayer<AreaData>({
  id: 'sensingAreas',
  colorBy: 'category',
  source: sensingAreaSource,
  legend: () => kindColors.legend.filter((e) => e.code !== 'fire_hotspot'),
  renderLayer({ data, scale }: FeatureRenderProps<AreaData>): Layer[] {
    if (!data || data.parts.length === 0) return [];
    const filled = data.parts.filter((p) => p.feature.properties.kind !== 'imagery_footprint');
    const footprints = data.parts.filter((p) => p.feature.properties.kind === 'imagery_footprint');
    return [
      new PolygonLayer<AreaPart>({
        id: deckLayerId('sensingAreas', 'filled'),
        data: filled,
        getPolygon: (p) => p.rings as never,
        getFillColor: (p) => withAlpha(colorOfPart(p), FILL_ALPHA),
        getLineColor: (p) => [...colorOfPart(p)],
        getLineWidth: 1.5,
        lineWidthUnits: 'pixels',
        lineWidthScale: scale,
        lineWidthMinPixels: 1,
        stroked: true,
        filled: true,
        ...pickHighlight(60),
      }),
      new PathLayer<AreaPart>({
        id: deckLayerId('sensingAreas', 'footprints'),
        data: footprints,
        getPath: (p) => p.rings[0] as never,
        getColor: (p) =>
          p.feature.properties.channel === 'aerial' ? [...AERIAL_OUTLINE] : [...colorOfPart(p)],
        getWidth: 1.5,
        widthUnits: 'pixels',
        widthScale: scale,
        // Wide enough to find with the pointer.
        widthMinPixels: 2,
        jointRounded: true,
        ...pickHighlight(230),
      }),
    ];
  },
  featureIdAt(info: PickingInfo): number | null {
    return (info.object as AreaPart | undefined)?.feature.properties.id ?? null;
  },
  tooltipAt(info: PickingInfo, language: Language): string | null {
    const f = (info.object as AreaPart | undefined)?.feature as SensingAreaFeature | undefined;
    if (!f) return null;
    const kind = remoteSensingKinds.labels[f.properties.kind][language];
    return `${f.properties.platform} ${kind} · ${formatDateTime(f.properties.acquiredAt, false)}`;
  },
});
