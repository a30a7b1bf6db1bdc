import { describe, expect, it } from 'vitest';
import {
  decodePointBatch,
  encodePointBatch,
  POINT_BATCH_MAGIC,
  pointBatchByteLength,
} from '../src/point-batch.js';

describe('OMP1 point batch', () => {
  const rows = [
    { id: 1, lon: 120.1551, lat: 30.2741, category: 3, state: 0 },
    { id: 4_000_000_000, lon: 73.5, lat: 53.56, category: 255, state: 4 },
    { id: 42, lon: -0.5, lat: -33.9, category: 0, state: 2 },
  ];

  it('round-trips ids, codes and positions to float32 precision (under a metre in China)', () => {
    const batch = decodePointBatch(encodePointBatch(rows));
    expect(batch.count).toBe(3);
    expect([...batch.ids]).toEqual([1, 4_000_000_000, 42]);
    expect([...batch.category]).toEqual([3, 255, 0]);
    expect([...batch.state]).toEqual([0, 4, 2]);
    rows.forEach((r, i) => {
      // 1e-5° is about 1.1 m of latitude; float32 at lon 120 keeps ~7.6e-6°.
      expect(Math.abs((batch.lon[i] as number) - r.lon)).toBeLessThan(1e-5);
      expect(Math.abs((batch.lat[i] as number) - r.lat)).toBeLessThan(1e-5);
    });
  });

  it('takes 14 bytes a point plus an 8-byte header', () => {
    expect(encodePointBatch(rows).byteLength).toBe(8 + 3 * 14);
    expect(pointBatchByteLength(50_000)).toBe(700_008);
    const empty = decodePointBatch(encodePointBatch([]));
    expect(empty.count).toBe(0);
  });

  it('starts with the OMP1 magic, little-endian', () => {
    const bytes = encodePointBatch(rows);
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(POINT_BATCH_MAGIC);
    expect(String.fromCharCode(bytes[3] ?? 0, bytes[2] ?? 0, bytes[1] ?? 0, bytes[0] ?? 0)).toBe('OMP1');
  });

  it('decodes from an unaligned slice of a larger buffer', () => {
    const bytes = encodePointBatch(rows);
    const padded = new Uint8Array(bytes.byteLength + 1);
    padded.set(bytes, 1);
    const batch = decodePointBatch(padded.subarray(1));
    expect([...batch.ids]).toEqual([1, 4_000_000_000, 42]);
  });

  it('refuses garbage instead of drawing it', () => {
    expect(() => decodePointBatch(new Uint8Array(4))).toThrow(/shorter than its header/);
    const bad = encodePointBatch(rows);
    bad[0] = 0;
    expect(() => decodePointBatch(bad)).toThrow(/bad magic/);
    expect(() => decodePointBatch(encodePointBatch(rows).subarray(0, 20))).toThrow(/expected 50 bytes/);
  });
});
