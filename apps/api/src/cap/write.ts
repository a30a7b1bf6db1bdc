import type { LonLat } from '@onemap/geo';
import { CAP_NAMESPACE, type CapAlert, type CapArea, type CapInfo, type CapValue } from './alert.js';

/**
 * Writes a CAP 1.2 document. Element order is the schema's (it is a sequence), optional elements
 * are left out when empty, and text is escaped, so the output is valid CAP 1.2 for any input the
 * reader accepts (the tests validate every export against the official schema).
 */
export function writeCap(alert: CapAlert): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<alert xmlns="${CAP_NAMESPACE}">`];
  // Optional elements are left out when empty; required ones are written even then.
  const el = (depth: number, name: string, value: string | number | undefined, required = false) => {
    if (!required && (value === undefined || value === '')) return;
    out.push(`${'  '.repeat(depth)}<${name}>${escapeXml(String(value ?? ''))}</${name}>`);
  };
  const pairs = (depth: number, name: string, list: CapValue[]) => {
    for (const v of list) {
      out.push(`${'  '.repeat(depth)}<${name}>`);
      el(depth + 1, 'valueName', v.valueName, true);
      el(depth + 1, 'value', v.value, true);
      out.push(`${'  '.repeat(depth)}</${name}>`);
    }
  };
  el(1, 'identifier', alert.identifier, true);
  el(1, 'sender', alert.sender, true);
  el(1, 'sent', alert.sent, true);
  el(1, 'status', alert.status, true);
  el(1, 'msgType', alert.msgType, true);
  el(1, 'source', alert.source);
  el(1, 'scope', alert.scope, true);
  el(1, 'restriction', alert.restriction);
  el(1, 'addresses', alert.addresses);
  for (const code of alert.codes) el(1, 'code', code);
  el(1, 'note', alert.note);
  el(1, 'references', alert.references);
  el(1, 'incidents', alert.incidents);
  for (const info of alert.infos) writeInfo(info, out, el, pairs);
  out.push('</alert>', '');
  return out.join('\n');
}

type Element = (depth: number, name: string, value: string | number | undefined, required?: boolean) => void;
type Pairs = (depth: number, name: string, list: CapValue[]) => void;

function writeInfo(info: CapInfo, out: string[], el: Element, pairs: Pairs): void {
  out.push('  <info>');
  el(2, 'language', info.language);
  for (const c of info.categories) el(2, 'category', c, true);
  el(2, 'event', info.event, true);
  for (const r of info.responseTypes) el(2, 'responseType', r);
  el(2, 'urgency', info.urgency, true);
  el(2, 'severity', info.severity, true);
  el(2, 'certainty', info.certainty, true);
  el(2, 'audience', info.audience);
  pairs(2, 'eventCode', info.eventCodes);
  el(2, 'effective', info.effective);
  el(2, 'onset', info.onset);
  el(2, 'expires', info.expires);
  el(2, 'senderName', info.senderName);
  el(2, 'headline', info.headline);
  el(2, 'description', info.description);
  el(2, 'instruction', info.instruction);
  el(2, 'web', info.web);
  el(2, 'contact', info.contact);
  pairs(2, 'parameter', info.parameters);
  for (const r of info.resources) {
    out.push('    <resource>');
    el(3, 'resourceDesc', r.resourceDesc, true);
    el(3, 'mimeType', r.mimeType, true);
    el(3, 'size', r.size);
    el(3, 'uri', r.uri);
    el(3, 'digest', r.digest);
    out.push('    </resource>');
  }
  for (const area of info.areas) writeArea(area, out, el, pairs);
  out.push('  </info>');
}

function writeArea(area: CapArea, out: string[], el: Element, pairs: Pairs): void {
  out.push('    <area>');
  el(3, 'areaDesc', area.areaDesc, true);
  for (const ring of area.polygons) el(3, 'polygon', ring.map(latLon).join(' '));
  for (const c of area.circles) el(3, 'circle', `${latLon(c.center)} ${decimal(c.radiusKm)}`);
  pairs(3, 'geocode', area.geocodes);
  el(3, 'altitude', area.altitude);
  el(3, 'ceiling', area.ceiling);
  out.push('    </area>');
}

/** CAP coordinates are "lat,lon" (the reverse of GeoJSON). */
const latLon = ([lon, lat]: LonLat) => `${decimal(lat)},${decimal(lon)}`;

/** A plain decimal: JavaScript writes tiny numbers with an exponent, which CAP readers do not expect. */
function decimal(n: number): string {
  const s = String(n);
  return s.includes('e') ? n.toFixed(10).replace(/\.?0+$/, '') : s;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A CAP date: seconds precision and an explicit offset, never "Z" (the schema's pattern demands
 * "+hh:mm"). Written in China Standard Time (+08:00), the time the public reads.
 */
export function formatCapDate(date: Date | string): string {
  const ms = new Date(date).getTime();
  const local = new Date(ms + 8 * 3600_000).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}
