import { ScatterplotLayer } from '@deck.gl/layers';

/** The ring around the feature whose details are open, so the eye finds it again on the wall. */
export function selectionMarker(position: [number, number] | null, uiScale: number): ScatterplotLayer[] {
  if (!position) return [];
  return [
    new ScatterplotLayer<[number, number]>({
      id: 'selection|ring',
      data: [position],
      getPosition: (p) => p,
      getRadius: 16,
      radiusUnits: 'pixels',
      radiusScale: uiScale,
      filled: false,
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      lineWidthScale: uiScale,
    }),
  ];
}
