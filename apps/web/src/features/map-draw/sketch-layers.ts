import type { Layer } from '@deck.gl/core';
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LonLat } from '@onemap/geo';
import { outlineOf, pendingRadiusKm, type Sketch } from './sketch';

const INK: [number, number, number, number] = [63, 169, 245, 255];
const FILL: [number, number, number, number] = [63, 169, 245, 60];
const WHITE: [number, number, number, number] = [255, 255, 255, 255];

/** The radius as the toolbar and the map both show it. */
export function formatRadiusKm(km: number): string {
  return `${km < 10 ? km.toFixed(2) : km.toFixed(1)} km`;
}

/**
 * The shape being drawn, over everything else: its area, the line to the pointer, the placed
 * points (the first one larger once the polygon can be closed on it) and a circle's radius.
 * Nothing here is pickable, so a click always lands on the map beneath.
 */
export function sketchLayers(sketch: Sketch | null, uiScale: number): Layer[] {
  if (!sketch) return [];
  const { ring, path, vertices } = outlineOf(sketch);
  const closable = sketch.mode === 'polygon' && vertices.length >= 3;
  const layers: Layer[] = [];
  if (ring) {
    layers.push(
      new PolygonLayer<LonLat[]>({
        id: 'draw|area',
        data: [ring],
        getPolygon: (r) => r,
        getFillColor: FILL,
        stroked: false,
        pickable: false,
      }),
    );
  }
  if (path.length >= 2) {
    layers.push(
      new PathLayer<LonLat[]>({
        id: 'draw|path',
        data: [path],
        getPath: (p) => p,
        getColor: INK,
        getWidth: 2.5,
        widthUnits: 'pixels',
        widthScale: uiScale,
        pickable: false,
      }),
    );
  }
  layers.push(
    new ScatterplotLayer<LonLat>({
      id: 'draw|vertices',
      data: vertices,
      getPosition: (p) => p,
      getRadius: (_p, { index }) => (index === 0 && closable ? 8 : 5),
      updateTriggers: { getRadius: closable },
      radiusUnits: 'pixels',
      radiusScale: uiScale,
      getFillColor: WHITE,
      stroked: true,
      getLineColor: INK,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      lineWidthScale: uiScale,
      pickable: false,
    }),
  );
  const radius = pendingRadiusKm(sketch);
  if (radius !== null && sketch.cursor) {
    layers.push(
      new TextLayer<{ at: LonLat; text: string }>({
        id: 'draw|radius',
        data: [{ at: sketch.cursor, text: formatRadiusKm(radius) }],
        getPosition: (d) => d.at,
        getText: (d) => d.text,
        getSize: 14,
        sizeScale: uiScale,
        getColor: WHITE,
        getPixelOffset: [0, -18 * uiScale],
        background: true,
        getBackgroundColor: [6, 16, 25, 220],
        backgroundPadding: [4, 2],
        fontFamily: 'DejaVu Sans Mono, monospace',
        pickable: false,
      }),
    );
  }
  return layers;
}
