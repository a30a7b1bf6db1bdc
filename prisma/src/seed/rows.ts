import type { LonLat } from '@onemap/geo';

/** The rows the seed generator produces, one interface per table; ids are assigned in order from 1. */

export interface RegionRow {
  code: string;
  name: string;
  nameEn: string | null;
  pinyin: string | null;
  level: string;
  parentCode: string | null;
  population: number | null;
  center: LonLat;
  boundary: string | null;
}

export interface EnterpriseRow {
  code: string;
  name: string;
  kind: string;
  riskLevel: string;
  regionCode: string;
  address: string;
  employees: number;
  contactName: string;
  contactPhone: string;
  at: LonLat;
}

export interface SensorRow {
  code: string;
  name: string;
  channel: string;
  kind: string;
  state: string;
  unit: string;
  regionCode: string;
  /** 1-based index into the enterprise rows, or null. */
  enterpriseId: number | null;
  warn: number | null;
  alarm: number | null;
  ratePerMin: number | null;
  intervalS: number;
  lastValue: number | null;
  lastReadingAt: Date | null;
  at: LonLat;
}

export interface TeamRow {
  code: string;
  name: string;
  type: string;
  status: string;
  members: number;
  capabilities: string[];
  regionCode: string;
  phone: string;
  base: LonLat;
  at: LonLat;
}

export interface DepotRow {
  code: string;
  name: string;
  tier: string;
  regionCode: string;
  at: LonLat;
  inventory: Array<{ item: string; unit: string; quantity: number }>;
}

export interface ShelterRow {
  code: string;
  name: string;
  capacity: number;
  areaM2: number;
  status: string;
  regionCode: string;
  at: LonLat;
}

export interface HospitalRow {
  code: string;
  name: string;
  grade: string;
  beds: number;
  regionCode: string;
  at: LonLat;
}

export interface IncidentRow {
  code: string;
  title: string;
  class: string;
  type: string;
  level: string;
  status: string;
  source: string;
  description: string;
  regionCode: string;
  deaths: number;
  injuries: number;
  missing: number;
  occurredAt: Date;
  closedAt: Date | null;
  at: LonLat;
}

export interface CommNodeRow {
  code: string;
  name: string;
  kind: string;
  status: string;
  regionCode: string | null;
  at: LonLat;
  /** Radio coverage radius in metres, for base stations and mesh kits. */
  coverage: { technology: string; radiusM: number } | null;
}

export interface CommLinkRow {
  code: string;
  name: string;
  medium: string;
  status: string;
  bandwidthMbps: number;
  /** 1-based indexes into the node rows. */
  from: number;
  to: number;
}

export interface PublicReportRow {
  reference: string;
  category: string;
  description: string;
  contact: string | null;
  status: string;
  regionCode: string;
  receivedAt: Date;
  at: LonLat;
}

export interface SeedRows {
  regions: RegionRow[];
  enterprises: EnterpriseRow[];
  sensors: SensorRow[];
  teams: TeamRow[];
  depots: DepotRow[];
  shelters: ShelterRow[];
  hospitals: HospitalRow[];
  incidents: IncidentRow[];
  commNodes: CommNodeRow[];
  commLinks: CommLinkRow[];
  reports: PublicReportRow[];
  remoteSensing: RemoteSensingRow[];
  droneFlights: DroneFlightRow[];
  cameraViews: CameraViewRow[];
}

/** A satellite or aerial product: a hotspot pixel (Point) or an area (Polygon), as GeoJSON. */
export interface RemoteSensingRow {
  code: string;
  name: string;
  channel: string;
  kind: string;
  platform: string;
  sensor: string;
  source: string;
  acquiredAt: Date;
  receivedAt: Date;
  regionCode: string;
  properties: Record<string, string | number | boolean>;
  geometry: { type: 'Point'; coordinates: LonLat } | { type: 'Polygon'; coordinates: LonLat[][] };
}

export interface DroneFlightRow {
  code: string;
  name: string;
  platform: string;
  team: string | null;
  status: string;
  regionCode: string;
  startedAt: Date;
  endedAt: Date | null;
  /** [lon, lat, seconds since the epoch] per vertex. */
  path: Array<[number, number, number]>;
}

export interface CameraViewRow {
  sensorCode: string;
  bearingDeg: number;
  fovDeg: number;
  rangeM: number;
  ptz: boolean;
  streamUrl: string;
}
