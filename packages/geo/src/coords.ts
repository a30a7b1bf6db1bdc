import type { LonLat } from './types.js';

/**
 * The three coordinate systems met in China:
 * - `wgs84`: GPS, OpenStreetMap, everything international;
 * - `gcj02`: the state-mandated obfuscated datum ("Mars coordinates"), used by AMap/Gaode, Tencent;
 * - `bd09`: Baidu's further offset on top of GCJ-02.
 */
export type CoordSystem = 'wgs84' | 'gcj02' | 'bd09';

// Constants of the published GCJ-02 algorithm (Krasovsky 1940 ellipsoid). The reference code
// writes ee = 0.00669342162296594323 and π = 3.14159265358979324; those literals round to exactly
// the doubles below, so results match the reference implementation bit for bit.
const PI = Math.PI;
const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/**
 * Whether a point lies outside the rectangle where the GCJ-02 offset is applied. The rectangle is
 * the published algorithm's, not China's border: it includes neighbours such as Mongolia, and the
 * offset is skipped outside it so foreign points pass through unchanged.
 *
 * @example
 * outOfChina(116.4, 39.9); // false (Beijing)
 * outOfChina(2.35, 48.86); // true (Paris)
 */
export function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * PI) + 320 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return ret;
}

// GCJ-02 offset of a WGS-84 point, written into a module scratch buffer so the iterative inverse
// runs without allocating. Safe because JS is single-threaded and callers copy the values out
// before the next call.
const scratch = new Float64Array(2);

function gcjOffset(lon: number, lat: number): void {
  const radLat = (lat / 180.0) * PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  scratch[0] = (transformLon(lon - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  scratch[1] =
    (transformLat(lon - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
}

/**
 * WGS-84 to GCJ-02, the published forward algorithm. Points outside China are returned unchanged.
 *
 * @example
 * wgs84ToGcj02(116.404, 39.915); // [116.41024449916938, 39.91640428150164]
 */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (outOfChina(lon, lat)) return [lon, lat];
  gcjOffset(lon, lat);
  return [lon + (scratch[0] as number), lat + (scratch[1] as number)];
}

/**
 * GCJ-02 to WGS-84. The forward transform has no closed-form inverse and the common one-step
 * approximation is off by up to a few metres, so this iterates the forward transform until it
 * reproduces the input (the offset field is smooth, so a fixed-point iteration converges in a
 * handful of steps to well below 1e-9°).
 *
 * @example
 * gcj02ToWgs84(116.41024449916938, 39.91640428150164); // ≈ [116.404, 39.915]
 */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (outOfChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    gcjOffset(wLon, wLat);
    const dLon = wLon + (scratch[0] as number) - lon;
    const dLat = wLat + (scratch[1] as number) - lat;
    wLon -= dLon;
    wLat -= dLat;
    if (Math.abs(dLon) < 1e-12 && Math.abs(dLat) < 1e-12) break;
  }
  return [wLon, wLat];
}

/**
 * GCJ-02 to BD-09 (Baidu), the published algorithm. Baidu applies it everywhere, not only in China.
 *
 * @example
 * gcj02ToBd09(116.404, 39.915); // [116.41036949371029, 39.92133699351021]
 */
export function gcj02ToBd09(lon: number, lat: number): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/**
 * BD-09 to GCJ-02. Starts from the published one-step inverse (error ~1e-6°) and refines it against
 * the forward transform, so a BD-09 → GCJ-02 → BD-09 round trip is exact to ~1e-12°.
 *
 * @example
 * bd09ToGcj02(116.41036949371029, 39.92133699351021); // ≈ [116.404, 39.915]
 */
export function bd09ToGcj02(lon: number, lat: number): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  let gLon = z * Math.cos(theta);
  let gLat = z * Math.sin(theta);
  for (let i = 0; i < 10; i++) {
    const f = gcj02ToBd09(gLon, gLat);
    const dLon = f[0] - lon;
    const dLat = f[1] - lat;
    gLon -= dLon;
    gLat -= dLat;
    if (Math.abs(dLon) < 1e-12 && Math.abs(dLat) < 1e-12) break;
  }
  return [gLon, gLat];
}

/**
 * WGS-84 to BD-09, through GCJ-02.
 *
 * @example
 * wgs84ToBd09(116.404, 39.915); // ≈ [116.41663, 39.92270]
 */
export function wgs84ToBd09(lon: number, lat: number): LonLat {
  const g = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(g[0], g[1]);
}

/**
 * BD-09 to WGS-84, through GCJ-02 (both steps iterative, so the result is accurate to < 1e-9°).
 *
 * @example
 * bd09ToWgs84(...wgs84ToBd09(116.404, 39.915)); // ≈ [116.404, 39.915]
 */
export function bd09ToWgs84(lon: number, lat: number): LonLat {
  const g = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(g[0], g[1]);
}

/**
 * Converts a point between any two of the supported systems. Converting to the same system
 * returns a copy, so callers may mutate the result freely.
 *
 * @example
 * convertCoordinate([116.404, 39.915], 'wgs84', 'gcj02'); // [116.41024449916938, 39.91640428150164]
 */
export function convertCoordinate(lonLat: LonLat, from: CoordSystem, to: CoordSystem): LonLat {
  const [lon, lat] = lonLat;
  if (from === to) return [lon, lat];
  if (from === 'wgs84') return to === 'gcj02' ? wgs84ToGcj02(lon, lat) : wgs84ToBd09(lon, lat);
  if (from === 'gcj02') return to === 'wgs84' ? gcj02ToWgs84(lon, lat) : gcj02ToBd09(lon, lat);
  return to === 'wgs84' ? bd09ToWgs84(lon, lat) : bd09ToGcj02(lon, lat);
}
