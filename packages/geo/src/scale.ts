/** WGS-84 equatorial radius; Web Mercator projects onto a sphere of this radius. */
const MERCATOR_RADIUS_M = 6378137;

/**
 * Ground metres covered by one screen pixel at a latitude and zoom in Web Mercator. MapLibre
 * uses 512-px tiles, so its zoom z equals raster-tile zoom z + 1 at 256 px.
 *
 * @example
 * metersPerPixel(0, 0); // 78271.517 (equator, zoom 0, 512-px tiles)
 */
export function metersPerPixel(lat: number, zoom: number, tileSize = 512): number {
  return (2 * Math.PI * MERCATOR_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

/**
 * The largest "round" length (1, 2 or 5 × 10^n metres) not longer than `maxMeters`, with a label,
 * for a scale bar whose pixel width is then `meters / metersPerPixel`. Lengths of 1 km and more
 * are labelled in km. Throws on a non-positive or non-finite length, which has no scale.
 *
 * @example
 * niceScale(740); // { meters: 500, label: '500 m' }
 * niceScale(23_000); // { meters: 20000, label: '20 km' }
 */
export function niceScale(maxMeters: number): { meters: number; label: string } {
  if (!(maxMeters > 0) || !Number.isFinite(maxMeters)) {
    throw new RangeError(`niceScale: invalid length ${maxMeters}`);
  }
  let pow = 10 ** Math.floor(Math.log10(maxMeters));
  // log10 can land one step high just below a power of ten (e.g. 999.9999999999999).
  if (pow > maxMeters) pow /= 10;
  const ratio = maxMeters / pow;
  const step = ratio >= 5 ? 5 : ratio >= 2 ? 2 : 1;
  // toPrecision strips binary noise such as 5 × 0.1 = 0.5000000000000001.
  const meters = Number((step * pow).toPrecision(12));
  const label = meters >= 1000 ? `${Number((meters / 1000).toPrecision(12))} km` : `${meters} m`;
  return { meters, label };
}
