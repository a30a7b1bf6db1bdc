import type { BBox } from './types.js';

/**
 * The latitude where Web Mercator becomes a square world: atan(sinh(π)) in degrees. Tiles do
 * not exist beyond it, so latitudes are clamped to ±this before any tile math.
 */
export const MAX_MERCATOR_LAT = 85.0511287798066;

// Deep enough for any real map (MapLibre stops at 24) while keeping 2^z an exact small integer.
const MAX_ZOOM = 30;

const DEG = Math.PI / 180;

/** A tile address in the XYZ (slippy map) scheme: y grows southwards from 0 at the north edge. */
export interface TileXY {
  x: number;
  y: number;
}

export interface TileZXY {
  z: number;
  x: number;
  y: number;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function tileX(lon: number, n: number): number {
  return clamp(Math.floor(((lon + 180) / 360) * n), 0, n - 1);
}

function tileY(lat: number, n: number): number {
  const phi = clamp(lat, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * DEG;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  return clamp(Math.floor(y), 0, n - 1);
}

/**
 * The tile containing a point at zoom `z`. Out-of-range input is clamped rather than rejected so
 * that a point on the antimeridian or a pole maps to the edge tile instead of a tile that does
 * not exist.
 *
 * @example
 * lonLatToTile(116.4, 39.9, 5); // { x: 26, y: 12 } (Beijing)
 */
export function lonLatToTile(lon: number, lat: number, z: number): TileXY {
  const n = 2 ** z;
  return { x: tileX(lon, n), y: tileY(lat, n) };
}

/**
 * The WGS-84 bounds of a tile.
 *
 * @example
 * tileBounds(1, 1, 0); // [0, 0, 180, 85.0511287798066]
 */
export function tileBounds(z: number, x: number, y: number): BBox {
  const n = 2 ** z;
  return [(x / n) * 360 - 180, tileLat(y + 1, n), ((x + 1) / n) * 360 - 180, tileLat(y, n)];
}

function tileLat(y: number, n: number): number {
  return Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) / DEG;
}

/**
 * Every tile at zoom `z` that the bbox touches, row by row from the north-west. Latitudes are
 * clamped to the Mercator range and longitudes to [-180, 180]; a bbox crossing the antimeridian
 * must be split by the caller. An inverted bbox yields no tiles. The result has
 * (columns × rows) entries, so callers should bound `z` for large areas.
 *
 * @example
 * tilesCoveringBBox([-180, -90, 180, 90], 1); // the 4 tiles of zoom 1
 */
export function tilesCoveringBBox(bbox: BBox, z: number): TileZXY[] {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  if (minLon > maxLon || minLat > maxLat) return [];
  const n = 2 ** z;
  const x0 = tileX(clamp(minLon, -180, 180), n);
  const x1 = tileX(clamp(maxLon, -180, 180), n);
  const y0 = tileY(maxLat, n);
  const y1 = tileY(minLat, n);
  const tiles: TileZXY[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) tiles.push({ z, x, y });
  }
  return tiles;
}

/**
 * A stable string key for caches and maps.
 *
 * @example
 * tileKey(5, 26, 12); // "5/26/12"
 */
export function tileKey(z: number, x: number, y: number): string {
  return `${z}/${x}/${y}`;
}

/**
 * Whether z/x/y names a real tile: integer coordinates, 0 ≤ z ≤ 30, 0 ≤ x, y < 2^z. Use it to
 * reject tile requests from URLs before doing any work.
 *
 * @example
 * isValidTile(5, 26, 12); // true
 * isValidTile(1, 2, 0); // false
 */
export function isValidTile(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > MAX_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}
