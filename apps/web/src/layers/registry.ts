import type { PickingInfo } from '@deck.gl/core';
import { type FeatureRef, layerClassification } from '@onemap/domain';
import type { Language } from '../i18n/messages';
import { cameras } from './cameras';
import { commLinks } from './comm-links';
import { commNodes } from './comm-nodes';
import { depots } from './depots';
import { droneFlights } from './drone-flights';
import { enterprises } from './enterprises';
import { hospitals } from './hospitals';
import { hotspots } from './hotspots';
import { incidents } from './incidents';
import { sensingAreas } from './sensing-areas';
import { sensors } from './sensors';
import { shelters } from './shelters';
import { teams } from './teams';
import { type LayerId, type LayerModule, layerIdOfDeckLayer } from './types';
import { warnings } from './warnings';

/**
 * Every data layer of the map, registered here and nowhere else. The order is the drawing order,
 * bottom first: warning areas under everything, then remote-sensing areas, links under points,
 * the many small points under the few important ones. Cameras sit over the sensors (a camera is
 * one), so a click on one opens the camera with its stream and still.
 */
export const layerModules: readonly LayerModule[] = [
  warnings,
  sensingAreas,
  commLinks,
  droneFlights,
  enterprises,
  sensors,
  cameras,
  hotspots,
  commNodes,
  depots,
  shelters,
  hospitals,
  teams,
  incidents,
];

/**
 * The layers that move all the time (units on their way): drawn on a deck.gl canvas of their own,
 * so that a unit's move redraws them and not the tens of thousands of sensors beneath. On a
 * software renderer a redraw of everything costs about a second (see docs/operations.md). The
 * point layers' live states (`renderLive`: sensors changed since their tile, alarm rings) go there
 * as well.
 */
export const liveLayerIds: ReadonlySet<LayerId> = new Set<LayerId>(['teams']);

/**
 * The layers whose features are public as a whole: all the public zone may show. Warning areas
 * are the open feed of the warnings in force: telling the public is what they are for.
 */
export const publicLayerModules: readonly LayerModule[] = layerModules.filter(
  (m) => m.kind === 'areas' || layerClassification[m.id] === 'public',
);

const byId = new Map<string, LayerModule>(layerModules.map((m) => [m.id, m]));

export function layerModule(id: LayerId): LayerModule {
  return byId.get(id) as LayerModule;
}

/** What a click on the map picked: a feature the detail drawer shows, or a warning's area. */
export type MapPick = FeatureRef | { layer: 'warnings'; id: number };

/** The feature a deck.gl pick landed on. */
export function featureRefOfPick(info: PickingInfo | null | undefined): MapPick | null {
  if (!info?.layer) return null;
  const module = byId.get(layerIdOfDeckLayer(info.layer.id));
  const id = module?.featureIdAt(info);
  return module && id != null ? { layer: module.id, id } : null;
}

/** The hover text of the feature under the pointer, in the UI language, or null. */
export function tooltipOfPick(info: PickingInfo | null | undefined, language: Language): string | null {
  if (!info?.layer || !info.picked) return null;
  return byId.get(layerIdOfDeckLayer(info.layer.id))?.tooltipAt?.(info, language) ?? null;
}
