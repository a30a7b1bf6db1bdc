import type { Layer } from '@deck.gl/core';
import type { BBox } from '@onemap/geo';
import { useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { computeViewStats, isLayerDataKey, type LayerData, useLayerData } from '../data/use-layer-data';
import { DetailDrawer, useSelectedDetail } from '../features/detail-drawer/DetailDrawer';
import { LayerPanel } from '../features/layer-panel/LayerPanel';
import { StatusBar } from '../features/status-bar/StatusBar';
import { localeOf, translate } from '../i18n/messages';
import { layerModules } from '../layers/registry';
import { selectionMarker } from '../layers/selection-marker';
import { symbolScale } from '../layers/types';
import { type MapHandle, MapView } from '../map/MapView';
import { PanelArea } from '../panels/PanelArea';
import { useCamera } from '../state/camera';
import { useLanguage } from '../state/language';
import { useLayerVisibility } from '../state/layer-visibility';
import { useSelection } from '../state/selection';
import { useUiScale } from '../state/ui-scale';
import { useView } from '../state/view';
import { installDebugHandle } from './debug-handle';
import { TopBar } from './TopBar';

/** Below this width the layer panel starts folded so the map stays usable on a phone. */
const NARROW_WIDTH = 720;

export function App() {
  const language = useLanguage((s) => s.language);
  const uiScale = useUiScale((s) => s.uiScale);
  const visible = useLayerVisibility((s) => s.visible);
  const bounds = useView((s) => s.bounds);
  // Half-zoom steps: symbols resize as the map closes in without re-rendering on every frame.
  const zoomStep = useView((s) => Math.round(s.zoom * 2) / 2);
  const camera = useCamera((s) => s.request);
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const [panelCollapsed, setPanelCollapsed] = useState(() => window.innerWidth < NARROW_WIDTH);

  useEffect(() => {
    document.documentElement.lang = localeOf[language];
    document.title = `${translate(language, 'app.title')} · OneMap`;
  }, [language]);

  useEffect(() => {
    const onResize = () => useUiScale.getState().update(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    document.documentElement.style.setProperty('--ui-scale', String(uiScale));
  }, [uiScale]);

  const data = useLayerData(visible, bounds);
  const stats = useMemo(() => computeViewStats(data, bounds), [data, bounds]);

  const detail = useSelectedDetail();
  // Regions and links are areas and lines: a ring at their centre would point at nothing in particular.
  const ringed = detail.data && selected && selected.layer !== 'regions' && selected.layer !== 'commLinks';
  const ringLon = ringed ? (detail.data?.lon ?? null) : null;
  const ringLat = ringed ? (detail.data?.lat ?? null) : null;

  const deckLayers = useMemo<Layer[]>(() => {
    const scale = symbolScale(uiScale, zoomStep);
    const drawn = layerModules.flatMap((m): Layer[] => {
      if (!visible[m.id]) return [];
      return m.kind === 'points'
        ? m.renderLayer({ tiles: data.points[m.id], scale })
        : m.renderLayer({ links: data.links, scale });
    });
    const ring = ringLon !== null && ringLat !== null ? ([ringLon, ringLat] as [number, number]) : null;
    return [...drawn, ...selectionMarker(ring, uiScale)];
  }, [visible, data, uiScale, zoomStep, ringLon, ringLat]);

  // The debug handle reads the latest values without re-installing itself on every render.
  const mapRef = useRef<MapLibreMap | null>(null);
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
        map: () => mapRef.current,
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
      }),
    [queryClient],
  );

  const onReady = useCallback((handle: MapHandle | null) => {
    mapRef.current = handle?.map ?? null;
  }, []);
  const rem = Math.max(13, 16 * uiScale);
  const padding = {
    top: 4.5 * rem,
    bottom: 3.5 * rem,
    left: (panelCollapsed ? 1 : 20) * rem,
    right: 2 * rem,
  };

  return (
    <div className="app">
      <MapView
        layers={deckLayers}
        language={language}
        uiScale={uiScale}
        camera={camera}
        padding={padding}
        onReady={onReady}
        onViewChange={useView.getState().setBounds}
        onCameraChange={useView.getState().setCamera}
        onCursor={useView.getState().setCursor}
        onPick={select}
      />
      <TopBar />
      <LayerPanel
        counts={stats.counts}
        status={data.status}
        collapsed={panelCollapsed}
        onToggleCollapsed={() => setPanelCollapsed((c) => !c)}
      />
      <div className="side-column">
        <PanelArea stats={stats} links={data.links} />
        <DetailDrawer />
      </div>
      <StatusBar />
    </div>
  );
}
