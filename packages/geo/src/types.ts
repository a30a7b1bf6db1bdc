/**
 * Shared types. Geometry types are declared locally (structurally compatible with
 * `@types/geojson`) because that package is not resolvable from this workspace package,
 * and a GeoJSON object from any source must still be accepted here.
 */

/** A WGS-84 position, longitude first, as in GeoJSON. */
export type LonLat = [number, number];

/** `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** A GeoJSON position; readonly so frozen or shared data is accepted as is. Extra ordinates are ignored. */
export type Position = readonly number[];

export interface Point {
  readonly type: 'Point';
  readonly coordinates: Position;
}

export interface MultiPoint {
  readonly type: 'MultiPoint';
  readonly coordinates: readonly Position[];
}

export interface LineString {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
}

export interface MultiLineString {
  readonly type: 'MultiLineString';
  readonly coordinates: readonly (readonly Position[])[];
}

/** The first ring is the exterior, the rest are holes. */
export interface Polygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly Position[])[];
}

export interface MultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (readonly Position[])[])[];
}

export type Geometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;
