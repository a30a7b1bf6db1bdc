import { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { layersTaken } from '../src/map/layers-taken';

// Taken layers (with deck.gl's state) need a WebGL context; every end-to-end test waiting on
// `window.onemap.isIdle()` covers that side.
describe('layersTaken', () => {
  it('is false while a handed layer waits for deck.gl, so the map is not reported drawn', () => {
    const waiting = new ScatterplotLayer({ id: 'sensors|tiles', data: [] });
    expect(layersTaken([waiting])).toBe(false);
    expect(layersTaken([])).toBe(true);
  });
});
