import type { LonLat } from './types.js';

/** Mean earth radius (IUGG), the same value turf uses, so results agree with turf's. */
export const EARTH_RADIUS_KM = 6371.0088;

const DEG = Math.PI / 180;

/**
 * Great-circle distance in kilometres on a spherical earth. Error against the ellipsoid is up to
 * ~0.5 %, which is fine for search radii and response times but not for surveying.
 *
 * @example
 * haversineKm([116.4074, 39.9042], [121.4737, 31.2304]); // ≈ 1067.3 (Beijing–Shanghai)
 */
export function haversineKm(a: LonLat, b: LonLat): number {
  const lat1 = a[1] * DEG;
  const lat2 = b[1] * DEG;
  const sinDLat = Math.sin((lat2 - lat1) / 2);
  const sinDLon = Math.sin(((b[0] - a[0]) * DEG) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1) * Math.cos(lat2) * sinDLon * sinDLon;
  // min() guards against h creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/**
 * The point reached by travelling `distanceKm` along a great circle starting at `bearingDeg`
 * (clockwise from north). Longitude is normalised to [-180, 180) so results can be used as is.
 *
 * @example
 * destination([0, 0], 111.19508, 90); // ≈ [1, 0]
 */
export function destination(origin: LonLat, distanceKm: number, bearingDeg: number): LonLat {
  const lat1 = origin[1] * DEG;
  const lon1 = origin[0] * DEG;
  const d = distanceKm / EARTH_RADIUS_KM;
  const brg = bearingDeg * DEG;
  const sinLat1 = Math.sin(lat1);
  const cosLat1 = Math.cos(lat1);
  const sinD = Math.sin(d);
  const cosD = Math.cos(d);
  const sinLat2 = sinLat1 * cosD + cosLat1 * sinD * Math.cos(brg);
  const lat2 = Math.asin(Math.max(-1, Math.min(1, sinLat2)));
  const lon2 = lon1 + Math.atan2(Math.sin(brg) * sinD * cosLat1, cosD - sinLat1 * sinLat2);
  const lon = ((((lon2 / DEG + 180) % 360) + 360) % 360) - 180;
  return [lon, lat2 / DEG];
}

/**
 * The initial bearing of the great circle from `from` to `to`, in degrees clockwise from north,
 * in [0, 360): the heading a unit leaving `from` sets.
 *
 * @example
 * bearingDeg([0, 0], [1, 0]); // 90
 * bearingDeg([116.4074, 39.9042], [121.4737, 31.2304]); // ≈ 153.7 (Beijing → Shanghai)
 */
export function bearingDeg(from: LonLat, to: LonLat): number {
  const lat1 = from[1] * DEG;
  const lat2 = to[1] * DEG;
  const dLon = (to[0] - from[0]) * DEG;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return (((Math.atan2(y, x) / DEG) % 360) + 360) % 360;
}
