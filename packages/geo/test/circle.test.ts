import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { circlePolygon, geodesicDestination, type LonLat } from '../src/index.js';

// Reference points computed independently with PostGIS 3.3.2 (GEOS 3.11, geodesics by GeographicLib):
// ST_Project('POINT(lon lat)'::geography, metres, radians(bearing)).
const REFERENCE: Array<{ from: LonLat; km: number; bearing: number; to: LonLat }> = [
  { from: [120.1551, 30.2741], km: 10, bearing: 45, to: [120.22863609856275, 30.33786448498864] },
  { from: [116.4074, 39.9042], km: 1000, bearing: 135, to: [123.98840330307681, 33.27384603976357] },
  { from: [87.6, 43.8], km: 2000, bearing: 270, to: [63.443444672470605, 41.175887725315036] },
  { from: [0, 0], km: 111.3194908, bearing: 0, to: [0, 1.006738456502309] },
];

// 1e-9° is about 0.1 mm on the ground.
const closeTo = (actual: LonLat, expected: LonLat) => {
  expect(actual[0]).toBeCloseTo(expected[0], 9);
  expect(actual[1]).toBeCloseTo(expected[1], 9);
};

describe('geodesicDestination', () => {
  it.each(REFERENCE)('agrees with PostGIS geography: $km km at $bearing° from $from', (r) => {
    closeTo(geodesicDestination(r.from, r.km, r.bearing), r.to);
  });

  it('travels one degree along the equator for a·π/180 (the equator is a geodesic)', () => {
    closeTo(geodesicDestination([0, 0], (6378137 * Math.PI) / 180 / 1000, 90), [1, 0]);
  });

  it('differs from the sphere by the ellipsoid, not by a bug: within 0.5 % of the haversine', () => {
    const p = geodesicDestination([104.07, 30.67], 500, 30);
    const sphere = turf.distance([104.07, 30.67], p, { units: 'kilometers' });
    expect(Math.abs(sphere - 500) / 500).toBeLessThan(0.005);
  });

  it('normalises longitude across the antimeridian', () => {
    const p = geodesicDestination([179.9, 0], 111.3194908, 90);
    expect(p[0]).toBeCloseTo(-179.1, 9);
  });
});

describe('circlePolygon', () => {
  const center: LonLat = [120.1551, 30.2741];

  it('puts every vertex at the radius along the geodesic', () => {
    const ring = circlePolygon(center, 10, 16).coordinates[0] as LonLat[];
    expect(ring).toHaveLength(17);
    // The vertex at bearing 45° (i = 14 of 16 going anticlockwise) is PostGIS's reference point.
    closeTo(ring[14] as LonLat, REFERENCE[0]?.to as LonLat);
    closeTo(ring[0] as LonLat, geodesicDestination(center, 10, 0));
  });

  it('closes the ring and winds it counter-clockwise (RFC 7946)', () => {
    const polygon = circlePolygon(center, 25);
    const ring = polygon.coordinates[0] as LonLat[];
    expect(ring).toHaveLength(65);
    expect(ring.at(-1)).toEqual(ring[0]);
    expect(turf.booleanClockwise(ring as never)).toBe(false);
  });

  it('covers the area of a regular polygon inscribed in the circle', () => {
    // n/2 · r² · sin(2π/n); turf's spherical area is within 0.5 % of the ellipsoid's.
    const n = 64;
    const r = 5_000;
    const expected = (n / 2) * r * r * Math.sin((2 * Math.PI) / n);
    const area = turf.area({
      type: 'Feature',
      geometry: circlePolygon(center, 5, n) as never,
      properties: {},
    });
    expect(Math.abs(area - expected) / expected).toBeLessThan(0.005);
  });

  it('refuses a radius or step count that cannot make a polygon', () => {
    expect(() => circlePolygon(center, 0)).toThrow(/radiusKm/);
    expect(() => circlePolygon(center, Number.NaN)).toThrow(/radiusKm/);
    expect(() => circlePolygon(center, 1, 3)).toThrow(/steps/);
  });
});
