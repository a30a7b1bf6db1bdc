import { describe, expect, it } from 'vitest';
import { geometryProblem } from '../src/index.js';

const square = [
  [116, 39],
  [117, 39],
  [117, 40],
  [116, 40],
  [116, 39],
];

describe('geometryProblem', () => {
  it('passes sound points, polygons and multipolygons', () => {
    expect(geometryProblem({ type: 'Point', coordinates: [116.4, 39.9] }, ['Point'])).toBeNull();
    expect(geometryProblem({ type: 'Point', coordinates: [116.4, 39.9, 43.5] }, ['Point'])).toBeNull();
    expect(geometryProblem({ type: 'Polygon', coordinates: [square] }, ['Polygon'])).toBeNull();
    expect(
      geometryProblem({ type: 'MultiPolygon', coordinates: [[square], [square]] }, [
        'Polygon',
        'MultiPolygon',
      ]),
    ).toBeNull();
    expect(geometryProblem({ type: 'Point', coordinates: [-180, -90] }, ['Point'])).toBeNull();
  });

  it('names a type the caller does not take', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [square] }, ['Point'])).toBe(
      'geometry.type: must be Point, got Polygon',
    );
    expect(geometryProblem({ coordinates: [1, 2] }, ['Polygon', 'MultiPolygon'])).toBe(
      'geometry.type: must be Polygon or MultiPolygon, got none',
    );
    expect(geometryProblem(null, ['Point'])).toBe('geometry: must be a GeoJSON geometry object');
    expect(geometryProblem([1, 2], ['Point'])).toBe('geometry: must be a GeoJSON geometry object');
  });

  it('names the position out of range or not a number', () => {
    expect(geometryProblem({ type: 'Point', coordinates: [200, 39.9] }, ['Point'])).toBe(
      'geometry.coordinates: longitude 200 is outside -180…180',
    );
    expect(geometryProblem({ type: 'Point', coordinates: [116, -91] }, ['Point'])).toBe(
      'geometry.coordinates: latitude -91 is outside -90…90',
    );
    const bad = square.map((p, i) => (i === 2 ? [117, '40'] : p));
    expect(geometryProblem({ type: 'Polygon', coordinates: [bad] }, ['Polygon'])).toBe(
      'geometry.coordinates[0][2]: a position holds finite numbers only',
    );
    expect(geometryProblem({ type: 'Point', coordinates: [116] }, ['Point'])).toMatch(
      /^geometry\.coordinates: a position is/,
    );
    expect(geometryProblem({ type: 'Point', coordinates: 'here' }, ['Point'])).toMatch(/a position is/);
  });

  it('refuses open and too-short rings', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [square.slice(0, 4)] }, ['Polygon'])).toBe(
      'geometry.coordinates[0]: the ring is not closed (its last position must repeat its first)',
    );
    expect(
      geometryProblem(
        {
          type: 'Polygon',
          coordinates: [
            [
              [116, 39],
              [117, 39],
              [116, 39],
            ],
          ],
        },
        ['Polygon'],
      ),
    ).toBe('geometry.coordinates[0]: needs at least 4 elements');
    expect(geometryProblem({ type: 'MultiPolygon', coordinates: [[square], []] }, ['MultiPolygon'])).toBe(
      'geometry.coordinates[1]: needs at least 1 element',
    );
    expect(geometryProblem({ type: 'Polygon', coordinates: [] }, ['Polygon'])).toBe(
      'geometry.coordinates: needs at least 1 element',
    );
  });

  it('stops a geometry with more positions than allowed', () => {
    expect(
      geometryProblem({ type: 'Polygon', coordinates: [square] }, ['Polygon'], { maxPositions: 5 }),
    ).toBeNull();
    expect(
      geometryProblem({ type: 'Polygon', coordinates: [square] }, ['Polygon'], { maxPositions: 4 }),
    ).toBe('geometry.coordinates[0][4]: the geometry has too many positions');
  });
});
