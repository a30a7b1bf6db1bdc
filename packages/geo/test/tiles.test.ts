import { describe, expect, it } from 'vitest';
import {
  isValidTile,
  lonLatToTile,
  MAX_MERCATOR_LAT,
  tileBounds,
  tileKey,
  tilesCoveringBBox,
} from '../src/index.js';

// Expected tile numbers follow the OSM wiki "Slippy map tilenames" formula:
// x = floor((lon + 180) / 360 · 2^z), y = floor((1 − ln(tan φ + sec φ) / π) / 2 · 2^z).

describe('MAX_MERCATOR_LAT', () => {
  it('is atan(sinh(π))', () => {
    expect(MAX_MERCATOR_LAT).toBeCloseTo((Math.atan(Math.sinh(Math.PI)) * 180) / Math.PI, 12);
  });
});

describe('lonLatToTile', () => {
  it('finds Beijing at z5 and z10', () => {
    expect(lonLatToTile(116.4, 39.9, 5)).toEqual({ x: 26, y: 12 });
    // z10: x = floor(296.4/360·1024) = floor(843.09) = 843, y = floor(388.036) = 388
    expect(lonLatToTile(116.4, 39.9, 10)).toEqual({ x: 843, y: 388 });
  });
  it('finds the four quadrants at z1', () => {
    expect(lonLatToTile(-90, 45, 1)).toEqual({ x: 0, y: 0 });
    expect(lonLatToTile(90, 45, 1)).toEqual({ x: 1, y: 0 });
    expect(lonLatToTile(-90, -45, 1)).toEqual({ x: 0, y: 1 });
    expect(lonLatToTile(90, -45, 1)).toEqual({ x: 1, y: 1 });
  });
  it('clamps the poles and the antimeridian to edge tiles', () => {
    expect(lonLatToTile(180, 90, 3)).toEqual({ x: 7, y: 0 });
    expect(lonLatToTile(-180, -90, 3)).toEqual({ x: 0, y: 7 });
    expect(lonLatToTile(200, 0, 2)).toEqual({ x: 3, y: 2 });
  });
  it('puts z0 everything in 0/0/0', () => {
    expect(lonLatToTile(116.4, 39.9, 0)).toEqual({ x: 0, y: 0 });
  });
});

describe('tileBounds', () => {
  it('gives the world at z0', () => {
    const [w, s, e, n] = tileBounds(0, 0, 0);
    expect([w, e]).toEqual([-180, 180]);
    expect(n).toBeCloseTo(MAX_MERCATOR_LAT, 10);
    expect(s).toBeCloseTo(-MAX_MERCATOR_LAT, 10);
  });
  it('gives the north-east quadrant at z1', () => {
    const b = tileBounds(1, 1, 0);
    expect(b[0]).toBe(0);
    expect(b[1]).toBeCloseTo(0, 12);
    expect(b[2]).toBe(180);
    expect(b[3]).toBeCloseTo(MAX_MERCATOR_LAT, 10);
  });
  it('contains the point that lonLatToTile mapped to it', () => {
    const b = tileBounds(5, 26, 12);
    expect(b[0]).toBe(112.5);
    expect(b[2]).toBe(123.75);
    // Row 12 of 32 spans 31.952162°N..40.979898°N.
    expect(b[1]).toBeCloseTo(31.952162, 6);
    expect(b[3]).toBeCloseTo(40.979898, 6);
    expect(b[1] < 39.9 && 39.9 < b[3]).toBe(true);
  });
});

describe('tilesCoveringBBox', () => {
  it('covers the world at z1 with 4 tiles in row order', () => {
    expect(tilesCoveringBBox([-180, -90, 180, 90], 1)).toEqual([
      { z: 1, x: 0, y: 0 },
      { z: 1, x: 1, y: 0 },
      { z: 1, x: 0, y: 1 },
      { z: 1, x: 1, y: 1 },
    ]);
  });
  it('covers mainland China at z4', () => {
    // 73.5°E → x 11.27, 135°E → x 14.0 exactly (an edge, so touched); 53.6°N → y 5.17, 18°N → y 7.19
    const tiles = tilesCoveringBBox([73.5, 18, 135, 53.6], 4);
    expect(tiles).toHaveLength(4 * 3);
    expect(tiles[0]).toEqual({ z: 4, x: 11, y: 5 });
    expect(tiles.at(-1)).toEqual({ z: 4, x: 14, y: 7 });
  });
  it('includes tiles touched by an edge', () => {
    // maxLon = 0 lies on the boundary of x = 0 and x = 1 at z1.
    expect(tilesCoveringBBox([-10, 10, 0, 20], 1).map((t) => t.x)).toEqual([0, 1]);
  });
  it('clamps out-of-range input and returns [] for inverted boxes', () => {
    expect(tilesCoveringBBox([-500, -100, 500, 100], 0)).toEqual([{ z: 0, x: 0, y: 0 }]);
    expect(tilesCoveringBBox([10, 0, 5, 1], 3)).toEqual([]);
    expect(tilesCoveringBBox([0, 5, 1, 1], 3)).toEqual([]);
  });
  it('returns a single tile for a point', () => {
    expect(tilesCoveringBBox([116.4, 39.9, 116.4, 39.9], 5)).toEqual([{ z: 5, x: 26, y: 12 }]);
  });
});

describe('tileKey and isValidTile', () => {
  it('formats z/x/y', () => {
    expect(tileKey(5, 26, 12)).toBe('5/26/12');
  });
  it('accepts only real tiles', () => {
    expect(isValidTile(0, 0, 0)).toBe(true);
    expect(isValidTile(5, 31, 31)).toBe(true);
    expect(isValidTile(5, 32, 0)).toBe(false);
    expect(isValidTile(5, 0, 32)).toBe(false);
    expect(isValidTile(1, -1, 0)).toBe(false);
    expect(isValidTile(-1, 0, 0)).toBe(false);
    expect(isValidTile(31, 0, 0)).toBe(false);
    expect(isValidTile(2.5, 0, 0)).toBe(false);
    expect(isValidTile(2, 1.5, 0)).toBe(false);
    expect(isValidTile(2, 0, Number.NaN)).toBe(false);
  });
});
