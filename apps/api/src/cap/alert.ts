import type { CapRejectionReason } from '@onemap/domain';
import type { LonLat } from '@onemap/geo';

/**
 * A CAP 1.2 alert message as it is on the wire (OASIS CAP-v1.2, §3.2), element for element, with
 * the area coordinates turned into numbers ([lon, lat], GeoJSON order; CAP writes "lat,lon").
 * Times are kept as written (they carry their offset); mapping to and from our warnings is in
 * `./warning.ts`.
 */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapWireMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
export type CapScope = 'Public' | 'Restricted' | 'Private';

export interface CapValue {
  valueName: string;
  value: string;
}

export interface CapCircle {
  center: LonLat;
  radiusKm: number;
}

export interface CapArea {
  areaDesc: string;
  /** Closed rings, [lon, lat]. */
  polygons: LonLat[][];
  circles: CapCircle[];
  geocodes: CapValue[];
  altitude?: number;
  ceiling?: number;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  size?: number;
  uri?: string;
  digest?: string;
}

export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCodes: CapValue[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValue[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: CapStatus;
  msgType: CapWireMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  addresses?: string;
  codes: string[];
  note?: string;
  references?: string;
  incidents?: string;
  infos: CapInfo[];
}

/** A CAP document we refuse, with a stable reason (counted) and a message naming the problem. */
export class CapRejection extends Error {
  override name = 'CapRejection';
  constructor(
    readonly reason: CapRejectionReason,
    message: string,
    /** 400 unless the document is fine but cannot be applied here (409). */
    readonly status: 400 | 403 | 409 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

/** One entry of CAP `<references>`: "sender,identifier,sent". */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export function parseReferences(text: string | undefined | null): CapReference[] {
  if (!text) return [];
  return text
    .trim()
    .split(/\s+/)
    .map((triple) => triple.split(','))
    .filter((parts) => parts.length === 3)
    .map(([sender = '', identifier = '', sent = '']) => ({ sender, identifier, sent }));
}

export function formatReference(ref: CapReference): string {
  return `${ref.sender},${ref.identifier},${ref.sent}`;
}
