import { z } from 'zod';
import { latSchema, lonSchema } from './incidents.js';
import { type PointLayerId, pointLayerIds } from './layers.js';
import { sensingLayerIds } from './sensing.js';
import type { Label } from './vocabulary.js';

/** Contracts between apps/api and apps/web: the inputs are zod schemas, the outputs plain types. */

export const featureLayerIds = [...pointLayerIds, 'commLinks', ...sensingLayerIds, 'regions'] as const;
export type FeatureLayerId = (typeof featureLayerIds)[number];

export const featureRefSchema = z.object({
  layer: z.enum(featureLayerIds),
  id: z.number().int().positive(),
});
export type FeatureRef = z.infer<typeof featureRefSchema>;

export type FieldValue = string | number | boolean | null | Label;

export interface FeatureField {
  key: string;
  label: Label;
  value: FieldValue;
  unit?: string;
}

export interface FeatureDetail {
  layer: FeatureLayerId;
  id: number;
  name: string;
  code: string | null;
  lon: number;
  lat: number;
  region: { code: string; name: string } | null;
  fields: FeatureField[];
  /** Where to see more: a camera's stream (opened by the browser's own player; not proxied) and still. */
  links?: FeatureLink[];
}

export interface FeatureLink {
  key: string;
  label: Label;
  href: string;
  /** A live stream the browser hands to a player, or an image the drawer can show. */
  kind: 'stream' | 'image';
}

export const searchInputSchema = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(64),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInputSchema>;

export type SearchHitKind = 'region' | 'city' | PointLayerId;

export interface SearchHit {
  kind: SearchHitKind;
  /** Feature id for point layers, the GB/T 2260 code for regions, a city id for cities. */
  id: string;
  layer: FeatureLayerId | null;
  name: string;
  /** Pinyin or English name where the data has one. */
  alias: string | null;
  subtitle: string | null;
  lon: number;
  lat: number;
  /** [minLon, minLat, maxLon, maxLat] for areas, to fly to their extent. */
  bbox: [number, number, number, number] | null;
}

export interface LayerSummary {
  layer: PointLayerId | 'commLinks';
  total: number;
}

export interface Health {
  status: 'ok' | 'starting' | 'failed';
  db: 'pglite' | 'postgres';
  version: string;
  /** The MQTT side of ingest, once started. */
  mqtt?: MqttLinkStatus;
  /** Scaled out: the read replicas in use, and the change relay to the other API replicas. */
  readReplicas?: number;
  relay?: ChangeRelayStatus;
}

/** The change relay between API replicas (PostgreSQL LISTEN/NOTIFY), in counts of changes. */
export interface ChangeRelayStatus {
  listening: boolean;
  sent: number;
  received: number;
  /** Changes that could not be sent (the database refused the NOTIFY, or one change was too big). */
  dropped: number;
}

/**
 * embedded: OneMap's own broker (connected = listening); external: OneMap subscribed to the broker
 * at MQTT_URL (connected = connected and subscribed); off: neither.
 */
export interface MqttLinkStatus {
  mode: 'embedded' | 'external' | 'off';
  connected: boolean;
  /** When `connected` last changed. */
  since: string;
  /** The embedded broker's port. */
  port?: number;
}

/** `GET /api/v1/layers/commLinks.geojson`: communication links as RFC 7946 LineStrings. */
export interface CommLinkFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: {
    id: number;
    code: string;
    name: string;
    medium: string;
    status: string;
    bandwidthMbps: number;
  };
}

export interface CommLinkFeatureCollection {
  type: 'FeatureCollection';
  features: CommLinkFeature[];
}

/** A place given in a query string (`?lon=120.16&lat=30.27`), WGS-84. */
export const placeQuerySchema = z.object({
  lon: z.coerce.number().pipe(lonSchema),
  lat: z.coerce.number().pipe(latSchema),
});

/** One administrative region holding a place (`GET /api/v1/regions/at`), with its GB/T 2260 code. */
export interface RegionOfPlace {
  code: string;
  name: string;
  nameEn: string | null;
  level: string;
}
