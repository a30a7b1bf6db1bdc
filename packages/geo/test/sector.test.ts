import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, haversineKm, swathFootprint, viewCone } from '../src/index.js';

const DEG_KM = (Math.PI / 180) * EARTH_RADIUS_KM; // one degree of great-circle arc, ≈ 111.195 km

describe('viewCone', () => {
  it('puts the arc at the range either side of the bearing, apex first and last', () => {
    // East from the origin, 90° wide, one degree deep. The corners at bearings 135° and 45°,
    // worked out independently: lat = asin(sin 1° · cos 45°) = ∓0.707089°,
    // lon = atan2(sin 45° · sin 1°, cos 1°) = 0.707143°.
    const ring = viewCone([0, 0], 90, 90, DEG_KM * 1000, 2).coordinates[0] as number[][];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual([0, 0]);
    expect(ring[4]).toEqual([0, 0]);
    expect(ring[1]?.[0]).toBeCloseTo(0.707143, 5);
    expect(ring[1]?.[1]).toBeCloseTo(-0.707089, 5);
    expect(ring[2]?.[0]).toBeCloseTo(1, 9);
    expect(ring[2]?.[1]).toBeCloseTo(0, 9);
    expect(ring[3]?.[0]).toBeCloseTo(0.707143, 5);
    expect(ring[3]?.[1]).toBeCloseTo(0.707089, 5);
  });

  it('is counter-clockwise, as RFC 7946 wants exterior rings', () => {
    const ring = viewCone([120.15, 30.27], 300, 60, 800).coordinates[0] as number[][];
    let twiceArea = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as number[];
      const [x2, y2] = ring[i + 1] as number[];
      twiceArea += (x1 as number) * (y2 as number) - (x2 as number) * (y1 as number);
    }
    expect(twiceArea).toBeGreaterThan(0);
    expect(turf.booleanClockwise(ring as [number, number][])).toBe(false);
  });

  it('keeps every arc vertex at the range, and covers the same ground as turf.sector', () => {
    const center: [number, number] = [104.07, 30.67];
    const cone = viewCone(center, 30, 70, 1500, 64);
    const ring = cone.coordinates[0] as [number, number][];
    for (const p of ring.slice(1, -1)) expect(haversineKm(center, p)).toBeCloseTo(1.5, 9);
    const sector = turf.sector(center, 1.5, 30 - 35, 30 + 35, { units: 'kilometers', steps: 64 });
    const ours = turf.area(turf.polygon([ring]));
    expect(ours / turf.area(sector)).toBeCloseTo(1, 3);
    // The wedge's area is fov/360 of the circle, less the chords: within 0.1 % at 64 steps.
    expect(ours / ((70 / 360) * Math.PI * 1500 ** 2)).toBeCloseTo(1, 2);
  });

  it('gives a full circle without an apex for a panoramic camera', () => {
    const ring = viewCone([0, 0], 0, 360, DEG_KM * 1000, 4).coordinates[0] as number[][];
    expect(ring).toHaveLength(5);
    expect(ring[0]?.[1]).toBeCloseTo(1, 9);
    expect(ring[1]?.[0]).toBeCloseTo(-1, 9);
    expect(ring[4]).toEqual(ring[0]);
  });

  it('refuses a view that is not there', () => {
    expect(() => viewCone([0, 0], 0, 0, 100)).toThrow(RangeError);
    expect(() => viewCone([0, 0], 0, 60, -1)).toThrow(RangeError);
    expect(() => viewCone([0, 0], 0, 60, 100, 0)).toThrow(RangeError);
  });
});

describe('swathFootprint', () => {
  it('spans the scene along and across the heading', () => {
    // Two degrees along north, one across, centred on the origin: corners half a degree east
    // and west of the meridian (less a hair: the east–west legs are great circles), one degree
    // north and south.
    const ring = swathFootprint([0, 0], 2 * DEG_KM, DEG_KM, 0).coordinates[0] as number[][];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    const expected = [
      [-0.5, 1],
      [-0.5, -1],
      [0.5, -1],
      [0.5, 1],
    ];
    expected.forEach(([lon, lat], i) => {
      expect(ring[i]?.[0]).toBeCloseTo(lon as number, 3);
      expect(ring[i]?.[1]).toBeCloseTo(lat as number, 3);
    });
    expect(turf.booleanClockwise(ring as [number, number][])).toBe(false);
  });

  it('turns with the heading of a descending sun-synchronous pass', () => {
    const center: [number, number] = [116.2, 29.3];
    const ring = swathFootprint(center, 110, 60, 192).coordinates[0] as [number, number][];
    // Opposite corners are the rectangle's diagonal apart: √(110² + 60²) ≈ 125.3 km.
    expect(haversineKm(ring[0] as [number, number], ring[2] as [number, number])).toBeCloseTo(
      Math.hypot(110, 60),
      0,
    );
    expect(turf.area(turf.polygon([ring])) / 1e6).toBeCloseTo(110 * 60, -1);
  });
});
