import type { PickingInfo } from '@deck.gl/core';
import { type FeatureRef, layerClassification } from '@onemap/domain';
import { commLinks } from './comm-links';
import { commNodes } from './comm-nodes';
import { depots } from './depots';
import { enterprises } from './enterprises';
import { hospitals } from './hospitals';
import { incidents } from './incidents';
import { sensors } from './sensors';
import { shelters } from './shelters';
import { teams } from './teams';
import { type LayerId, type LayerModule, layerIdOfDeckLayer } from './types';

/**
 * Every data layer of the map, registered here and nowhere else. The order is the drawing order,
 * bottom first: links under points, the many small points under the few important ones.
 */
export const layerModules: readonly LayerModule[] = [
  commLinks,
  enterprises,
  sensors,
  commNodes,
  depots,
  shelters,
  hospitals,
  teams,
  incidents,
];

/** The layers whose features are public as a whole: all the public zone may show. */
export const publicLayerModules: readonly LayerModule[] = layerModules.filter(
  (m) => layerClassification[m.id] === 'public',
);

const byId = new Map<string, LayerModule>(layerModules.map((m) => [m.id, m]));

export function layerModule(id: LayerId): LayerModule {
  return byId.get(id) as LayerModule;
}

/** The feature a deck.gl pick landed on, as the detail drawer asks for it. */
export function featureRefOfPick(info: PickingInfo | null | undefined): FeatureRef | null {
  if (!info?.layer) return null;
  const module = byId.get(layerIdOfDeckLayer(info.layer.id));
  const id = module?.featureIdAt(info);
  return module && id != null ? { layer: module.id, id } : null;
}
