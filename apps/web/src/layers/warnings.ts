import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathLayer, PolygonLayer } from '@deck.gl/layers';
import { type CapSeverity, capSeverities } from '@onemap/domain';
import type { Position } from '@onemap/geo';
import type { Polygons, WarningShape } from '../data/warnings';
import { colorScheme, colors, pickHighlight, UNKNOWN_COLOR, withAlpha } from './palette';
import { type AreaLayerModule, type AreaRenderProps, deckLayerId, type RGBA } from './types';

/** The four-colour warning scale of the national warning system: red, orange, yellow, blue. */
export const severityColors = colorScheme(capSeverities, {
  Extreme: colors.red,
  Severe: colors.orange,
  Moderate: colors.yellow,
  Minor: colors.blue,
  Unknown: colors.grey,
});
const colorOf = new Map(severityColors.legend.map((e) => [e.code, e.color]));

export function severityColor(severity: string): RGBA {
  return colorOf.get(severity as CapSeverity) ?? UNKNOWN_COLOR;
}

/** Areas are washed, not painted: the points inside must stay readable through them. */
const FILL_ALPHA = 70;
/** Warnings imported from other agencies are outlined white, ours in their own colour. */
const IMPORTED_OUTLINE: RGBA = [255, 255, 255, 230];

/** One polygon of a warning's area (a warning's area may be several). */
interface AreaPart {
  warning: WarningShape;
  rings: Polygons[number];
}

function partsOf(shapes: readonly WarningShape[]): AreaPart[] {
  return shapes.flatMap((warning) => warning.polygons.map((rings) => ({ warning, rings })));
}

/**
 * 预警区域: the areas of warnings in force, filled in their severity colour. Drawn beneath
 * everything else, so the facilities and sensors inside an area stay on top of it.
 */
export const warnings: AreaLayerModule = {
  kind: 'areas',
  id: 'warnings',
  label: { zh: '预警区域', en: 'Warning areas' },
  group: 'monitoring',
  colorBy: 'category',
  legend: () => severityColors.legend,
  renderLayer({ warnings: shapes, scale }: AreaRenderProps): Layer[] {
    if (!shapes || shapes.length === 0) return [];
    return [
      new PolygonLayer<AreaPart>({
        id: deckLayerId('warnings', 'areas'),
        data: partsOf(shapes),
        getPolygon: (p) => p.rings as never,
        getFillColor: (p) => withAlpha(severityColor(p.warning.severity), FILL_ALPHA),
        getLineColor: (p) =>
          p.warning.source === 'imported' ? [...IMPORTED_OUTLINE] : [...severityColor(p.warning.severity)],
        getLineWidth: (p) => (p.warning.source === 'imported' ? 1.5 : 2.5),
        lineWidthUnits: 'pixels',
        lineWidthScale: scale,
        lineWidthMinPixels: 1,
        stroked: true,
        filled: true,
        ...pickHighlight(50),
      }),
    ];
  },
  featureIdAt(info: PickingInfo): number | null {
    return (info.object as AreaPart | undefined)?.warning.id ?? null;
  },
};

/** The outline of the warning whose details are open, drawn over everything so the eye finds it. */
export function warningHighlight(polygons: Polygons | undefined, uiScale: number): Layer[] {
  if (!polygons || polygons.length === 0) return [];
  return [
    new PathLayer<readonly Position[]>({
      id: 'warnings-focus|outline',
      data: polygons.flat(),
      getPath: (ring) => ring as never,
      getColor: [255, 255, 255, 255],
      getWidth: 4,
      widthUnits: 'pixels',
      widthScale: uiScale,
      jointRounded: true,
      pickable: false,
    }),
  ];
}

/** The area of a warning being drafted, in the drawing colour until it is saved with a severity. */
export function draftAreaLayers(polygons: Polygons, uiScale: number): Layer[] {
  if (polygons.length === 0) return [];
  return [
    new PolygonLayer<Polygons[number]>({
      id: 'warnings-draft|areas',
      data: polygons as Polygons[number][],
      getPolygon: (rings) => rings as never,
      getFillColor: [63, 169, 245, 60],
      getLineColor: [63, 169, 245, 255],
      getLineWidth: 2.5,
      lineWidthUnits: 'pixels',
      lineWidthScale: uiScale,
      stroked: true,
      filled: true,
      pickable: false,
    }),
  ];
}
