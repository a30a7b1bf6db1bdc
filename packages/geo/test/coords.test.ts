import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  convertCoordinate,
  gcj02ToBd09,
  gcj02ToWgs84,
  outOfChina,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../src/index.js';

// Reference values come from two sources that agree to the last bit:
// 1. the results printed in wandergis/coordtransform `test/app.js` (the widely used JS reference
//    implementation) for the input (116.404, 39.915);
// 2. an independent Python transcription of the same published formula (Krasovsky 1940:
//    a = 6378245.0, ee = 0.00669342162296594323; BD-09: x_pi = 3.14159265358979324 * 3000 / 180),
//    used for the remaining points.
const EXACT = 1e-12;

function expectClose(actual: [number, number], expected: [number, number], tol: number): void {
  expect(Math.abs(actual[0] - expected[0])).toBeLessThan(tol);
  expect(Math.abs(actual[1] - expected[1])).toBeLessThan(tol);
}

describe('outOfChina', () => {
  it('uses the published rectangle', () => {
    expect(outOfChina(116.4, 39.9)).toBe(false);
    expect(outOfChina(2.35, 48.86)).toBe(true);
    expect(outOfChina(72.0, 30)).toBe(true);
    expect(outOfChina(72.01, 30)).toBe(false);
    expect(outOfChina(137.84, 30)).toBe(true);
    expect(outOfChina(100, 0.8)).toBe(true);
    expect(outOfChina(100, 55.83)).toBe(true);
  });
});

describe('wgs84ToGcj02', () => {
  it('matches coordtransform for (116.404, 39.915)', () => {
    expectClose(wgs84ToGcj02(116.404, 39.915), [116.41024449916938, 39.91640428150164], EXACT);
  });
  it('matches the formula at Tiananmen, Shanghai and Hangzhou', () => {
    expectClose(wgs84ToGcj02(116.397428, 39.90923), [116.40367162595768, 39.91063350638631], EXACT);
    expectClose(wgs84ToGcj02(121.4737, 31.2304), [121.47822305927693, 31.22845773757727], EXACT);
    expectClose(wgs84ToGcj02(120.1536, 30.2875), [120.15829991531214, 30.285175231582958], EXACT);
  });
  it('passes points outside China through unchanged', () => {
    expect(wgs84ToGcj02(2.35, 48.86)).toEqual([2.35, 48.86]);
    expect(wgs84ToGcj02(-74, 40.7)).toEqual([-74, 40.7]);
  });
});

describe('gcj02ToWgs84', () => {
  it('inverts the forward transform exactly, unlike the one-step approximation', () => {
    const w = gcj02ToWgs84(116.404, 39.915);
    expectClose(wgs84ToGcj02(w[0], w[1]), [116.404, 39.915], 1e-10);
    // The formula inverted by fixed-point iteration in Python.
    expectClose(w, [116.39775575457485, 39.913596235609404], 1e-10);
    // coordtransform's one-step gcj02towgs84 gives [116.39775550083061, 39.91359571849836]: close
    // (sub-metre here) but measurably different from the true inverse.
    expect(Math.abs(w[0] - 116.39775550083061)).toBeGreaterThan(1e-7);
    expect(Math.abs(w[0] - 116.39775550083061)).toBeLessThan(1e-5);
  });
  it('recovers the WGS-84 reference points', () => {
    expectClose(gcj02ToWgs84(116.41024449916938, 39.91640428150164), [116.404, 39.915], 1e-9);
    expectClose(gcj02ToWgs84(116.40367162595768, 39.91063350638631), [116.397428, 39.90923], 1e-9);
  });
  it('passes points outside China through unchanged', () => {
    expect(gcj02ToWgs84(2.35, 48.86)).toEqual([2.35, 48.86]);
  });
  it('round-trips a grid across China to < 1e-6°', () => {
    let worst = 0;
    let count = 0;
    for (let lon = 73.5; lon <= 135; lon += 0.75) {
      for (let lat = 3.9; lat <= 53.5; lat += 0.55) {
        const g = wgs84ToGcj02(lon, lat);
        // Guard that the grid really exercises the offset.
        expect(Math.hypot(g[0] - lon, g[1] - lat)).toBeGreaterThan(1e-4);
        const w = gcj02ToWgs84(g[0], g[1]);
        worst = Math.max(worst, Math.abs(w[0] - lon), Math.abs(w[1] - lat));
        count++;
      }
    }
    expect(count).toBeGreaterThan(7000);
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('BD-09', () => {
  it('gcj02ToBd09 matches coordtransform for (116.404, 39.915)', () => {
    expectClose(gcj02ToBd09(116.404, 39.915), [116.41036949371029, 39.92133699351021], EXACT);
  });
  it('bd09ToGcj02 agrees with coordtransform to its one-step accuracy and inverts exactly', () => {
    const g = bd09ToGcj02(116.404, 39.915);
    // coordtransform: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631]
    expectClose(g, [116.39762729119315, 39.90865673957631], 2e-6);
    expectClose(gcj02ToBd09(g[0], g[1]), [116.404, 39.915], 1e-10);
  });
  it('wgs84ToBd09 gives the formula value at Tiananmen', () => {
    expectClose(wgs84ToBd09(116.397428, 39.90923), [116.41004410170474, 39.916972856075134], EXACT);
  });
  it('bd09ToWgs84 inverts wgs84ToBd09 over a grid', () => {
    let worst = 0;
    for (let lon = 74; lon <= 134; lon += 3.1) {
      for (let lat = 18; lat <= 53; lat += 1.7) {
        const b = wgs84ToBd09(lon, lat);
        const w = bd09ToWgs84(b[0], b[1]);
        worst = Math.max(worst, Math.abs(w[0] - lon), Math.abs(w[1] - lat));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('convertCoordinate', () => {
  it('dispatches every pair of systems', () => {
    const wgs: [number, number] = [116.397428, 39.90923];
    const gcj: [number, number] = [116.40367162595768, 39.91063350638631];
    const bd: [number, number] = [116.41004410170474, 39.916972856075134];
    expectClose(convertCoordinate(wgs, 'wgs84', 'gcj02'), gcj, EXACT);
    expectClose(convertCoordinate(wgs, 'wgs84', 'bd09'), bd, EXACT);
    expectClose(convertCoordinate(gcj, 'gcj02', 'wgs84'), wgs, 1e-9);
    expectClose(convertCoordinate(gcj, 'gcj02', 'bd09'), bd, EXACT);
    expectClose(convertCoordinate(bd, 'bd09', 'wgs84'), wgs, 1e-9);
    expectClose(convertCoordinate(bd, 'bd09', 'gcj02'), gcj, 1e-9);
  });
  it('returns a copy for the identity conversion', () => {
    const p: [number, number] = [116.4, 39.9];
    const q = convertCoordinate(p, 'gcj02', 'gcj02');
    expect(q).toEqual(p);
    expect(q).not.toBe(p);
  });
});
