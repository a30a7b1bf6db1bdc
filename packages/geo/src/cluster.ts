import { EARTH_RADIUS_KM, haversineKm } from './distance.js';
import type { LonLat } from './types.js';

const DEG = Math.PI / 180;

/**
 * Groups points by single linkage: two points belong to one group when they are within
 * `radiusKm` of each other (inclusive), directly or through a chain of such points; only groups of
 * at least `minSize` are returned. Each group lists point indexes ascending; groups are ordered by
 * their first index, so the result is the same for the same input.
 *
 * Points are bucketed in a grid of `radiusKm` cells, so each point is compared only with the
 * points of the neighbouring cells: about O(n) for points spread over an area, O(n²) only when
 * everything falls within a few cells. The grid is over earth-centred 3D coordinates rather than
 * degrees, so it needs no special case for the poles or the antimeridian: a great-circle distance
 * within `radiusKm` is a straight-line (chord) distance within it too, hence a neighbouring cell.
 *
 * @example
 * // Three points 0.89 km apart in a line (chained, though the ends are 1.78 km apart), and one
 * // point far away.
 * clusterPoints([[120, 30], [120, 30.008], [120, 30.016], [121, 31]], 1, 2); // [[0, 1, 2]]
 */
export function clusterPoints(points: readonly LonLat[], radiusKm: number, minSize: number): number[][] {
  if (!(Number.isFinite(radiusKm) && radiusKm > 0)) {
    throw new RangeError(`clusterPoints: radiusKm must be a positive number, got ${radiusKm}`);
  }
  if (!(Number.isInteger(minSize) && minSize >= 1)) {
    throw new RangeError(`clusterPoints: minSize must be a positive integer, got ${minSize}`);
  }
  const n = points.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    // Path compression keeps later lookups of this chain O(1).
    for (let j = i; parent[j] !== r; ) {
      const next = parent[j] as number;
      parent[j] = r;
      j = next;
    }
    return r;
  };

  const cells = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const [lon, lat] = points[i] as LonLat;
    if (!(Number.isFinite(lon) && Number.isFinite(lat))) {
      throw new RangeError(`clusterPoints: point ${i} is not a finite position: [${lon}, ${lat}]`);
    }
    const [ix, iy, iz] = cellOf(points[i] as LonLat, radiusKm);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dz = -1; dz <= 1; dz++) {
          const near = cells.get(`${ix + dx},${iy + dy},${iz + dz}`);
          if (!near) continue;
          for (const j of near) {
            const ri = root(i);
            const rj = root(j);
            if (ri === rj || haversineKm(points[i] as LonLat, points[j] as LonLat) > radiusKm) continue;
            // The smaller index as the root makes each group's root its first point.
            if (ri < rj) parent[rj] = ri;
            else parent[ri] = rj;
          }
        }
      }
    }
    const key = `${ix},${iy},${iz}`;
    const own = cells.get(key);
    if (own) own.push(i);
    else cells.set(key, [i]);
  }

  // Each group's root is its first point, so groups enter the map in the order of their first index.
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].filter((g) => g.length >= minSize);
}

/** The grid cell of a point: its earth-centred x, y, z in km, in steps of `sizeKm`. */
function cellOf([lon, lat]: LonLat, sizeKm: number): [number, number, number] {
  const cosLat = Math.cos(lat * DEG);
  const r = EARTH_RADIUS_KM / sizeKm;
  return [
    Math.floor(r * cosLat * Math.cos(lon * DEG)),
    Math.floor(r * cosLat * Math.sin(lon * DEG)),
    Math.floor(r * Math.sin(lat * DEG)),
  ];
}
