import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { bearingDeg, destination, EARTH_RADIUS_KM, haversineKm } from '../src/index.js';

describe('haversineKm', () => {
  it('gives Beijing–Shanghai ≈ 1067.31 km', () => {
    // City coordinates as published on Wikipedia: Beijing 39.9042°N 116.4074°E,
    // Shanghai 31.2304°N 121.4737°E. The haversine with R = 6371.0088 km, computed independently
    // in double precision, gives 1067.3116451587 km; tolerance 1 m.
    expect(haversineKm([116.4074, 39.9042], [121.4737, 31.2304])).toBeCloseTo(1067.3116451587, 3);
  });
  it('gives one degree of arc on the equator and a quarter meridian', () => {
    expect(haversineKm([0, 0], [1, 0])).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_KM, 9);
    expect(haversineKm([0, 0], [0, 90])).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 9);
  });
  it('is symmetric, zero for equal points and finite for antipodes', () => {
    const a: [number, number] = [104.07, 30.67];
    const b: [number, number] = [87.62, 43.83];
    expect(haversineKm(a, b)).toBe(haversineKm(b, a));
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm([0, 0], [180, 0])).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 9);
  });
  it('agrees with turf.distance', () => {
    const a: [number, number] = [116.4074, 39.9042];
    const b: [number, number] = [91.1172, 29.6469];
    expect(haversineKm(a, b)).toBeCloseTo(turf.distance(a, b, { units: 'kilometers' }), 6);
  });
});

describe('destination', () => {
  it('travels one degree east along the equator', () => {
    const p = destination([0, 0], (Math.PI / 180) * EARTH_RADIUS_KM, 90);
    expect(p[0]).toBeCloseTo(1, 10);
    expect(p[1]).toBeCloseTo(0, 10);
  });
  it('travels north along a meridian', () => {
    const p = destination([116.4, 39.9], 10 * (Math.PI / 180) * EARTH_RADIUS_KM, 0);
    expect(p[0]).toBeCloseTo(116.4, 10);
    expect(p[1]).toBeCloseTo(49.9, 10);
  });
  it('wraps across the antimeridian', () => {
    const p = destination([179.5, 0], (Math.PI / 180) * EARTH_RADIUS_KM, 90);
    expect(p[0]).toBeCloseTo(-179.5, 10);
  });
  it('is consistent with haversineKm and agrees with turf.destination', () => {
    const origin: [number, number] = [121.4737, 31.2304];
    const p = destination(origin, 250, 37);
    expect(haversineKm(origin, p)).toBeCloseTo(250, 9);
    const t = turf.destination(origin, 250, 37, { units: 'kilometers' }).geometry.coordinates;
    expect(p[0]).toBeCloseTo(t[0] as number, 9);
    expect(p[1]).toBeCloseTo(t[1] as number, 9);
  });
});

describe('bearingDeg', () => {
  it('points along the axes', () => {
    expect(bearingDeg([0, 0], [1, 0])).toBeCloseTo(90, 9);
    expect(bearingDeg([0, 0], [0, 1])).toBeCloseTo(0, 9);
    expect(bearingDeg([0, 0], [-1, 0])).toBeCloseTo(270, 9);
    expect(bearingDeg([0, 1], [0, 0])).toBeCloseTo(180, 9);
  });

  it('agrees with turf between Chinese cities, as [0, 360)', () => {
    for (const [a, b] of [
      [
        [116.4074, 39.9042],
        [121.4737, 31.2304],
      ],
      [
        [104.0665, 30.5723],
        [87.6168, 43.8256],
      ],
      [
        [120.1551, 30.2741],
        [113.2644, 23.1291],
      ],
    ] as Array<[[number, number], [number, number]]>) {
      const t = turf.bearing(a, b);
      expect(bearingDeg(a, b)).toBeCloseTo((t + 360) % 360, 9);
    }
  });

  it('is the heading destination() travels along', () => {
    const from: [number, number] = [120, 30];
    expect(bearingDeg(from, destination(from, 50, 222))).toBeCloseTo(222, 6);
  });
});
