import { describe, expect, it } from 'vitest';
import { DEFAULT_ROAD_FACTOR, estimateTravel, haversineKm, travelMinutes } from '../src/index.js';

// Values computed by hand: one degree of arc on the equator is π/180 × 6371.0088 = 111.1950802 km.
const fireEngine = { speedKmh: 45, roadFactor: 1.35, turnoutMin: 1 };
const helicopter = { speedKmh: 200, roadFactor: 1, turnoutMin: 15 };

describe('travelMinutes', () => {
  it('adds turn-out to road distance over speed', () => {
    // 10 km × 1.35 = 13.5 km; 13.5 / 45 h = 18 min; + 1 min turn-out.
    expect(travelMinutes(10, fireEngine)).toBeCloseTo(19, 12);
    // 100 km straight at 200 km/h = 30 min; + 15 min launch.
    expect(travelMinutes(100, helicopter)).toBeCloseTo(45, 12);
  });

  it('is the turn-out time at zero distance', () => {
    expect(travelMinutes(0, fireEngine)).toBe(1);
    expect(travelMinutes(0, helicopter)).toBe(15);
  });

  it('refuses impossible profiles', () => {
    expect(() => travelMinutes(1, { ...fireEngine, speedKmh: 0 })).toThrow(RangeError);
    expect(() => travelMinutes(1, { ...fireEngine, speedKmh: Number.NaN })).toThrow(RangeError);
    expect(() => travelMinutes(1, { ...fireEngine, roadFactor: 0.9 })).toThrow(RangeError);
    expect(() => travelMinutes(1, { ...fireEngine, turnoutMin: -1 })).toThrow(RangeError);
  });
});

describe('estimateTravel', () => {
  it('gives a fire engine 0.1° of equator: 15.011 km by road, 21.015 min', () => {
    const e = estimateTravel([0, 0], [0.1, 0], fireEngine);
    expect(e.straightKm).toBeCloseTo(11.119508, 6);
    expect(e.distanceKm).toBeCloseTo(15.0113358, 6);
    expect(e.minutes).toBeCloseTo(21.0151144, 6);
  });

  it('flies a helicopter the straight line: 1° of equator in 48.359 min', () => {
    const e = estimateTravel([0, 0], [1, 0], helicopter);
    expect(e.distanceKm).toBeCloseTo(111.1950802, 6);
    expect(e.distanceKm).toBe(e.straightKm);
    expect(e.minutes).toBeCloseTo(48.3585241, 6);
  });

  it('uses the shared great-circle distance, Beijing–Shanghai by road', () => {
    const bj: [number, number] = [116.4074, 39.9042];
    const sh: [number, number] = [121.4737, 31.2304];
    const e = estimateTravel(bj, sh, { speedKmh: 60, roadFactor: DEFAULT_ROAD_FACTOR, turnoutMin: 0 });
    expect(e.straightKm).toBe(haversineKm(bj, sh));
    // 1067.3116 km × 1.35 = 1440.8707 km, at 60 km/h = 1440.8707 min.
    expect(e.distanceKm).toBeCloseTo(1440.8707, 3);
    expect(e.minutes).toBeCloseTo(1440.8707, 3);
  });

  it('is symmetric in its endpoints', () => {
    const a = estimateTravel([103.1, 30.2], [104.9, 31.7], fireEngine);
    const b = estimateTravel([104.9, 31.7], [103.1, 30.2], fireEngine);
    expect(a.minutes).toBeCloseTo(b.minutes, 9);
  });
});
