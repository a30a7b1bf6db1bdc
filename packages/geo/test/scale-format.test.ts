import { describe, expect, it } from 'vitest';
import { formatDms, formatLonLat, metersPerPixel, niceScale } from '../src/index.js';

describe('metersPerPixel', () => {
  it('gives 78271.517 m/px at the equator, zoom 0, 512-px tiles', () => {
    // 2π · 6378137 / 512 = 78271.51696...
    expect(metersPerPixel(0, 0)).toBeCloseTo(78271.517, 3);
  });
  it('gives the classic 156543.034 m/px for 256-px tiles', () => {
    expect(metersPerPixel(0, 0, 256)).toBeCloseTo(156543.034, 3);
  });
  it('halves per zoom level and shrinks with cos(lat)', () => {
    expect(metersPerPixel(0, 10)).toBeCloseTo(78271.51696 / 1024, 4);
    expect(metersPerPixel(60, 0)).toBeCloseTo(78271.51696 / 2, 3);
    // Beijing at zoom 12: 78271.517 · cos(39.9°) / 4096
    expect(metersPerPixel(39.9, 12)).toBeCloseTo(14.65996, 4);
  });
});

describe('niceScale', () => {
  it('picks the largest 1/2/5 × 10^n not above the limit', () => {
    expect(niceScale(740)).toEqual({ meters: 500, label: '500 m' });
    expect(niceScale(23_000)).toEqual({ meters: 20_000, label: '20 km' });
    expect(niceScale(1000)).toEqual({ meters: 1000, label: '1 km' });
    expect(niceScale(999.9999999999999)).toEqual({ meters: 500, label: '500 m' });
    expect(niceScale(199)).toEqual({ meters: 100, label: '100 m' });
    expect(niceScale(4999)).toEqual({ meters: 2000, label: '2 km' });
    expect(niceScale(5_500_000)).toEqual({ meters: 5_000_000, label: '5000 km' });
    expect(niceScale(3)).toEqual({ meters: 2, label: '2 m' });
    expect(niceScale(0.7)).toEqual({ meters: 0.5, label: '0.5 m' });
  });
  it('rejects lengths with no scale', () => {
    expect(() => niceScale(0)).toThrow(RangeError);
    expect(() => niceScale(-5)).toThrow(RangeError);
    expect(() => niceScale(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => niceScale(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatLonLat', () => {
  it('formats decimal degrees with hemispheres', () => {
    expect(formatLonLat(120.15358, 30.28751)).toBe('120.1536°E 30.2875°N');
    expect(formatLonLat(-74.006, -33.8688, 2)).toBe('74.01°W 33.87°S');
    expect(formatLonLat(116.4, 39.9, 0)).toBe('116°E 40°N');
  });
  it('does not print a hemisphere letter for a value that rounds to zero', () => {
    expect(formatLonLat(-0.00001, -0.00001)).toBe('0.0000°E 0.0000°N');
  });
});

describe('formatDms', () => {
  it('formats degrees, minutes and seconds', () => {
    // 120.1536° = 120° 9′ 12.96″ → 13″; 30.2875° = 30° 17′ 15″
    expect(formatDms(120.1536, 30.2875)).toBe('120°09′13″E 30°17′15″N');
    expect(formatDms(-0.5, -45.25)).toBe('0°30′00″W 45°15′00″S');
  });
  it('carries rounded seconds into minutes and degrees', () => {
    // 29.99999° = 29° 59′ 59.964″ → 30° 00′ 00″
    expect(formatDms(29.99999, 0)).toBe('30°00′00″E 0°00′00″N');
  });
});
