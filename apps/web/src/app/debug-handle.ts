import type { Map as MapLibreMap } from 'maplibre-gl';
import { liveTeams } from '../data/live-teams';
import type { Language } from '../i18n/messages';
import type { LayerId } from '../layers/types';
import { type DeckGlSettings, deckGlSettings } from '../map/gl-settings';
import type { MapHandle } from '../map/MapView';
import type { LiveStatus } from '../state/live';

/**
 * A read-only window onto the running app, at `window.onemap`, for end-to-end tests and for an
 * operator's console: where a feature is on screen, what each layer has drawn, whether the map has
 * settled.
 */
export interface OneMapDebugHandle {
  readonly map: MapLibreMap | null;
  /** Screen pixels relative to the map canvas' top-left corner. */
  project(lon: number, lat: number): { x: number; y: number };
  /** Features of each layer inside the current view (what the layer panel shows). */
  visibleCounts(): Record<LayerId, number>;
  /** Features of each layer loaded for the current view. */
  loadedCounts(): Record<LayerId, number>;
  /** The map has finished moving and drawing, and no data request is in flight. */
  isIdle(): boolean;
  readonly language: Language;
  /** The state code drawn for a point (live changes included), or null when it is not loaded. */
  stateOf(layer: 'sensors', id: number): string | null;
  /** The live sensor stream: off, (re)connecting, or open. */
  liveStatus(): LiveStatus;
  /** Where a team is drawn (live positions included) and its status, or null when not loaded. */
  unitOf(id: number): { lon: number; lat: number; status: string } | null;
  /** The teams drawing a trail behind them now. */
  trailCodes(): string[];
  /** The WebGL settings the map's deck.gl canvases were made with, for this browser's renderer. */
  deckGl(): DeckGlSettings;
}

declare global {
  interface Window {
    onemap?: OneMapDebugHandle;
  }
}

export interface DebugSources {
  /** The map and its canvases, once MapView has made them. */
  mapHandle(): MapHandle | null;
  visibleCounts(): Record<LayerId, number>;
  loadedCounts(): Record<LayerId, number>;
  /** Every visible layer's data for the current view is loaded and handed to the map. */
  dataSettled(): boolean;
  language(): Language;
  stateOf(layer: 'sensors', id: number): string | null;
  liveStatus(): LiveStatus;
}

export function installDebugHandle(sources: DebugSources): () => void {
  const handle: OneMapDebugHandle = {
    get map() {
      return sources.mapHandle()?.map ?? null;
    },
    project(lon, lat) {
      const map = sources.mapHandle()?.map;
      if (!map) throw new Error('onemap: the map is not ready');
      const p = map.project([lon, lat]);
      return { x: p.x, y: p.y };
    },
    visibleCounts: () => ({ ...sources.visibleCounts() }),
    loadedCounts: () => ({ ...sources.loadedCounts() }),
    isIdle() {
      const handle = sources.mapHandle();
      if (!handle) return false;
      const { map } = handle;
      return (
        map.loaded() && !map.isMoving() && map.areTilesLoaded() && sources.dataSettled() && handle.drawn()
      );
    },
    get language() {
      return sources.language();
    },
    stateOf: (layer, id) => sources.stateOf(layer, id),
    liveStatus: () => sources.liveStatus(),
    unitOf: (id) => liveTeams.unitOf(id),
    trailCodes: () => liveTeams.trails().map((t) => t.teamCode),
    deckGl: () => ({ ...deckGlSettings() }),
  };
  Object.defineProperty(window, 'onemap', { value: handle, configurable: true, enumerable: false });
  return () => {
    delete window.onemap;
  };
}
