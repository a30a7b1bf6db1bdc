/**
 * The compact wire format for point layers ("OMP1"): a columnar, little-endian binary batch.
 *
 *   offset 0   u32  magic 0x4f4d5031 ("OMP1")
 *   offset 4   u32  count n
 *   offset 8   u32[n] ids
 *              f32[n] longitudes (WGS-84)
 *              f32[n] latitudes  (WGS-84)
 *              u8[n]  category codes (the layer's category vocabulary position)
 *              u8[n]  state codes    (the layer's state vocabulary position)
 *
 * 14 bytes a point against ~150 for a GeoJSON feature; float32 keeps positions to under a metre
 * inside China. The typed arrays of a decoded batch view the buffer directly, so deck.gl can draw
 * them without copying.
 */
export const POINT_BATCH_MAGIC = 0x4f4d5031;
const HEADER_BYTES = 8;

export interface PointBatch {
  readonly count: number;
  readonly ids: Uint32Array;
  readonly lon: Float32Array;
  readonly lat: Float32Array;
  readonly category: Uint8Array;
  readonly state: Uint8Array;
}

export interface PointRow {
  id: number;
  lon: number;
  lat: number;
  category: number;
  state: number;
}

export function pointBatchByteLength(count: number): number {
  return HEADER_BYTES + count * 14;
}

export function encodePointBatch(rows: readonly PointRow[]): Uint8Array {
  const n = rows.length;
  const buffer = new ArrayBuffer(pointBatchByteLength(n));
  const header = new DataView(buffer);
  header.setUint32(0, POINT_BATCH_MAGIC, true);
  header.setUint32(4, n, true);
  const batch = viewPointBatch(buffer, 0, n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as PointRow;
    (batch.ids as Uint32Array)[i] = r.id;
    (batch.lon as Float32Array)[i] = r.lon;
    (batch.lat as Float32Array)[i] = r.lat;
    (batch.category as Uint8Array)[i] = r.category;
    (batch.state as Uint8Array)[i] = r.state;
  }
  return new Uint8Array(buffer);
}

/** Decodes a batch; throws on a wrong magic or a truncated buffer rather than drawing garbage. */
export function decodePointBatch(bytes: ArrayBuffer | Uint8Array): PointBatch {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.byteLength < HEADER_BYTES) throw new Error('point batch: shorter than its header');
  // Typed-array views need 4-byte alignment; copy when the caller hands us an unaligned slice.
  const aligned = u8.byteOffset % 4 === 0 ? u8 : u8.slice();
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  if (view.getUint32(0, true) !== POINT_BATCH_MAGIC) throw new Error('point batch: bad magic');
  const n = view.getUint32(4, true);
  if (aligned.byteLength !== pointBatchByteLength(n)) {
    throw new Error(
      `point batch: expected ${pointBatchByteLength(n)} bytes for ${n} points, got ${aligned.byteLength}`,
    );
  }
  return viewPointBatch(aligned.buffer as ArrayBuffer, aligned.byteOffset, n);
}

function viewPointBatch(buffer: ArrayBuffer, offset: number, n: number): PointBatch {
  let at = offset + HEADER_BYTES;
  const ids = new Uint32Array(buffer, at, n);
  at += 4 * n;
  const lon = new Float32Array(buffer, at, n);
  at += 4 * n;
  const lat = new Float32Array(buffer, at, n);
  at += 4 * n;
  const category = new Uint8Array(buffer, at, n);
  at += n;
  const state = new Uint8Array(buffer, at, n);
  return { count: n, ids, lon, lat, category, state };
}
