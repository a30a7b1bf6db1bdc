/**
 * Structural checks of an RFC 7946 geometry from outside, before a database parses it: the type is
 * one the caller accepts, every position is two or three finite numbers inside the WGS-84 range,
 * every ring has at least four positions and is closed. What is left — self-intersections, bad
 * ring nesting — needs real geometry (PostGIS `ST_IsValidReason`).
 */
export type GeometryTypeName = 'Point' | 'MultiPoint' | 'LineString' | 'Polygon' | 'MultiPolygon';

export interface GeometryCheckOptions {
  /** A bigger geometry is refused: one feature must not take the whole of a batch's budget. */
  maxPositions?: number;
}

/**
 * The first problem found in `value` as a geometry of one of `allowed`, as a reason a producer can
 * act on (with the path to the offending part), or null when it is sound.
 *
 * @example
 * geometryProblem({ type: 'Point', coordinates: [116.4, 39.9] }, ['Point']); // null
 * geometryProblem({ type: 'Point', coordinates: [200, 39.9] }, ['Point']);
 * // 'geometry.coordinates: longitude 200 is outside -180…180'
 */
export function geometryProblem(
  value: unknown,
  allowed: readonly GeometryTypeName[],
  options: GeometryCheckOptions = {},
): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'geometry: must be a GeoJSON geometry object';
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !allowed.includes(type as GeometryTypeName)) {
    return `geometry.type: must be ${allowed.join(' or ')}, got ${typeof type === 'string' ? type : 'none'}`;
  }
  const budget = { left: options.maxPositions ?? Number.POSITIVE_INFINITY };
  const path = 'geometry.coordinates';
  switch (type as GeometryTypeName) {
    case 'Point':
      return positionProblem(coordinates, path, budget);
    case 'MultiPoint':
      return listProblem(coordinates, path, 1, (p, at) => positionProblem(p, at, budget));
    case 'LineString':
      return listProblem(coordinates, path, 2, (p, at) => positionProblem(p, at, budget));
    case 'Polygon':
      return polygonProblem(coordinates, path, budget);
    case 'MultiPolygon':
      return listProblem(coordinates, path, 1, (p, at) => polygonProblem(p, at, budget));
  }
}

function listProblem(
  value: unknown,
  path: string,
  min: number,
  each: (item: unknown, path: string) => string | null,
): string | null {
  if (!Array.isArray(value)) return `${path}: must be an array`;
  if (value.length < min) return `${path}: needs at least ${min} element${min === 1 ? '' : 's'}`;
  for (let i = 0; i < value.length; i++) {
    const problem = each(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function polygonProblem(value: unknown, path: string, budget: { left: number }): string | null {
  return listProblem(value, path, 1, (ring, at) => {
    const problem = listProblem(ring, at, 4, (p, pAt) => positionProblem(p, pAt, budget));
    if (problem) return problem;
    const points = ring as number[][];
    const first = points[0] as number[];
    const last = points[points.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return `${at}: the ring is not closed (its last position must repeat its first)`;
    }
    return null;
  });
}

function positionProblem(value: unknown, path: string, budget: { left: number }): string | null {
  if (--budget.left < 0) return `${path}: the geometry has too many positions`;
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return `${path}: a position is [longitude, latitude] or [longitude, latitude, altitude]`;
  }
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return `${path}: a position holds finite numbers only`;
  }
  const [lon, lat] = value as [number, number];
  if (lon < -180 || lon > 180) return `${path}: longitude ${lon} is outside -180…180`;
  if (lat < -90 || lat > 90) return `${path}: latitude ${lat} is outside -90…90`;
  return null;
}
