import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { useMay } from '../data/session';
import { AlarmToasts } from '../features/alarms/AlarmToasts';
import { useAlarmPulses } from '../features/alarms/alarm-pulses';
import { useAlarmLiveRefresh } from '../features/alarms/use-alarms';
import { DetailDrawer, useSelectedDetail } from '../features/detail-drawer/DetailDrawer';
import { useLiveOperations } from '../features/incidents/live-operations';
import { useIncidentOverlays } from '../features/incidents/map-overlays';
import { useIncidentsUi } from '../features/incidents/store';
import { WallCards } from '../features/incidents/WallCards';
import { LayerPanel } from '../features/layer-panel/LayerPanel';
import { useLiveSensors } from '../features/live/live-sensors';
import { MapDraw } from '../features/map-draw/MapDraw';
import { sketchLayers } from '../features/map-draw/sketch-layers';
import { useMapDraw } from '../features/map-draw/store';
import { useSessionExpiry } from '../features/session/session';
import { StatusBar } from '../features/status-bar/StatusBar';
import { useWarningOverlays } from '../features/warnings/map-overlays';
import { useWarningsUi } from '../features/warnings/store';
import { WarningDrawer } from '../features/warnings/WarningDrawer';
import { useT } from '../i18n/use-t';
import { layerModules, type MapPick } from '../layers/registry';
import { selectionMarker } from '../layers/selection-marker';
import { MapView } from '../map/MapView';
import { PanelArea } from '../panels/PanelArea';
import { useCamera } from '../state/camera';
import { useOpenPanel } from '../state/panels';
import { useSelection } from '../state/selection';
import { NARROW_WIDTH, useUiScale } from '../state/ui-scale';
import { useDocumentTitle } from './document-title';
import { useMapPage } from './map-page';
import { TopBar } from './TopBar';

const { update: updateSketch, finish: finishSketch, cancel: cancelSketch } = useMapDraw.getState();

/** The internal operations shell: every layer, the business panels, details and search. */
export function App() {
  const { t, language } = useT();
  const uiScale = useUiScale((s) => s.uiScale);
  const camera = useCamera((s) => s.request);
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const [panelCollapsed, setPanelCollapsed] = useState(() => window.innerWidth < NARROW_WIDTH);
  useDocumentTitle(t('app.title'));
  useSessionExpiry();
  useLiveSensors();
  useLiveOperations();
  useAlarmLiveRefresh();

  const detail = useSelectedDetail();
  // Regions and links are areas and lines: a ring at their centre would point at nothing in particular.
  const ringed = detail.data && selected && selected.layer !== 'regions' && selected.layer !== 'commLinks';
  const ringLon = ringed ? (detail.data?.lon ?? null) : null;
  const ringLat = ringed ? (detail.data?.lat ?? null) : null;
  const ring = useMemo(
    () => selectionMarker(ringLon !== null && ringLat !== null ? [ringLon, ringLat] : null, uiScale),
    [ringLon, ringLat, uiScale],
  );
  const sketch = useMapDraw((s) => s.sketch);
  const warningOverlays = useWarningOverlays(uiScale);
  const incidentOverlays = useIncidentOverlays(uiScale);
  const overlays = useMemo(
    () => [...warningOverlays, ...ring, ...sketchLayers(sketch, uiScale)],
    [warningOverlays, ring, sketch, uiScale],
  );
  const { data, stats, deckLayers, liveDeckLayers, reports } = useMapPage(
    layerModules,
    overlays,
    incidentOverlays,
  );
  const pulses = useAlarmPulses();
  // The drawing controller binds to the map itself, once the map view has made it.
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const { onReady } = reports;
  const onMapReady = useCallback<typeof onReady>(
    (handle) => {
      onReady(handle);
      setMap(handle?.map ?? null);
    },
    [onReady],
  );
  const focusWarning = useWarningsUi((s) => s.focus);
  // A right click on the map takes an incident in there (接报), for those who may.
  const mayTakeIn = useMay('incidents.manage');
  const onPlace = mayTakeIn
    ? ([lon, lat]: [number, number]) => {
        useIncidentsUi.getState().startIntake({ source: 'map', lon, lat });
        useOpenPanel.setState({ open: 'dispatch' });
      }
    : undefined;
  const onPick = (pick: MapPick) => (pick.layer === 'warnings' ? focusWarning(pick.id) : select(pick));

  // Fitted views (a searched region, a warning's area) land beside the side column when it is open;
  // on a phone the column covers the width, and the view is fitted as if it were not there.
  const sideOpen = useOpenPanel((s) => s.open !== null) && window.innerWidth >= NARROW_WIDTH;
  const rem = Math.max(13, 16 * uiScale);
  const padding = {
    top: 4.5 * rem,
    bottom: 3.5 * rem,
    left: (panelCollapsed ? 1 : 20) * rem,
    right: (sideOpen ? 25 : 2) * rem,
  };

  return (
    <div className={`app${sketch ? ' is-drawing' : ''}`}>
      <MapView
        layers={deckLayers}
        liveLayers={liveDeckLayers}
        pulses={pulses}
        language={language}
        uiScale={uiScale}
        camera={camera}
        padding={padding}
        {...reports}
        onReady={onMapReady}
        onPick={onPick}
        onPlace={onPlace}
      />
      <TopBar />
      <div className="workspace">
        <LayerPanel
          counts={stats.counts}
          status={data.status}
          collapsed={panelCollapsed}
          onToggleCollapsed={() => setPanelCollapsed((c) => !c)}
        />
        <div className="side-column">
          <PanelArea stats={stats} links={data.links} />
          <WarningDrawer />
          <DetailDrawer />
        </div>
        <MapDraw
          map={map}
          sketch={sketch}
          uiScale={uiScale}
          onSketch={updateSketch}
          onDone={finishSketch}
          onCancel={cancelSketch}
        />
        <StatusBar />
        <AlarmToasts />
        <WallCards />
      </div>
    </div>
  );
}
