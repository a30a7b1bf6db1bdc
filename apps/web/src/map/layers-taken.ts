import type { Layer } from '@deck.gl/core';

/**
 * Whether deck.gl has taken these layers in. `setProps({ layers })` only queues them: deck.gl
 * matches them against the layers before and draws them on its next animation frame, which on a
 * software renderer with 100,000 points is a second away. Until then the canvas still shows the
 * layers before, so "the map has drawn everything" must wait for this as well as for the data.
 *
 * A layer has state only once deck.gl has taken it in (and draws it in that same frame); `isLoaded`
 * is true when it has state and none of its props is still loading.
 */
export function layersTaken(layers: readonly Layer[]): boolean {
  return layers.every((layer) => layer.isLoaded);
}
