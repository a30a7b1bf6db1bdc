import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createRng, type IndexedPolygon, type Polygon, PolygonIndex, type Position } from '../src/index.js';

// The test tsconfig has no DOM or Node globals; `performance` exists in both runtimes.
declare const performance: { now(): number };
type TurfPolygon = Parameters<typeof turf.bbox>[0] & Parameters<typeof turf.booleanPointInPolygon>[1];

function square(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

describe('PolygonIndex', () => {
  const withHole: IndexedPolygon<string> = {
    geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(3, 3, 7, 7)] },
    properties: 'donut',
  };
  const multi: IndexedPolygon<string> = {
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(20, 0, 22, 2)], [square(30, 5, 34, 9), square(31, 6, 33, 8)]],
    },
    properties: 'islands',
  };
  const index = new PolygonIndex([withHole, multi]);

  it('finds a point inside a polygon and respects its hole', () => {
    expect(index.find(1, 1)).toBe('donut');
    expect(index.find(9.5, 5)).toBe('donut');
    expect(index.find(5, 5)).toBeNull();
    expect(index.find(3.5, 6.9)).toBeNull();
  });
  it('finds every part of a multipolygon, including its holes', () => {
    expect(index.find(21, 1)).toBe('islands');
    expect(index.find(30.5, 8.5)).toBe('islands');
    expect(index.find(32, 7)).toBeNull();
    expect(index.find(25, 1)).toBeNull();
  });
  it('returns null outside everything', () => {
    expect(index.find(-1, 5)).toBeNull();
    expect(index.find(100, 100)).toBeNull();
    expect(index.find(15, 5)).toBeNull();
  });
  it('prefers the first of overlapping features', () => {
    const overlapping = new PolygonIndex([
      { geometry: { type: 'Polygon', coordinates: [square(0, 0, 2, 2)] }, properties: 1 },
      { geometry: { type: 'Polygon', coordinates: [square(1, 1, 3, 3)] }, properties: 2 },
    ]);
    expect(overlapping.find(1.5, 1.5)).toBe(1);
    expect(overlapping.find(2.5, 2.5)).toBe(2);
  });
  it('accepts unclosed rings and tolerates empty geometries', () => {
    const idx = new PolygonIndex([
      { geometry: { type: 'Polygon', coordinates: [] }, properties: 'empty' },
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [0, 4],
            ],
          ],
        },
        properties: 'triangle',
      },
    ]);
    expect(idx.size).toBe(2);
    expect(idx.find(1, 1)).toBe('triangle');
    expect(idx.find(3, 3)).toBeNull();
    expect(new PolygonIndex<string>([]).find(0, 0)).toBeNull();
  });

  // ~400 wavy "regions" of ~600 vertices tiling China's bbox, like county-level boundaries.
  function region(cx: number, cy: number, r: number, seed: number): Polygon {
    const ring: Position[] = [];
    const n = 600;
    for (let i = 0; i < n; i++) {
      const a = (i / n) * 2 * Math.PI;
      const rr = r * (0.8 + 0.15 * Math.sin(7 * a + seed) + 0.05 * Math.cos(23 * a));
      ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
    }
    ring.push(ring[0] as Position);
    const hole = square(cx - r * 0.1, cy - r * 0.1, cx + r * 0.1, cy + r * 0.1).reverse();
    return { type: 'Polygon', coordinates: [ring, hole] };
  }
  const regions: IndexedPolygon<number>[] = [];
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      regions.push({
        geometry: region(74 + i * 3.1, 18.5 + j * 1.8, 0.9, i * 20 + j),
        properties: i * 20 + j,
      });
    }
  }
  const big = new PolygonIndex(regions);
  const regionBoxes = regions.map((f) => turf.bbox(f.geometry as TurfPolygon));

  it('agrees with turf.booleanPointInPolygon on random points', () => {
    const rng = createRng(2024);
    let hits = 0;
    for (let k = 0; k < 3000; k++) {
      const lon = 73 + rng() * 63;
      const lat = 17 + rng() * 38;
      const found = big.find(lon, lat);
      let expected: number | null = null;
      for (let r = 0; r < regions.length; r++) {
        const f = regions[r] as IndexedPolygon<number>;
        const [w, so, e, n] = regionBoxes[r] as number[];
        if (lon < (w as number) || lon > (e as number) || lat < (so as number) || lat > (n as number))
          continue;
        if (turf.booleanPointInPolygon([lon, lat], f.geometry as TurfPolygon, { ignoreBoundary: false })) {
          expected = f.properties;
          break;
        }
      }
      expect(found).toBe(expected);
      if (found !== null) hits++;
    }
    // Both branches must be exercised for the comparison to mean anything.
    expect(hits).toBeGreaterThan(300);
    expect(hits).toBeLessThan(2700);
  });

  it('answers 100k lookups over 400 polygons well under a second', () => {
    const rng = createRng(7);
    const pts = new Float64Array(200_000);
    for (let i = 0; i < pts.length; i += 2) {
      pts[i] = 73 + rng() * 63;
      pts[i + 1] = 17 + rng() * 38;
    }
    const start = performance.now();
    let hits = 0;
    for (let i = 0; i < pts.length; i += 2) {
      if (big.find(pts[i] as number, pts[i + 1] as number) !== null) hits++;
    }
    const elapsed = performance.now() - start;
    expect(hits).toBeGreaterThan(10_000);
    // Typically ~20 ms; the bound leaves room for slow CI machines.
    expect(elapsed).toBeLessThan(500);
  });
});
