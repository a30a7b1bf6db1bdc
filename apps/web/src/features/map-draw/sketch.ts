import { circlePolygon, haversineKm, type LonLat } from '@onemap/geo';

export type DrawMode = 'polygon' | 'circle' | 'point';

/**
 * A finished shape, in the form CAP areas take: a closed ring, or a centre and a radius; or a
 * single place (an incident's location).
 */
export type DrawnShape =
  | { kind: 'polygon'; ring: LonLat[] }
  | { kind: 'circle'; center: LonLat; radiusKm: number }
  | { kind: 'point'; at: LonLat };

/** A shape being drawn: the points placed so far and where the pointer is now (null on touch). */
export type Sketch =
  | { mode: 'polygon'; vertices: LonLat[]; cursor: LonLat | null }
  | { mode: 'circle'; center: LonLat | null; cursor: LonLat | null }
  | { mode: 'point'; cursor: LonLat | null };

/**
 * Where a tap landed relative to what is placed, judged in screen pixels by the caller (the eye
 * judges "on the first vertex" on screen, not in degrees).
 */
export interface TapHit {
  /** On the first vertex of a polygon, or on a circle's centre. */
  onFirst: boolean;
  /** On the vertex placed last: the second click of a double-click, not a new vertex. */
  onLast: boolean;
}

export interface TapResult {
  sketch: Sketch;
  /** The shape the tap completed, if it completed one. */
  done: DrawnShape | null;
}

/** Circles are drawn with this many segments: smooth at city scale, small on the wire. */
export const CIRCLE_STEPS = 64;

/** Six decimals is about 0.1 m: finer than any click, and what CAP documents carry. */
function rounded([lon, lat]: LonLat): LonLat {
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

export function newSketch(mode: DrawMode): Sketch {
  if (mode === 'point') return { mode, cursor: null };
  return mode === 'polygon' ? { mode, vertices: [], cursor: null } : { mode, center: null, cursor: null };
}

export function moveCursor(sketch: Sketch, cursor: LonLat | null): Sketch {
  return { ...sketch, cursor };
}

/**
 * A tap (click, or touch without dragging): places a vertex, closes the polygon on its first
 * vertex, places a circle's centre or sets its radius.
 */
export function tap(sketch: Sketch, at: LonLat, hit: TapHit): TapResult {
  const point = rounded(at);
  if (sketch.mode === 'point') return { sketch, done: { kind: 'point', at: point } };
  if (sketch.mode === 'polygon') {
    if (hit.onFirst && sketch.vertices.length >= 3) return { sketch, done: closePolygon(sketch) };
    if (hit.onLast || hit.onFirst) return { sketch, done: null };
    return { sketch: { ...sketch, vertices: [...sketch.vertices, point], cursor: point }, done: null };
  }
  // No pointer position yet: a finger leaves none until the next tap.
  if (sketch.center === null) return { sketch: { ...sketch, center: point, cursor: null }, done: null };
  // A second tap on the centre would make a circle of no size.
  if (hit.onFirst) return { sketch, done: null };
  const radiusKm = Math.round(haversineKm(sketch.center, point) * 1000) / 1000;
  return radiusKm > 0
    ? { sketch, done: { kind: 'circle', center: sketch.center, radiusKm } }
    : { sketch, done: null };
}

/** The polygon as drawn so far, closed; null while it has fewer than three vertices. */
export function closePolygon(sketch: Sketch): DrawnShape | null {
  if (sketch.mode !== 'polygon' || sketch.vertices.length < 3) return null;
  const first = sketch.vertices[0] as LonLat;
  return { kind: 'polygon', ring: [...sketch.vertices, first] };
}

/** Takes back the last placed point: a polygon's last vertex, a circle's centre. */
export function undo(sketch: Sketch): Sketch {
  if (sketch.mode === 'point') return sketch;
  return sketch.mode === 'polygon'
    ? { ...sketch, vertices: sketch.vertices.slice(0, -1) }
    : { ...sketch, center: null };
}

/** The radius the circle would get if the pointer were tapped now, in km. */
export function pendingRadiusKm(sketch: Sketch): number | null {
  if (sketch.mode !== 'circle' || !sketch.center || !sketch.cursor) return null;
  return haversineKm(sketch.center, sketch.cursor);
}

/** What to draw for a sketch: the area it would enclose, the line being drawn, the placed points. */
export interface SketchOutline {
  /** A closed ring to fill, once there is an area to show. */
  ring: LonLat[] | null;
  /** The open line from the placed points to the pointer (a circle's radius). */
  path: LonLat[];
  vertices: LonLat[];
}

export function outlineOf(sketch: Sketch): SketchOutline {
  if (sketch.mode === 'point')
    return { ring: null, path: [], vertices: sketch.cursor ? [sketch.cursor] : [] };
  if (sketch.mode === 'polygon') {
    const open = sketch.cursor ? [...sketch.vertices, sketch.cursor] : sketch.vertices;
    const first = open[0];
    return {
      ring: first && open.length >= 3 ? [...open, first] : null,
      path: open,
      vertices: sketch.vertices,
    };
  }
  if (!sketch.center) return { ring: null, path: [], vertices: [] };
  const radius = pendingRadiusKm(sketch);
  return {
    ring: radius ? (circlePolygon(sketch.center, radius, CIRCLE_STEPS).coordinates[0] as LonLat[]) : null,
    path: sketch.cursor ? [sketch.center, sketch.cursor] : [],
    vertices: [sketch.center],
  };
}
