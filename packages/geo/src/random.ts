import { destination, EARTH_RADIUS_KM } from './distance.js';
import type { LonLat } from './types.js';

/** A source of uniform numbers in [0, 1), like `Math.random` but passed in, so results are reproducible. */
export type Rng = () => number;

/**
 * A seeded pseudo-random generator (mulberry32): tiny, fast, 32-bit state, good enough
 * statistically for seed data — not for anything security-related. The same seed always gives
 * the same sequence, on every platform, which is what makes generated data reproducible.
 *
 * @example
 * const rng = createRng(42);
 * rng(); // 0.6011037519201636, and the same on every run
 */
export function createRng(seed: number): Rng {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in [min, maxInclusive]. Throws on a non-integer or empty range rather than
 * returning something plausible, since a silent off-by-one in seed data is hard to spot later.
 *
 * @example
 * randomInt(createRng(1), 1, 6); // a die roll
 */
export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(maxInclusive) || maxInclusive < min) {
    throw new RangeError(`randomInt: invalid range [${min}, ${maxInclusive}]`);
  }
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

/**
 * A uniformly chosen element. Throws on an empty array, which has nothing to pick.
 *
 * @example
 * pick(createRng(1), ['fire', 'flood', 'quake']);
 */
export function pick<T>(rng: Rng, array: readonly T[]): T {
  if (array.length === 0) throw new RangeError('pick: empty array');
  return array[Math.floor(rng() * array.length)] as T;
}

/**
 * An element chosen with probability proportional to `weight(item)`, e.g. to place more incidents
 * in populous provinces. Zero-weight items are never chosen. Throws when no item has weight or a
 * weight is negative or not finite.
 *
 * @example
 * weightedPick(createRng(1), cities, (c) => c.population);
 */
export function weightedPick<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  let total = 0;
  const weights = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    const w = weight(items[i] as T);
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weightedPick: invalid weight ${w}`);
    weights[i] = w;
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weightedPick: no item has positive weight');
  let r = rng() * total;
  let last = -1;
  for (let i = 0; i < items.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    if (r < w) return items[i] as T;
    r -= w;
    last = i;
  }
  // Floating-point leftovers can run r past the end; the last positive-weight item absorbs them.
  return items[last] as T;
}

/**
 * A point uniformly distributed over the spherical cap of radius `radiusKm` around `center`:
 * the distance is drawn so that cos(d/R) is uniform, which is exactly area-uniform on the sphere
 * (a plain `r = R·√u` is only the flat approximation).
 *
 * @example
 * randomPointNear(createRng(7), [116.4, 39.9], 25); // somewhere within 25 km of Beijing
 */
export function randomPointNear(rng: Rng, center: LonLat, radiusKm: number): LonLat {
  const u = rng();
  const bearing = rng() * 360;
  const maxAngle = radiusKm / EARTH_RADIUS_KM;
  // 1 - cos(x) = 2 sin²(x/2), which stays accurate for the tiny angles of local radii.
  const s = Math.sin(maxAngle / 2);
  const oneMinusCos = u * 2 * s * s;
  const angle = 2 * Math.asin(Math.sqrt(oneMinusCos / 2));
  return destination(center, angle * EARTH_RADIUS_KM, bearing);
}
