import type { BBox } from '@onemap/geo';
import {
  type Map as MapLibreMap,
  Map as MapLibreMapClass,
  type PaddingOptions,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type BasemapOptions, buildBasemapStyle, LABEL_FONT_FAMILY } from './basemap-style';

/**
 * The offline basemap on its own, without deck.gl: what the operations map draws its layers over,
 * and all the report page's location picker needs (so a phone reporting loads MapLibre alone).
 */

// A bundler moves the worker file; without this MapLibre looks for it beside its own (gone) module.
setWorkerUrl(workerUrl);

/** Mainland, Hainan, Taiwan and the South China Sea islands. */
export const CHINA_BOUNDS: BBox = [73.5, 3.5, 135.1, 53.6];

export function createBaseMap(
  container: HTMLElement,
  options: BasemapOptions & { padding?: PaddingOptions },
): MapLibreMap {
  const map = new MapLibreMapClass({
    container,
    style: buildBasemapStyle({ language: options.language, uiScale: options.uiScale }),
    bounds: CHINA_BOUNDS,
    ...(options.padding ? { fitBoundsOptions: { padding: options.padding } } : {}),
    minZoom: 1.5,
    maxZoom: 17,
    renderWorldCopies: false,
    dragRotate: false,
    pitchWithRotate: false,
    localIdeographFontFamily: LABEL_FONT_FAMILY,
    attributionControl: { compact: true },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  return map;
}
