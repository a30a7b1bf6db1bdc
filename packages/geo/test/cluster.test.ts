import { describe, expect, it } from 'vitest';
import { clusterPoints, createRng, EARTH_RADIUS_KM, haversineKm, type LonLat } from '../src/index.js';

/** Single linkage by comparing every pair: the definition, to check the grid against. */
function naiveClusters(points: readonly LonLat[], radiusKm: number, minSize: number): number[][] {
  const label = points.map((_, i) => i);
  const find = (i: number): number => (label[i] === i ? i : find(label[i] as number));
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (haversineKm(points[i] as LonLat, points[j] as LonLat) > radiusKm) continue;
      const [a, b] = [find(i), find(j)].sort((x, y) => x - y) as [number, number];
      label[b] = a;
    }
  }
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length >= minSize);
}

describe('clusterPoints', () => {
  it('chains points each within the radius of the next, however far apart the ends', () => {
    // Along the meridian 120°E, 0.008° of latitude apart: 0.008 × 111.195 = 0.890 km between
    // neighbours, 2.669 km between the ends.
    const chain: LonLat[] = [
      [120, 30],
      [120, 30.008],
      [120, 30.016],
      [120, 30.024],
    ];
    expect(clusterPoints(chain, 1, 2)).toEqual([[0, 1, 2, 3]]);
    expect(clusterPoints(chain, 1, 5)).toEqual([]);
    // Below the 0.890 km step nothing links.
    expect(clusterPoints(chain, 0.88, 2)).toEqual([]);
  });

  it('finds separate groups, leaves noise out and orders groups by their first point', () => {
    const points: LonLat[] = [
      [120, 30], // 0: Hangzhou group
      [116, 40], // 1: noise, Beijing
      [113.26, 23.13], // 2: Guangzhou group
      [120.005, 30], // 3: 0.005° of longitude at 30°N = 0.482 km east of 0
      [113.26, 23.136], // 4: 0.667 km north of 2
      [120, 30.016], // 5: noise, 1.223 km north of 6, 1.779 km north of 0
      [120, 30.005], // 6: 0.556 km north of 0
      [113.265, 23.13], // 7: 0.005° of longitude at 23.13°N = 0.511 km east of 2
      [104.07, 30.67], // 8: a pair in Chengdu…
      [104.075, 30.67], // 9: …0.478 km apart
    ];
    expect(clusterPoints(points, 1, 3)).toEqual([
      [0, 3, 6],
      [2, 4, 7],
    ]);
    expect(clusterPoints(points, 1, 2)).toEqual([
      [0, 3, 6],
      [2, 4, 7],
      [8, 9],
    ]);
    // Every point is its own group of one at least.
    expect(clusterPoints(points, 1, 1)).toEqual([[0, 3, 6], [1], [2, 4, 7], [5], [8, 9]]);
  });

  it('counts a point exactly at the radius as within it', () => {
    const d = haversineKm([0, 0], [1, 0]); // 111.195 km
    expect(
      clusterPoints(
        [
          [0, 0],
          [1, 0],
        ],
        d,
        2,
      ),
    ).toEqual([[0, 1]]);
    expect(
      clusterPoints(
        [
          [0, 0],
          [1, 0],
        ],
        d * 0.999_999,
        2,
      ),
    ).toEqual([]);
  });

  it('links points on either side of a grid cell edge', () => {
    // Cells are 1 km steps of the earth-centred z = R·sin(lat): z = 1 km at lat 0.008993°. These
    // two points (0.0079° = 0.878 km apart) have z = 0.556 km and z = 1.434 km: neighbouring cells.
    const a: LonLat = [0, 0.005];
    const b: LonLat = [0, 0.0129];
    const z = (p: LonLat) => Math.floor(EARTH_RADIUS_KM * Math.sin((p[1] * Math.PI) / 180));
    expect([z(a), z(b)]).toEqual([0, 1]);
    expect(clusterPoints([a, b], 1, 2)).toEqual([[0, 1]]);
  });

  it('links points across the antimeridian and around a pole', () => {
    // 0.008° of longitude at 10°N: 0.008 × 111.195 × cos 10° = 0.876 km.
    expect(
      clusterPoints(
        [
          [179.996, 10],
          [-179.996, 10],
        ],
        1,
        2,
      ),
    ).toEqual([[0, 1]]);
    // Opposite meridians, each 0.001° from the North Pole: 0.222 km apart over the pole.
    expect(
      clusterPoints(
        [
          [0, 89.999],
          [180, 89.999],
        ],
        1,
        2,
      ),
    ).toEqual([[0, 1]]);
  });

  it('agrees with comparing every pair on 10,000 random points', () => {
    // A 1° × 1° square (≈ 96 × 111 km) around Hangzhou: ~0.9 points per km², so a 0.5 km radius
    // gives singles, pairs and chains of every length, not one giant component.
    const rng = createRng(2026);
    const points = Array.from({ length: 10_000 }, (): LonLat => [120 + rng(), 30 + rng()]);
    const expected = naiveClusters(points, 0.5, 1);
    expect(clusterPoints(points, 0.5, 1)).toEqual(expected);
    const atLeast3 = expected.filter((g) => g.length >= 3);
    expect(atLeast3.length).toBeGreaterThan(100);
    expect(clusterPoints(points, 0.5, 3)).toEqual(atLeast3);
  }, 60_000); // ~1 s alone; the brute force it is checked against takes longer on a loaded 2-core machine

  it('agrees with comparing every pair near a pole and across the antimeridian', () => {
    const rng = createRng(7);
    const points = Array.from({ length: 2000 }, (): LonLat => {
      const lon = 170 + rng() * 20;
      return [lon > 180 ? lon - 360 : lon, 89 + rng()];
    });
    expect(clusterPoints(points, 5, 2)).toEqual(naiveClusters(points, 5, 2));
  });

  it('answers nothing for no points and refuses a meaningless radius, size or position', () => {
    expect(clusterPoints([], 1, 1)).toEqual([]);
    expect(() => clusterPoints([[0, 0]], 0, 1)).toThrow(RangeError);
    expect(() => clusterPoints([[0, 0]], Number.NaN, 1)).toThrow(RangeError);
    expect(() => clusterPoints([[0, 0]], 1, 0)).toThrow(RangeError);
    expect(() => clusterPoints([[0, 0]], 1, 1.5)).toThrow(RangeError);
    expect(() =>
      clusterPoints(
        [
          [0, 0],
          [Number.NaN, 0],
        ],
        1,
        1,
      ),
    ).toThrow(/point 1/);
  });
});
