import { useMemo, useState } from 'react';
import { DetailDrawer, useSelectedDetail } from '../features/detail-drawer/DetailDrawer';
import { LayerPanel } from '../features/layer-panel/LayerPanel';
import { useLiveSensors } from '../features/live/live-sensors';
import { useSessionExpiry } from '../features/session/session';
import { StatusBar } from '../features/status-bar/StatusBar';
import { useT } from '../i18n/use-t';
import { layerModules } from '../layers/registry';
import { selectionMarker } from '../layers/selection-marker';
import { MapView } from '../map/MapView';
import { PanelArea } from '../panels/PanelArea';
import { useCamera } from '../state/camera';
import { useSelection } from '../state/selection';
import { NARROW_WIDTH, useUiScale } from '../state/ui-scale';
import { useDocumentTitle } from './document-title';
import { useMapPage } from './map-page';
import { TopBar } from './TopBar';

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

  const detail = useSelectedDetail();
  // Regions and links are areas and lines: a ring at their centre would point at nothing in particular.
  const ringed = detail.data && selected && selected.layer !== 'regions' && selected.layer !== 'commLinks';
  const ringLon = ringed ? (detail.data?.lon ?? null) : null;
  const ringLat = ringed ? (detail.data?.lat ?? null) : null;
  const ring = useMemo(
    () => selectionMarker(ringLon !== null && ringLat !== null ? [ringLon, ringLat] : null, uiScale),
    [ringLon, ringLat, uiScale],
  );
  const { data, stats, deckLayers, reports } = useMapPage(layerModules, ring);

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
        {...reports}
        onPick={select}
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
          <DetailDrawer />
        </div>
        <StatusBar />
      </div>
    </div>
  );
}
