import { describe, expect, it } from 'vitest';
import {
  bboxContains,
  bboxIntersects,
  bboxOfCoordinates,
  bboxOfGeometry,
  bboxPad,
  bboxUnion,
  parseBBox,
} from '../src/index.js';

describe('bboxOfCoordinates', () => {
  it('spans all points', () => {
    expect(
      bboxOfCoordinates([
        [116.4, 39.9],
        [121.47, 31.23],
        [104.07, 30.67],
      ]),
    ).toEqual([104.07, 30.67, 121.47, 39.9]);
  });
  it('accepts any iterable', () => {
    function* gen(): Generator<[number, number]> {
      yield [1, 2];
      yield [-3, 5];
    }
    expect(bboxOfCoordinates(gen())).toEqual([-3, 2, 1, 5]);
  });
  it('throws on no coordinates', () => {
    expect(() => bboxOfCoordinates([])).toThrow(RangeError);
  });
});

describe('bboxOfGeometry', () => {
  it('handles Point, LineString, Polygon and MultiPolygon', () => {
    expect(bboxOfGeometry({ type: 'Point', coordinates: [116.4, 39.9] })).toEqual([116.4, 39.9, 116.4, 39.9]);
    expect(
      bboxOfGeometry({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [2, -1],
          [1, 3],
        ],
      }),
    ).toEqual([0, -1, 2, 3]);
    expect(
      bboxOfGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
            [0, 0],
          ],
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 1],
          ],
        ],
      }),
    ).toEqual([0, 0, 4, 4]);
    expect(
      bboxOfGeometry({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [10, -5],
              [11, -5],
              [11, 2],
              [10, -5],
            ],
          ],
        ],
      }),
    ).toEqual([0, -5, 11, 2]);
  });
  it('ignores extra ordinates such as elevation', () => {
    expect(bboxOfGeometry({ type: 'Point', coordinates: [1, 2, 300] })).toEqual([1, 2, 1, 2]);
  });
});

describe('bbox predicates and combinators', () => {
  const china: [number, number, number, number] = [73.5, 18, 135, 53.6];
  it('bboxContains counts edges as inside', () => {
    expect(bboxContains(china, 116.4, 39.9)).toBe(true);
    expect(bboxContains(china, 73.5, 18)).toBe(true);
    expect(bboxContains(china, 2.35, 48.86)).toBe(false);
    expect(bboxContains(china, 116.4, 60)).toBe(false);
  });
  it('bboxIntersects detects overlap, touching and separation', () => {
    expect(bboxIntersects([0, 0, 2, 2], [1, 1, 3, 3])).toBe(true);
    expect(bboxIntersects([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(bboxIntersects([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
    expect(bboxIntersects([0, 0, 1, 1], [0, 1.1, 1, 2])).toBe(false);
    expect(bboxIntersects([0, 0, 10, 10], [4, 4, 5, 5])).toBe(true);
  });
  it('bboxUnion spans both', () => {
    expect(bboxUnion([0, 0, 1, 1], [2, -1, 3, 0])).toEqual([0, -1, 3, 1]);
  });
  it('bboxPad grows by a fraction of each dimension and clamps', () => {
    expect(bboxPad([0, 0, 10, 20], 0.1)).toEqual([-1, -2, 11, 22]);
    expect(bboxPad([170, 80, 180, 90], 0.5)).toEqual([165, 75, 180, 90]);
    expect(bboxPad([0, 0, 10, 10], -0.1)).toEqual([1, 1, 9, 9]);
  });
});

describe('parseBBox', () => {
  it('parses valid boxes, with whitespace and zero area', () => {
    expect(parseBBox('73.5,18,135,53.6')).toEqual([73.5, 18, 135, 53.6]);
    expect(parseBBox(' -180 , -90 , 180 , 90 ')).toEqual([-180, -90, 180, 90]);
    expect(parseBBox('1,2,1,2')).toEqual([1, 2, 1, 2]);
  });
  it('reports the wrong number of values', () => {
    expect(parseBBox('1,2,3')).toBe('bbox must have 4 comma-separated numbers, got 3');
    expect(parseBBox('1,2,3,4,5')).toBe('bbox must have 4 comma-separated numbers, got 5');
  });
  it('reports non-numbers', () => {
    expect(parseBBox('1,x,3,4')).toBe('bbox value "x" is not a number');
    expect(parseBBox('1,,3,4')).toBe('bbox value "" is not a number');
    expect(parseBBox('1,2,Infinity,4')).toBe('bbox value "Infinity" is not a number');
  });
  it('reports out-of-range values', () => {
    expect(parseBBox('-181,0,10,10')).toBe('bbox longitude must be within [-180, 180]');
    expect(parseBBox('0,0,181,10')).toBe('bbox longitude must be within [-180, 180]');
    expect(parseBBox('0,-91,10,10')).toBe('bbox latitude must be within [-90, 90]');
    expect(parseBBox('0,0,10,95')).toBe('bbox latitude must be within [-90, 90]');
  });
  it('reports min > max', () => {
    expect(parseBBox('10,0,0,10')).toBe('bbox minLon must not exceed maxLon');
    expect(parseBBox('0,10,10,0')).toBe('bbox minLat must not exceed maxLat');
  });
});
