import type { Layer } from '@deck.gl/core';
import type { BBox } from '@onemap/geo';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Language } from '../i18n/messages';
import { featureRefOfPick, type MapPick, tooltipOfPick } from '../layers/registry';
import type { CameraTarget } from '../state/camera';
import { createBaseMap } from './base-map';
import { applyBasemapOptions, REGION_LAYER_ID } from './basemap-style';
import { deckDeviceProps, deckGlSettings } from './gl-settings';
import { layersTaken } from './layers-taken';
import { PulseMarkers, type PulsePoint } from './pulse-markers';
import { SlidingOverlay } from './sliding-overlay';

export interface MapHandle {
  map: MapLibreMap;
  overlay: SlidingOverlay;
  /** The canvas of the layers that move all the time, over the other one. */
  liveOverlay: SlidingOverlay;
  pulses: PulseMarkers;
  /**
   * Both canvases have taken in the layers they were last handed (drawn them, or are drawing), and
   * neither stands in for the view slid from the one it was drawn for.
   */
  drawn(): boolean;
}

export interface MapViewProps {
  /** The deck.gl data layers, bottom first. */
  layers: Layer[];
  /**
   * Layers that change every second or so (moving units), drawn over `layers` on a canvas of their
   * own so that their changes do not redraw everything else.
   */
  liveLayers?: Layer[];
  /** Where rings pulse over the layers (sensors in alarm). */
  pulses?: readonly PulsePoint[];
  language: Language;
  uiScale: number;
  camera: (CameraTarget & { seq: number }) | null;
  /** Room the floating panels take on each side, so fitted views land in the visible part. */
  padding: { top: number; right: number; bottom: number; left: number };
  onReady(handle: MapHandle | null): void;
  /** The bounds after a move ended. */
  onViewChange(bounds: BBox): void;
  onCameraChange(zoom: number, centerLat: number): void;
  onCursor(lonLat: [number, number] | null): void;
  /** A click on a data feature or a warning's area, or else on a region. */
  onPick(ref: MapPick): void;
  /** A right click (a long press on touch screens): a place to act on, e.g. to take an incident in. */
  onPlace?: (lonLat: [number, number]) => void;
}

/**
 * A MapLibre map of China over the offline basemap, north up: a rotated map confuses everyone
 * reading it from across a hall, and a finger's twist on a phone should not turn it either.
 */
function boundsOf(map: MapLibreMap): BBox {
  const b = map.getBounds();
  return [
    Math.max(-180, b.getWest()),
    Math.max(-90, b.getSouth()),
    Math.min(180, b.getEast()),
    Math.min(90, b.getNorth()),
  ];
}

/** The map: a MapLibre basemap with deck.gl drawing the data layers over it. Rendering only. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  // Map events are bound once; they read the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const initial = latest.current;
    const map = createBaseMap(el, {
      language: initial.language,
      uiScale: initial.uiScale,
      padding: initial.padding,
    });

    // A feature under the pointer on either canvas makes it a pointer.
    const hovered = { base: false, live: false };
    const hover = (which: keyof typeof hovered) => (info: { picked: boolean }) => {
      hovered[which] = info.picked;
      map.getCanvas().style.cursor = hovered.base || hovered.live ? 'pointer' : '';
    };
    const getTooltip = (info: Parameters<typeof tooltipOfPick>[0]) => {
      const text = tooltipOfPick(info, latest.current.language);
      return text ? { text, className: 'map-tooltip' } : null;
    };
    const settings = deckGlSettings();
    const deviceProps = deckDeviceProps(settings);
    // Pans slide the canvases rather than redraw them where a redraw is the CPU's work.
    const slide = settings.software;
    const overlay = new SlidingOverlay({
      interleaved: false,
      slide,
      deviceProps,
      layers: initial.layers,
      onHover: hover('base'),
      getTooltip,
    });
    const liveOverlay = new SlidingOverlay({
      interleaved: false,
      slide,
      deviceProps,
      layers: initial.liveLayers ?? [],
      onHover: hover('live'),
      getTooltip,
    });
    map.addControl(overlay);
    map.addControl(liveOverlay);
    const pulses = new PulseMarkers(map);
    pulses.set(initial.pulses ?? []);
    handle.current = {
      map,
      overlay,
      liveOverlay,
      pulses,
      drawn: () =>
        overlay.settled() &&
        liveOverlay.settled() &&
        layersTaken(latest.current.layers) &&
        layersTaken(latest.current.liveLayers ?? []),
    };

    map.on('load', () => {
      applyBasemapOptions(map, { language: latest.current.language, uiScale: latest.current.uiScale });
      latest.current.onViewChange(boundsOf(map));
    });
    map.on('moveend', () => latest.current.onViewChange(boundsOf(map)));
    map.on('move', () => latest.current.onCameraChange(map.getZoom(), map.getCenter().lat));
    map.on('mousemove', (e) => latest.current.onCursor([e.lngLat.lng, e.lngLat.lat]));
    map.on('mouseout', () => latest.current.onCursor(null));
    map.on('contextmenu', (e) => {
      const onPlace = latest.current.onPlace;
      if (!onPlace) return;
      e.preventDefault();
      onPlace([Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6]);
    });
    map.on('click', (e) => {
      const radius = Math.round(6 * latest.current.uiScale);
      const at = { x: e.point.x, y: e.point.y, radius };
      // The live canvas is on top: what is drawn there is what the click landed on first.
      const feature =
        featureRefOfPick(liveOverlay.pickObject(at)) ?? featureRefOfPick(overlay.pickObject(at));
      if (feature) return latest.current.onPick(feature);
      const [region] = map.queryRenderedFeatures(e.point, { layers: [REGION_LAYER_ID] });
      const code = Number(region?.properties?.code);
      if (Number.isInteger(code) && code > 0) latest.current.onPick({ layer: 'regions', id: code });
    });
    latest.current.onCameraChange(map.getZoom(), map.getCenter().lat);
    latest.current.onReady(handle.current);

    return () => {
      latest.current.onReady(null);
      handle.current = null;
      pulses.clear();
      map.removeControl(liveOverlay);
      map.removeControl(overlay);
      map.remove();
    };
  }, []);

  useEffect(() => {
    handle.current?.overlay.setProps({ layers: props.layers });
  }, [props.layers]);

  useEffect(() => {
    handle.current?.liveOverlay.setProps({ layers: props.liveLayers ?? [] });
  }, [props.liveLayers]);

  useEffect(() => {
    handle.current?.pulses.set(props.pulses ?? []);
  }, [props.pulses]);

  useEffect(() => {
    const map = handle.current?.map;
    if (map?.isStyleLoaded()) applyBasemapOptions(map, { language: props.language, uiScale: props.uiScale });
  }, [props.language, props.uiScale]);

  const { camera } = props;
  useEffect(() => {
    const map = handle.current?.map;
    if (!map || !camera) return;
    if (camera.kind === 'bounds') {
      const [w, s, e, n] = camera.bbox;
      map.fitBounds([w, s, e, n], { padding: latest.current.padding, maxZoom: 11 });
    } else {
      map.flyTo({ center: [camera.lon, camera.lat], zoom: camera.zoom, essential: true });
    }
  }, [camera]);

  return <div ref={container} className="map-view" data-testid="map" />;
}
