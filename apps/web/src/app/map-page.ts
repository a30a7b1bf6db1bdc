import type { Layer } from '@deck.gl/core';
import type { BBox } from '@onemap/geo';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { liveSensors } from '../data/live-sensors';
import { useSensorPointFilter } from '../data/sensor-filter';
import {
  computeViewStats,
  isLayerDataKey,
  type LayerData,
  type LayerViewStats,
  type PointFilters,
  useLayerData,
} from '../data/use-layer-data';
import { liveLayerIds } from '../layers/registry';
import { type LayerId, type LayerModule, symbolScale } from '../layers/types';
import type { MapHandle, MapViewProps } from '../map/MapView';
import { useLanguage } from '../state/language';
import { useLayerVisibility } from '../state/layer-visibility';
import { useLive } from '../state/live';
import { useUiScale } from '../state/ui-scale';
import { useView } from '../state/view';
import { installDebugHandle } from './debug-handle';

export interface MapPage {
  data: LayerData;
  stats: LayerViewStats;
  /** For the map view: the page's layers, then `overlays` on top. */
  deckLayers: Layer[];
  /** For the map view's live canvas: the layers that move (`liveLayerIds`), then `liveOverlays`. */
  liveDeckLayers: Layer[];
  /** The map view's reports, wired to the view store: spread them onto `MapView`. */
  reports: Pick<MapViewProps, 'onReady' | 'onViewChange' | 'onCameraChange' | 'onCursor'>;
}

const { setBounds, setCamera, setCursor } = useView.getState();

/**
 * What a page's map shows, for the layer modules that page offers: the internal shell offers all
 * of them, the public zone only the public ones. Layers outside the set are never loaded, so a
 * page cannot ask for data it is not meant to have. Also installs the debug handle for the page.
 */
export function useMapPage(
  modules: readonly LayerModule[],
  overlays: readonly Layer[],
  liveOverlays: readonly Layer[] = [],
): MapPage {
  const uiScale = useUiScale((s) => s.uiScale);
  const chosen = useLayerVisibility((s) => s.visible);
  const bounds = useView((s) => s.bounds);
  // Half-zoom steps: symbols resize as the map closes in without re-rendering on every frame.
  const zoomStep = useView((s) => Math.round(s.zoom * 2) / 2);

  const visible = useMemo(() => {
    const offered = new Set<LayerId>(modules.map((m) => m.id));
    const out = {} as Record<LayerId, boolean>;
    for (const id of Object.keys(chosen) as LayerId[]) out[id] = offered.has(id) && chosen[id];
    return out;
  }, [modules, chosen]);

  const featureSources = useMemo(
    () => modules.flatMap((m) => (m.kind === 'features' ? [m.source] : [])),
    [modules],
  );
  const data = useLayerData(visible, bounds, featureSources);
  const sensorFilter = useSensorPointFilter();
  const filters = useMemo<PointFilters>(() => ({ sensors: sensorFilter }), [sensorFilter]);
  // Live changes patch loaded tiles in place: the revision is what tells the memos they moved.
  const liveRevision = useLive((s) => s.revision);
  const overrideRevision = useLive((s) => s.overrideRevision);
  const unitRevision = useLive((s) => s.unitRevision);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revisions stand for the patched tiles.
  const stats = useMemo(
    () => computeViewStats(data, bounds, filters, { sensors: liveSensors.overrides }),
    [data, bounds, filters, liveRevision, overrideRevision, unitRevision],
  );

  const render = useCallback(
    (m: LayerModule, scale: number): Layer[] => {
      if (!visible[m.id]) return [];
      if (m.kind === 'points')
        return m.renderLayer({ tiles: data.points[m.id], scale, filter: filters[m.id] ?? null });
      if (m.kind === 'lines') return m.renderLayer({ links: data.links, scale });
      if (m.kind === 'features')
        return m.renderLayer({ data: data.features[m.id]?.data, scale, zoom: zoomStep });
      return m.renderLayer({ warnings: data.warnings, scale });
    },
    [visible, data, zoomStep, filters],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: liveRevision stands for the patched tiles.
  const deckLayers = useMemo<Layer[]>(() => {
    const scale = symbolScale(uiScale, zoomStep);
    const drawn = modules.filter((m) => !liveLayerIds.has(m.id)).flatMap((m) => render(m, scale));
    return [...drawn, ...overlays];
  }, [modules, render, uiScale, zoomStep, overlays, liveRevision]);
  // What the sensor stream moves, over the tiles: its own memo, so a unit's move does not rebuild it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revisions stand for the live states.
  const liveStateLayers = useMemo<Layer[]>(() => {
    const scale = symbolScale(uiScale, zoomStep);
    return modules.flatMap((m) =>
      m.kind === 'points' && visible[m.id] && !liveLayerIds.has(m.id)
        ? m.renderLive({
            tiles: data.points[m.id],
            scale,
            filter: filters[m.id] ?? null,
            overrides: m.id === 'sensors' ? liveSensors.overrides : undefined,
          })
        : [],
    );
  }, [modules, visible, data, filters, uiScale, zoomStep, liveRevision, overrideRevision]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: unitRevision stands for the patched tiles.
  const liveDeckLayers = useMemo<Layer[]>(() => {
    const scale = symbolScale(uiScale, zoomStep);
    const drawn = modules.filter((m) => liveLayerIds.has(m.id)).flatMap((m) => render(m, scale));
    return [...liveStateLayers, ...drawn, ...liveOverlays];
  }, [modules, render, uiScale, zoomStep, liveOverlays, liveStateLayers, unitRevision]);

  // The debug handle reads the latest values without re-installing itself on every render.
  const mapRef = useRef<MapHandle | null>(null);
  const statsRef = useRef(stats);
  statsRef.current = stats;
  // What the map was last handed, recorded after commit (MapView's effects have run by then).
  const committed = useRef<{ bounds: BBox | null; status: LayerData['status'] } | null>(null);
  useEffect(() => {
    committed.current = { bounds, status: data.status };
  });
  const queryClient = useQueryClient();
  useEffect(
    () =>
      installDebugHandle({
        mapHandle: () => mapRef.current,
        visibleCounts: () => statsRef.current.counts,
        loadedCounts: () => statsRef.current.loaded,
        dataSettled: () => {
          const c = committed.current;
          // A move that ended after the last render has not asked for its tiles yet.
          if (!c || c.bounds === null || c.bounds !== useView.getState().bounds) return false;
          if (Object.values(c.status).includes('loading')) return false;
          return queryClient.isFetching({ predicate: (q) => isLayerDataKey(q.queryKey) }) === 0;
        },
        language: () => useLanguage.getState().language,
        stateOf: (layer, id) => (layer === 'sensors' ? liveSensors.stateOf(id) : null),
        liveStatus: () => useLive.getState().status,
      }),
    [queryClient],
  );

  const onReady = useCallback((handle: MapHandle | null) => {
    mapRef.current = handle;
  }, []);

  const reports = useMemo(
    () => ({ onReady, onViewChange: setBounds, onCameraChange: setCamera, onCursor: setCursor }),
    [onReady],
  );
  return { data, stats, deckLayers, liveDeckLayers, reports };
}
