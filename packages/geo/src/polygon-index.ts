import type { MultiPolygon, Polygon, Position } from './types.js';

/** One input feature of a {@link PolygonIndex}. */
export interface IndexedPolygon<P> {
  geometry: Polygon | MultiPolygon;
  properties: P;
}

/**
 * Per-feature ray-casting data. The edges of all rings are stored flat (x1, y1, x2, y2) and
 * bucketed into horizontal bands; a horizontal ray at latitude y can only cross edges whose
 * latitude span includes y, so a query scans one band (~√edges) instead of every edge.
 */
interface Shape {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  edges: Float64Array;
  bandCount: number;
  invBandHeight: number;
  /** CSR: edges of band b are bandEdges[bandStart[b] .. bandStart[b + 1]). */
  bandStart: Uint32Array;
  bandEdges: Uint32Array;
}

function ringsOf(geometry: Polygon | MultiPolygon): (readonly Position[])[] {
  if (geometry.type === 'Polygon') return [...geometry.coordinates];
  const rings: (readonly Position[])[] = [];
  for (const poly of geometry.coordinates) rings.push(...poly);
  return rings;
}

function bandOf(y: number, minY: number, invH: number, bandCount: number): number {
  const b = Math.floor((y - minY) * invH);
  return b < 0 ? 0 : b >= bandCount ? bandCount - 1 : b;
}

function buildShape(geometry: Polygon | MultiPolygon): Shape | null {
  const rings = ringsOf(geometry);
  let edgeCount = 0;
  for (const ring of rings) edgeCount += ring.length;
  const edges = new Float64Array(edgeCount * 4);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let e = 0;
  for (const ring of rings) {
    const n = ring.length;
    if (n < 3) continue;
    // Rings need not repeat their first point: the closing edge is always added, and a
    // zero-length closing edge of a properly closed ring is harmless.
    let prev = ring[n - 1] as Position;
    for (let i = 0; i < n; i++) {
      const cur = ring[i] as Position;
      const x1 = prev[0] as number;
      const y1 = prev[1] as number;
      const x2 = cur[0] as number;
      const y2 = cur[1] as number;
      prev = cur;
      if (y1 === y2 && x1 === x2) continue;
      edges[e * 4] = x1;
      edges[e * 4 + 1] = y1;
      edges[e * 4 + 2] = x2;
      edges[e * 4 + 3] = y2;
      e++;
      if (x2 < minX) minX = x2;
      if (x2 > maxX) maxX = x2;
      if (y2 < minY) minY = y2;
      if (y2 > maxY) maxY = y2;
    }
  }
  if (e === 0) return null;
  const bandCount = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(e) * 2)));
  const height = maxY - minY;
  const invH = height > 0 ? bandCount / height : 0;
  // Two passes (count, then fill) keep the band lists in one typed array.
  const counts = new Uint32Array(bandCount + 1);
  for (let i = 0; i < e; i++) {
    const y1 = edges[i * 4 + 1] as number;
    const y2 = edges[i * 4 + 3] as number;
    const b0 = bandOf(Math.min(y1, y2), minY, invH, bandCount);
    const b1 = bandOf(Math.max(y1, y2), minY, invH, bandCount);
    for (let b = b0; b <= b1; b++) counts[b + 1] = (counts[b + 1] as number) + 1;
  }
  for (let b = 0; b < bandCount; b++) counts[b + 1] = (counts[b + 1] as number) + (counts[b] as number);
  const bandStart = counts;
  const bandEdges = new Uint32Array(bandStart[bandCount] as number);
  const fill = bandStart.slice(0, bandCount);
  for (let i = 0; i < e; i++) {
    const y1 = edges[i * 4 + 1] as number;
    const y2 = edges[i * 4 + 3] as number;
    const b0 = bandOf(Math.min(y1, y2), minY, invH, bandCount);
    const b1 = bandOf(Math.max(y1, y2), minY, invH, bandCount);
    for (let b = b0; b <= b1; b++) {
      const at = fill[b] as number;
      bandEdges[at] = i;
      fill[b] = at + 1;
    }
  }
  return {
    minX,
    minY,
    maxX,
    maxY,
    edges: edges.subarray(0, e * 4),
    bandCount,
    invBandHeight: invH,
    bandStart,
    bandEdges,
  };
}

function shapeContains(s: Shape, x: number, y: number): boolean {
  if (x < s.minX || x > s.maxX || y < s.minY || y > s.maxY) return false;
  const b = bandOf(y, s.minY, s.invBandHeight, s.bandCount);
  const end = s.bandStart[b + 1] as number;
  const edges = s.edges;
  let inside = false;
  for (let k = s.bandStart[b] as number; k < end; k++) {
    const i = (s.bandEdges[k] as number) * 4;
    const y1 = edges[i + 1] as number;
    const y2 = edges[i + 3] as number;
    // Half-open span test: a vertex exactly at y is counted once, not twice.
    if (y1 > y !== y2 > y) {
      const x1 = edges[i] as number;
      const x2 = edges[i + 2] as number;
      if (x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
  }
  return inside;
}

/**
 * Point-in-polygon lookup over many polygons, e.g. "which county is this point in?".
 *
 * A uniform grid over all features narrows a query to the few features whose bbox covers the
 * point's cell; each candidate is then tested by even-odd ray casting over one latitude band of
 * its edges. Holes are respected because every ring takes part in the even-odd count, which also
 * means MultiPolygon parts must not overlap (as OGC validity requires). Points exactly on an edge
 * may fall on either side. When features overlap, the first one in input order wins.
 *
 * @example
 * const idx = new PolygonIndex([{ geometry: square, properties: { code: '110101' } }]);
 * idx.find(116.4, 39.9); // { code: '110101' } or null
 */
export class PolygonIndex<P> {
  private readonly shapes: (Shape | null)[];
  private readonly properties: P[];
  private readonly minX: number;
  private readonly minY: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly invCellW: number;
  private readonly invCellH: number;
  private readonly cellStart: Uint32Array;
  private readonly cellItems: Uint32Array;

  constructor(features: readonly IndexedPolygon<P>[]) {
    this.shapes = features.map((f) => buildShape(f.geometry));
    this.properties = features.map((f) => f.properties);
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const s of this.shapes) {
      if (!s) continue;
      if (s.minX < minX) minX = s.minX;
      if (s.minY < minY) minY = s.minY;
      if (s.maxX > maxX) maxX = s.maxX;
      if (s.maxY > maxY) maxY = s.maxY;
    }
    const live = this.shapes.filter((s) => s !== null).length;
    // About 4 cells per feature keeps candidate lists short without a memory blow-up.
    const side = live === 0 ? 1 : Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(live) * 2)));
    this.minX = live === 0 ? 0 : minX;
    this.minY = live === 0 ? 0 : minY;
    this.cols = side;
    this.rows = side;
    this.invCellW = live > 0 && maxX > minX ? side / (maxX - minX) : 0;
    this.invCellH = live > 0 && maxY > minY ? side / (maxY - minY) : 0;

    const cellCount = this.cols * this.rows;
    const counts = new Uint32Array(cellCount + 1);
    this.forEachCell((cell) => {
      counts[cell + 1] = (counts[cell + 1] as number) + 1;
    });
    for (let c = 0; c < cellCount; c++) counts[c + 1] = (counts[c + 1] as number) + (counts[c] as number);
    this.cellStart = counts;
    this.cellItems = new Uint32Array(counts[cellCount] as number);
    const fill = counts.slice(0, cellCount);
    // Features are visited in input order, so each cell list is ascending: first match = first feature.
    this.forEachCell((cell, i) => {
      const at = fill[cell] as number;
      this.cellItems[at] = i;
      fill[cell] = at + 1;
    });
  }

  private col(x: number): number {
    const c = Math.floor((x - this.minX) * this.invCellW);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private row(y: number): number {
    const r = Math.floor((y - this.minY) * this.invCellH);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  private forEachCell(visit: (cell: number, feature: number) => void): void {
    for (let i = 0; i < this.shapes.length; i++) {
      const s = this.shapes[i];
      if (!s) continue;
      const c0 = this.col(s.minX);
      const c1 = this.col(s.maxX);
      const r0 = this.row(s.minY);
      const r1 = this.row(s.maxY);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * this.cols + c, i);
    }
  }

  /** Number of features indexed (including empty ones, which never match). */
  get size(): number {
    return this.shapes.length;
  }

  /**
   * The properties of the first feature containing the point, or null.
   *
   * @example
   * idx.find(116.4, 39.9); // { code: '110101' }
   */
  find(lon: number, lat: number): P | null {
    const cell = this.row(lat) * this.cols + this.col(lon);
    const end = this.cellStart[cell + 1] as number;
    for (let k = this.cellStart[cell] as number; k < end; k++) {
      const i = this.cellItems[k] as number;
      // Cell lists only hold features with a shape, and shapeContains rejects points outside its bbox.
      if (shapeContains(this.shapes[i] as Shape, lon, lat)) return this.properties[i] as P;
    }
    return null;
  }
}
