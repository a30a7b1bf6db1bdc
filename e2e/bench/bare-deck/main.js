// The bare page of the rendering bench: deck.gl alone drawing the bench's points as one
// ScatterplotLayer from typed arrays (no basemap, no app), at the view the app showed. What the
// app's frame rate is measured against. Bundled at bench time by render.mjs. With `?style=app` the
// points are drawn as the app draws sensors (3.5 px, outlined), and with `gl=` on a canvas made as
// the app makes its own, so the app's own share of a frame (basemap, other layers, two canvases)
// shows apart from the cost of its point style and canvas settings.
import { Deck, MapView } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';

const params = new URLSearchParams(location.search);
const viewState = {
  longitude: Number(params.get('lon')),
  latitude: Number(params.get('lat')),
  zoom: Number(params.get('zoom')),
};
const asApp = params.get('style') === 'app';
const positions = new Float32Array(await (await fetch('/points.bin')).arrayBuffer());
const length = positions.length / 2;
window.bench = { drawn: false, viewState };
const deck = new Deck({
  parent: document.body,
  // `gl=aa|none`: the canvas settings the app chose for this renderer (apps/web/src/map/gl-settings).
  ...(params.has('gl')
    ? { deviceProps: { webgl: { antialias: params.get('gl') === 'aa', preserveDrawingBuffer: false } } }
    : {}),
  views: new MapView({ repeat: false }),
  viewState,
  controller: false,
  layers: [
    new ScatterplotLayer({
      id: 'points',
      data: { length, attributes: { getPosition: { value: positions, size: 2 } } },
      getFillColor: [31, 120, 180, 255],
      radiusUnits: 'pixels',
      getRadius: asApp ? 3.5 : 4,
      radiusMinPixels: asApp ? 2 : 0,
      stroked: asApp,
      getLineColor: [6, 14, 24, 200],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
    }),
  ],
  onAfterRender: () => {
    window.bench.drawn = true;
  },
});
window.bench.pan = (longitude) => deck.setProps({ viewState: { ...viewState, longitude } });
