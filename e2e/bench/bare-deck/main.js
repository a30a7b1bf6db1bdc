// The bare page of the rendering bench: deck.gl alone drawing the bench's points as one
// ScatterplotLayer from typed arrays (no basemap, no app), at the view the app showed. What the
// app's frame rate is measured against. Bundled at bench time by render.mjs.
import { Deck, MapView } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';

const params = new URLSearchParams(location.search);
const viewState = {
  longitude: Number(params.get('lon')),
  latitude: Number(params.get('lat')),
  zoom: Number(params.get('zoom')),
};
const positions = new Float32Array(await (await fetch('/points.bin')).arrayBuffer());
const length = positions.length / 2;
window.bench = { drawn: false, viewState };
const deck = new Deck({
  parent: document.body,
  views: new MapView({ repeat: false }),
  viewState,
  controller: false,
  layers: [
    new ScatterplotLayer({
      id: 'points',
      data: { length, attributes: { getPosition: { value: positions, size: 2 } } },
      getFillColor: [31, 120, 180, 255],
      radiusUnits: 'pixels',
      getRadius: 4,
    }),
  ],
  onAfterRender: () => {
    window.bench.drawn = true;
  },
});
window.bench.pan = (longitude) => deck.setProps({ viewState: { ...viewState, longitude } });
