import { useMemo, useState } from 'react';
import { useLoadedWarningShapes } from '../data/warnings';
import { LayerPanel } from '../features/layer-panel/LayerPanel';
import { ReportButton } from '../features/public-report/ReportButton';
import { LanguageToggle } from '../features/session/LanguageToggle';
import { PublicWarnings } from '../features/warnings/PublicWarnings';
import { useT } from '../i18n/use-t';
import { publicLayerModules } from '../layers/registry';
import { warningHighlight } from '../layers/warnings';
import { MapView } from '../map/MapView';
import { useCamera } from '../state/camera';
import { LOGIN_PATH, useRoute } from '../state/route';
import { NARROW_WIDTH, useUiScale } from '../state/ui-scale';
import { useDocumentTitle } from './document-title';
import { useMapPage } from './map-page';

/**
 * 公众服务: the internet-facing zone. Anyone may open it; it shows only the public layers and the
 * published warnings, and calls nothing that needs a session.
 */
export function PublicPage() {
  const { t, language } = useT();
  const uiScale = useUiScale((s) => s.uiScale);
  const camera = useCamera((s) => s.request);
  const navigate = useRoute((s) => s.navigate);
  const narrow = window.innerWidth < NARROW_WIDTH;
  const [panelCollapsed, setPanelCollapsed] = useState(narrow);
  useDocumentTitle(t('public.title'));

  // The warning chosen in the list or on the map: outlined, and the map flies to its area.
  const shapes = useLoadedWarningShapes();
  const [selected, setSelected] = useState<number | null>(null);
  const chosen = shapes?.find((s) => s.id === selected);
  const outline = useMemo(() => warningHighlight(chosen?.polygons, uiScale), [chosen, uiScale]);
  const { data, stats, deckLayers, reports } = useMapPage(publicLayerModules, outline);
  const moveTo = useCamera((s) => s.moveTo);
  const select = (id: number | null) => {
    setSelected(id);
    const bbox = shapes?.find((s) => s.id === id)?.bbox;
    if (bbox) moveTo({ kind: 'bounds', bbox });
  };

  const rem = Math.max(13, 16 * uiScale);
  const padding = narrow
    ? { top: 7 * rem, bottom: 10 * rem, left: rem, right: rem }
    : { top: 4.5 * rem, bottom: 2 * rem, left: 20 * rem, right: 25 * rem };

  return (
    <div className="app public-page" data-testid="public-page">
      <MapView
        layers={deckLayers}
        language={language}
        uiScale={uiScale}
        camera={camera}
        padding={padding}
        {...reports}
        // Feature details are internal; the public map shows where things are, not their records.
        // A warning's area opens the warning in the list.
        onPick={(pick) => pick.layer === 'warnings' && select(pick.id)}
      />
      <header className="top-bar public-bar">
        <h1 className="app-title" data-testid="public-title">
          <span className="app-mark" aria-hidden="true" />
          {t('public.title')}
        </h1>
        <div className="top-bar-end">
          <LanguageToggle />
          <a
            className="staff-link"
            data-testid="staff-sign-in"
            href={LOGIN_PATH}
            onClick={(e) => {
              e.preventDefault();
              navigate(LOGIN_PATH);
            }}
          >
            {t('public.staffSignIn')}
          </a>
        </div>
      </header>
      <div className="workspace">
        <LayerPanel
          modules={publicLayerModules}
          counts={stats.counts}
          status={data.status}
          collapsed={panelCollapsed}
          onToggleCollapsed={() => setPanelCollapsed((c) => !c)}
        />
        <aside className="public-side">
          <ReportButton />
          <p className="public-intro card">{t('public.intro')}</p>
          <PublicWarnings selected={selected} onSelect={select} />
        </aside>
      </div>
    </div>
  );
}
