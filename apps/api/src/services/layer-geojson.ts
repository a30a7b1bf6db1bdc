import type { FeatureCollectionOf } from '@onemap/domain';
import type { BBox } from '@onemap/geo';
import { type RegionScope, scopePattern } from './scope.js';

/** A feature of a map layer's GeoJSON: one database row, identified by its id. */
export interface RowFeature<G, P> {
  type: 'Feature';
  id: number;
  geometry: G;
  properties: P;
}

/** Rows as an RFC 7946 FeatureCollection, one feature a row. */
export function featureCollection<R extends { id: number }, G, P>(
  rows: readonly R[],
  feature: (row: R) => { geometry: G; properties: P },
): FeatureCollectionOf<RowFeature<G, P>> {
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({ type: 'Feature', id: row.id, ...feature(row) })),
  };
}

/** A time window and an optional bounding box, as the sensing layer routes take them. */
export interface SensingFilter {
  since: string;
  until: string | null;
  bbox: BBox | null;
  limit: number;
}

/** The box as four query parameters: nulls when there is none, which `inBBox` lets through. */
export function bboxParams(bbox: BBox | null): Array<number | null> {
  return bbox ?? [null, null, null, null];
}

/** SQL: `column` meets the box bound at `$first`…`$first + 3` (see `bboxParams`), or there is no box. */
export function inBBox(column: string, first: number): string {
  const [w, s, e, n] = [first, first + 1, first + 2, first + 3].map((i) => `$${i}`);
  return `(${w}::float8 IS NULL OR ${column} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))`;
}

/**
 * The parameters of a windowed layer query: $1 the region pattern, $2 and $3 the window, $4…$7 the
 * box (test it with `inBBox(column, 4)`), $8 the limit.
 */
export function windowParams(scope: RegionScope, filter: SensingFilter): unknown[] {
  return [scopePattern(scope), filter.since, filter.until, ...bboxParams(filter.bbox), filter.limit];
}
