import { describe, expect, it } from 'vitest';
import { createRng, haversineKm, pick, randomInt, randomPointNear, weightedPick } from '../src/index.js';

describe('createRng', () => {
  it('reproduces the mulberry32 reference sequence', () => {
    // Values from an independent Python transcription of mulberry32 (bryc/code, PRNGs.md).
    const rng = createRng(42);
    expect([rng(), rng(), rng()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const sa = Array.from({ length: 50 }, () => a());
    const sb = Array.from({ length: 50 }, () => b());
    const sc = Array.from({ length: 50 }, () => c());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });
  it('stays in [0, 1) with a roughly uniform mean', () => {
    const rng = createRng(9);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = rng();
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(min).toBeLessThan(1e-3);
    expect(max).toBeGreaterThan(0.999);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('randomInt', () => {
  it('covers the inclusive range and nothing else', () => {
    const rng = createRng(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(randomInt(rng, -2, 3));
    expect([...seen].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(randomInt(rng, 7, 7)).toBe(7);
  });
  it('rejects invalid ranges', () => {
    const rng = createRng(5);
    expect(() => randomInt(rng, 3, 2)).toThrow(RangeError);
    expect(() => randomInt(rng, 0.5, 2)).toThrow(RangeError);
  });
});

describe('pick', () => {
  it('returns every element eventually and only elements', () => {
    const rng = createRng(11);
    const items = ['fire', 'flood', 'quake'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(pick(rng, items));
    expect([...seen].sort()).toEqual(['fire', 'flood', 'quake']);
  });
  it('uses the generator: a fixed rng picks a fixed element', () => {
    expect(pick(() => 0.999, [1, 2, 3])).toBe(3);
    expect(pick(() => 0, [1, 2, 3])).toBe(1);
  });
  it('throws on an empty array', () => {
    expect(() => pick(createRng(1), [])).toThrow(RangeError);
  });
});

describe('weightedPick', () => {
  it('follows the weights and never picks zero weight', () => {
    const rng = createRng(3);
    const items = [
      { id: 'a', w: 1 },
      { id: 'b', w: 0 },
      { id: 'c', w: 3 },
    ];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) {
      const p = weightedPick(rng, items, (x) => x.w);
      counts[p.id] = (counts[p.id] ?? 0) + 1;
    }
    expect(counts.b).toBe(0);
    expect((counts.c ?? 0) / 40_000).toBeCloseTo(0.75, 1);
  });
  it('maps the unit interval onto cumulative weights', () => {
    const items = [10, 20, 30];
    expect(
      weightedPick(
        () => 0,
        items,
        (x) => x,
      ),
    ).toBe(10);
    expect(
      weightedPick(
        () => 0.2,
        items,
        (x) => x,
      ),
    ).toBe(20);
    expect(
      weightedPick(
        () => 0.6,
        items,
        (x) => x,
      ),
    ).toBe(30);
    expect(
      weightedPick(
        () => 0.9999999,
        [5, 0],
        (x) => x,
      ),
    ).toBe(5);
  });
  it('rejects unusable weights', () => {
    const rng = createRng(1);
    expect(() => weightedPick(rng, [], () => 1)).toThrow(RangeError);
    expect(() => weightedPick(rng, [1, 2], () => 0)).toThrow(RangeError);
    expect(() => weightedPick(rng, [1, 2], (x) => (x === 1 ? -1 : 2))).toThrow(RangeError);
    expect(() => weightedPick(rng, [1], () => Number.NaN)).toThrow(RangeError);
  });
});

describe('randomPointNear', () => {
  it('stays within the radius and is area-uniform', () => {
    const rng = createRng(77);
    const center: [number, number] = [116.4, 39.9];
    let inner = 0;
    let maxD = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const d = haversineKm(center, randomPointNear(rng, center, 25));
      maxD = Math.max(maxD, d);
      if (d <= 25 / Math.SQRT2) inner++;
    }
    expect(maxD).toBeLessThanOrEqual(25 + 1e-9);
    expect(maxD).toBeGreaterThan(24.5);
    // The inner disk of radius R/√2 holds half the area.
    expect(inner / n).toBeCloseTo(0.5, 1);
  });
  it('is deterministic for a seed', () => {
    expect(randomPointNear(createRng(1), [0, 0], 10)).toEqual(randomPointNear(createRng(1), [0, 0], 10));
  });
  it('maps u = 1 to the rim and u = 0 to the centre', () => {
    const rim = randomPointNear(() => 0.99999999999, [120, 30], 50);
    expect(haversineKm([120, 30], rim)).toBeCloseTo(50, 6);
    const centre = randomPointNear(() => 0, [120, 30], 50);
    expect(haversineKm([120, 30], centre)).toBe(0);
  });
});
