import type { BBox, Geometry, LonLat, Position } from './types.js';

/**
 * The bounding box of a set of points. Throws on an empty input, because there is no honest bbox
 * of nothing and an Infinity-filled one would silently poison later unions and tile math.
 *
 * @example
 * bboxOfCoordinates([[116.4, 39.9], [121.47, 31.23]]); // [116.4, 31.23, 121.47, 39.9]
 */
export function bboxOfCoordinates(coords: Iterable<LonLat | Position>): BBox {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const c of coords) {
    const lon = c[0] as number;
    const lat = c[1] as number;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  if (minLon > maxLon) throw new RangeError('bboxOfCoordinates: no coordinates');
  return [minLon, minLat, maxLon, maxLat];
}

function* positionsOf(geom: Geometry): Generator<Position> {
  switch (geom.type) {
    case 'Point':
      yield geom.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* geom.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const part of geom.coordinates) yield* part;
      return;
    case 'MultiPolygon':
      for (const poly of geom.coordinates) for (const ring of poly) yield* ring;
      return;
  }
}

/**
 * The bounding box of a GeoJSON geometry. Holes are included although they can never widen the
 * box, because skipping them would mean trusting that every ring is valid.
 *
 * @example
 * bboxOfGeometry({ type: 'Point', coordinates: [116.4, 39.9] }); // [116.4, 39.9, 116.4, 39.9]
 */
export function bboxOfGeometry(geom: Geometry): BBox {
  return bboxOfCoordinates(positionsOf(geom));
}

/**
 * Whether the point lies in the box; edges count as inside so that adjacent boxes leave no gaps.
 *
 * @example
 * bboxContains([73, 18, 135, 54], 116.4, 39.9); // true
 */
export function bboxContains(bbox: BBox, lon: number, lat: number): boolean {
  return lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/**
 * Whether two boxes overlap; touching edges count, matching {@link bboxContains}.
 *
 * @example
 * bboxIntersects([0, 0, 1, 1], [1, 1, 2, 2]); // true
 */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * The smallest box containing both.
 *
 * @example
 * bboxUnion([0, 0, 1, 1], [2, -1, 3, 0]); // [0, -1, 3, 1]
 */
export function bboxUnion(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Grows the box on every side by `fraction` of its width (longitude) and height (latitude), e.g.
 * to keep features off the screen edge when fitting the map. The result is clamped to the valid
 * lon/lat range; a negative fraction shrinks the box.
 *
 * @example
 * bboxPad([0, 0, 10, 10], 0.1); // [-1, -1, 11, 11]
 */
export function bboxPad(bbox: BBox, fraction: number): BBox {
  const dx = (bbox[2] - bbox[0]) * fraction;
  const dy = (bbox[3] - bbox[1]) * fraction;
  return [
    Math.max(-180, bbox[0] - dx),
    Math.max(-90, bbox[1] - dy),
    Math.min(180, bbox[2] + dx),
    Math.min(90, bbox[3] + dy),
  ];
}

/**
 * Parses "minLon,minLat,maxLon,maxLat" (as in a `?bbox=` query parameter). Returns the bbox, or a
 * message saying what is wrong, so an API can pass the message straight to the client.
 * A zero-area box (min = max) is accepted: it is a valid query for a single point.
 *
 * @example
 * parseBBox('73.5,18,135,53.6'); // [73.5, 18, 135, 53.6]
 * parseBBox('1,2,3'); // "bbox must have 4 comma-separated numbers, got 3"
 */
export function parseBBox(text: string): BBox | string {
  const parts = text.split(',');
  if (parts.length !== 4) return `bbox must have 4 comma-separated numbers, got ${parts.length}`;
  const nums: number[] = [];
  for (const part of parts) {
    const s = part.trim();
    // Number('') is 0, so an empty field must be caught before conversion.
    const v = s === '' ? Number.NaN : Number(s);
    if (!Number.isFinite(v)) return `bbox value "${s}" is not a number`;
    nums.push(v);
  }
  const [minLon, minLat, maxLon, maxLat] = nums as [number, number, number, number];
  if (minLon < -180 || maxLon > 180 || minLon > 180 || maxLon < -180) {
    return 'bbox longitude must be within [-180, 180]';
  }
  if (minLat < -90 || maxLat > 90 || minLat > 90 || maxLat < -90) {
    return 'bbox latitude must be within [-90, 90]';
  }
  if (minLon > maxLon) return 'bbox minLon must not exceed maxLon';
  if (minLat > maxLat) return 'bbox minLat must not exceed maxLat';
  return [minLon, minLat, maxLon, maxLat];
}
