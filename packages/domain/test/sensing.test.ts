import { describe, expect, it } from 'vitest';
import {
  geojsonIngestQuerySchema,
  hotspotAgeOf,
  hotspotConfidenceOf,
  remoteSensingGeometryTypes,
  remoteSensingKinds,
  remoteSensingPropertiesSchema,
} from '../src/sensing.js';

describe('remote-sensing vocabularies', () => {
  it('classes hotspot confidence as FIRMS does: ≥ 80 high, < 30 low, VIIRS letters as they come', () => {
    expect([hotspotConfidenceOf(80), hotspotConfidenceOf(79.9), hotspotConfidenceOf(30)]).toEqual([
      'high',
      'nominal',
      'nominal',
    ]);
    expect(hotspotConfidenceOf(29)).toBe('low');
    expect([hotspotConfidenceOf('h'), hotspotConfidenceOf('Low'), hotspotConfidenceOf('n')]).toEqual([
      'high',
      'low',
      'nominal',
    ]);
    // Nothing said is not a claim either way.
    expect(hotspotConfidenceOf(undefined)).toBe('nominal');
    expect(hotspotConfidenceOf(Number.NaN)).toBe('nominal');
  });

  it('ages a product by the hours since it was acquired, boundaries inclusive', () => {
    const now = Date.parse('2026-11-25T08:00:00Z');
    const h = (n: number) => now - n * 3600_000;
    expect([hotspotAgeOf(h(0), now), hotspotAgeOf(h(6), now), hotspotAgeOf(h(6.01), now)]).toEqual([
      'h6',
      'h6',
      'h24',
    ]);
    expect([hotspotAgeOf(h(24), now), hotspotAgeOf(h(72), now), hotspotAgeOf(h(73), now)]).toEqual([
      'h24',
      'h72',
      'older',
    ]);
  });

  it('gives every kind the geometry it must have', () => {
    for (const kind of remoteSensingKinds.codes) {
      expect(remoteSensingGeometryTypes[kind].length, kind).toBeGreaterThan(0);
    }
    expect(remoteSensingGeometryTypes.fire_hotspot).toEqual(['Point']);
  });
});

describe('ingest contracts', () => {
  it('takes the channel and kind from the query', () => {
    expect(geojsonIngestQuerySchema.parse({ channel: 'aerial', kind: 'flood_extent' })).toEqual({
      channel: 'aerial',
      kind: 'flood_extent',
    });
    const bad = geojsonIngestQuerySchema.safeParse({ channel: 'iot', kind: 'flood' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['channel', 'kind']);
  });

  it('needs an acquisition time with an offset and a platform; keeps plain extras; refuses nested ones', () => {
    const ok = remoteSensingPropertiesSchema.parse({
      acquiredAt: '2026-11-25T05:32:00+08:00',
      platform: '高分三号',
      orbit: 12345,
      polarisation: 'VV',
    });
    expect(ok).toMatchObject({ platform: '高分三号', orbit: 12345, polarisation: 'VV' });
    for (const bad of [
      { platform: 'GF-3' },
      { acquiredAt: '2026-11-25T05:32:00', platform: 'GF-3' },
      { acquiredAt: '2026-11-25T05:32:00Z', platform: ' ' },
      { acquiredAt: '2026-11-25T05:32:00Z', platform: 'GF-3', confidence: 101 },
      { acquiredAt: '2026-11-25T05:32:00Z', platform: 'GF-3', brightnessK: 20 },
      { acquiredAt: '2026-11-25T05:32:00Z', platform: 'GF-3', extra: { nested: true } },
      { acquiredAt: '2026-11-25T05:32:00Z', platform: 'GF-3', extra: 'x'.repeat(300) },
      Object.fromEntries([
        ['acquiredAt', '2026-11-25T05:32:00Z'],
        ['platform', 'GF-3'],
        ...Array.from({ length: 40 }, (_, i) => [`p${i}`, i]),
      ]),
    ]) {
      expect(remoteSensingPropertiesSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(
        false,
      );
    }
  });
});
