import { destination } from './distance.js';
import type { LonLat, Polygon } from './types.js';

/**
 * What a camera sees from `center`: a wedge `rangeM` deep, `fovDeg` wide, centred on `bearingDeg`
 * (clockwise from north), as a closed counter-clockwise ring (RFC 7946) — the apex, `steps + 1`
 * points along the arc, the apex again. A field of view of 360° (a panoramic camera) gives the
 * circle without the apex. Distances are great-circle on the sphere, as turf's `sector` measures.
 *
 * @example
 * viewCone([0, 0], 90, 90, 111_195.08, 2).coordinates[0];
 * // ≈ [[0, 0], [0.70714, -0.70709], [1, 0], [0.70714, 0.70709], [0, 0]]
 */
export function viewCone(
  center: LonLat,
  bearingDeg: number,
  fovDeg: number,
  rangeM: number,
  steps = 16,
): Polygon {
  if (!(rangeM > 0) || !Number.isFinite(rangeM)) throw new RangeError('rangeM must be positive');
  if (!(fovDeg > 0) || !Number.isFinite(fovDeg)) throw new RangeError('fovDeg must be positive');
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError('steps must be a positive integer');
  const km = rangeM / 1000;
  if (fovDeg >= 360) {
    const ring: LonLat[] = [];
    const n = Math.max(steps, 4);
    for (let i = 0; i < n; i++) ring.push(destination(center, km, bearingDeg - (360 * i) / n));
    ring.push(ring[0] as LonLat);
    return { type: 'Polygon', coordinates: [ring] };
  }
  // From the right edge back to the left edge: anticlockwise seen from above.
  const right = bearingDeg + fovDeg / 2;
  const ring: LonLat[] = [center];
  for (let i = 0; i <= steps; i++) ring.push(destination(center, km, right - (fovDeg * i) / steps));
  ring.push(center);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * The ground footprint of an image scene or radar swath: a rectangle `alongKm` long in the
 * direction of flight `headingDeg` (clockwise from north) and `acrossKm` wide, centred on
 * `center`, as a closed counter-clockwise ring. Good for scenes up to a few hundred kilometres;
 * a whole orbit's swath is not a rectangle.
 *
 * @example
 * swathFootprint([0, 0], 222.39, 111.195, 0).coordinates[0];
 * // ≈ [[-0.5, 1], [-0.5, -1], [0.5, -1], [0.5, 1], [-0.5, 1]]
 */
export function swathFootprint(
  center: LonLat,
  alongKm: number,
  acrossKm: number,
  headingDeg: number,
): Polygon {
  if (!(alongKm > 0) || !(acrossKm > 0)) throw new RangeError('a footprint needs a positive size');
  const front = destination(center, alongKm / 2, headingDeg);
  const back = destination(center, alongKm / 2, headingDeg + 180);
  const half = acrossKm / 2;
  const frontLeft = destination(front, half, headingDeg - 90);
  const ring: LonLat[] = [
    frontLeft,
    destination(back, half, headingDeg - 90),
    destination(back, half, headingDeg + 90),
    destination(front, half, headingDeg + 90),
    frontLeft,
  ];
  return { type: 'Polygon', coordinates: [ring] };
}
