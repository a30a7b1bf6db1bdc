import { haversineKm, type LonLat } from '@onemap/geo';
import { describe, expect, it } from 'vitest';
import {
  closePolygon,
  moveCursor,
  newSketch,
  outlineOf,
  pendingRadiusKm,
  type Sketch,
  tap,
  undo,
} from '../src/features/map-draw/sketch';

const free = { onFirst: false, onLast: false };

function placeAll(sketch: Sketch, points: LonLat[]): Sketch {
  return points.reduce((s, p) => tap(s, p, free).sketch, sketch);
}

describe('drawing a polygon', () => {
  const corners: LonLat[] = [
    [120.1, 30.2],
    [120.2, 30.2],
    [120.2, 30.3],
  ];

  it('places a vertex per tap and closes on the first vertex into a ring that ends where it starts', () => {
    const sketch = placeAll(newSketch('polygon'), corners);
    expect(sketch.mode === 'polygon' && sketch.vertices).toEqual(corners);
    const result = tap(sketch, [120.1000001, 30.2000001], { onFirst: true, onLast: false });
    expect(result.done).toEqual({ kind: 'polygon', ring: [...corners, corners[0]] });
  });

  it('does not close before there are three vertices, nor add the second click of a double-click', () => {
    const two = placeAll(newSketch('polygon'), corners.slice(0, 2));
    expect(tap(two, [120.1, 30.2], { onFirst: true, onLast: false })).toEqual({ sketch: two, done: null });
    expect(tap(two, [120.2, 30.2], { onFirst: false, onLast: true })).toEqual({ sketch: two, done: null });
    expect(closePolygon(two)).toBeNull();
    expect(closePolygon(placeAll(two, [corners[2] as LonLat]))).toEqual({
      kind: 'polygon',
      ring: [...corners, corners[0]],
    });
  });

  it('takes back the last vertex', () => {
    const sketch = undo(placeAll(newSketch('polygon'), corners));
    expect(sketch.mode === 'polygon' && sketch.vertices).toEqual(corners.slice(0, 2));
  });

  it('keeps six decimals, finer than any click', () => {
    const sketch = tap(newSketch('polygon'), [120.123456789, 30.987654321], free).sketch;
    expect(sketch.mode === 'polygon' && sketch.vertices).toEqual([[120.123457, 30.987654]]);
  });

  it('shows the area it would enclose with the pointer as the next vertex', () => {
    const sketch = moveCursor(placeAll(newSketch('polygon'), corners.slice(0, 2)), [120.15, 30.3]);
    const outline = outlineOf(sketch);
    expect(outline.ring).toEqual([...corners.slice(0, 2), [120.15, 30.3], corners[0]]);
    expect(outline.path).toHaveLength(3);
  });
});

describe('drawing a circle', () => {
  const centre: LonLat = [120.15, 30.25];
  const edge: LonLat = [120.15, 30.35];

  it('takes the centre, then the radius from where the edge is tapped', () => {
    const placed = tap(newSketch('circle'), centre, free).sketch;
    const { done } = tap(placed, edge, free);
    expect(done?.kind).toBe('circle');
    if (done?.kind !== 'circle') return;
    expect(done.center).toEqual(centre);
    // 0.1° of latitude is about 11.1 km.
    expect(done.radiusKm).toBeCloseTo(haversineKm(centre, edge), 3);
    expect(done.radiusKm).toBeCloseTo(11.12, 1);
  });

  it('makes no circle of no size from a second tap on the centre', () => {
    const placed = tap(newSketch('circle'), centre, free).sketch;
    // Until the pointer moves (a finger does not hover) there is no radius to show.
    expect(pendingRadiusKm(placed)).toBeNull();
    expect(tap(placed, centre, { onFirst: true, onLast: true }).done).toBeNull();
  });

  it('previews the circle through the pointer, its radius in km', () => {
    const sketch = moveCursor(tap(newSketch('circle'), centre, free).sketch, edge);
    expect(pendingRadiusKm(sketch)).toBeCloseTo(11.12, 1);
    const { ring, path } = outlineOf(sketch);
    expect(ring).toHaveLength(65);
    expect(ring?.[0]).toEqual(ring?.at(-1));
    for (const p of ring ?? []) expect(haversineKm(centre, p)).toBeCloseTo(11.12, 0);
    expect(path).toEqual([centre, edge]);
  });

  it('takes back the centre', () => {
    const sketch = undo(tap(newSketch('circle'), centre, free).sketch);
    expect(sketch).toEqual({ mode: 'circle', center: null, cursor: null });
  });
});

describe('picking a point', () => {
  it('is done with the first tap, to six decimals, and has nothing to undo', () => {
    const sketch = newSketch('point');
    expect(outlineOf(sketch).vertices).toEqual([]);
    const result = tap(sketch, [120.1551234567, 30.2741], free);
    expect(result.done).toEqual({ kind: 'point', at: [120.155123, 30.2741] });
    expect(undo(sketch)).toBe(sketch);
    expect(outlineOf(moveCursor(sketch, [120, 30])).vertices).toEqual([[120, 30]]);
  });
});
