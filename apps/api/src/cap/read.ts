import type { LonLat } from '@onemap/geo';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  type CapAlert,
  type CapArea,
  type CapCircle,
  type CapInfo,
  CapRejection,
  type CapResource,
  type CapScope,
  type CapStatus,
  type CapValue,
  type CapWireMsgType,
} from './alert.js';
import { validateCapSchema } from './validate.js';

/** The largest CAP document accepted (1 MiB); real alerts are a few KiB. */
export const MAX_CAP_BYTES = 1_048_576;

/**
 * Reads an untrusted CAP 1.2 document, in this order, each step refusing with a stable reason:
 * size; UTF-8 (the bytes, and the XML declaration's encoding); no DOCTYPE at all (so no entity
 * declaration, external or internal: XXE and entity expansion are impossible by construction, not
 * by parser settings); well-formed; valid against the official CAP 1.2 schema; then coordinates and
 * the checks the schema cannot express. Only then is it parsed, by a parser that expands nothing.
 */
export async function readCap(body: Uint8Array): Promise<CapAlert> {
  if (body.byteLength > MAX_CAP_BYTES) {
    throw new CapRejection('too_large', `a CAP document may be at most ${MAX_CAP_BYTES} bytes`, 413);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new CapRejection('not_utf8', 'the document is not valid UTF-8 (CAP documents must be UTF-8)');
  }
  const declared = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(text)?.[2];
  if (declared !== undefined && declared.toLowerCase() !== 'utf-8') {
    throw new CapRejection(
      'encoding_not_utf8',
      `the XML declaration names encoding "${declared.slice(0, 40)}"; only UTF-8 is accepted`,
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new CapRejection(
      'doctype_forbidden',
      'the document has a DOCTYPE: DTDs and entity declarations are refused (CAP does not use them)',
    );
  }
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { line, col, msg } = wellFormed.err;
    throw new CapRejection('malformed_xml', `not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  const problems = await validateCapSchema(text);
  const [first] = problems;
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const at = first.line === null ? '' : ` at line ${first.line}`;
    throw new CapRejection(
      first.malformed ? 'malformed_xml' : 'schema_invalid',
      `${first.malformed ? 'not well-formed XML' : 'not valid CAP 1.2'}${at}: ${first.message}${more}`,
    );
  }
  return alertOf(parser.parse(flattenMarkup(text)).alert as XmlNode);
}

type XmlNode = { [name: string]: XmlValue };
type XmlValue = string | XmlNode | XmlValue[];

const REPEATED = new Set([
  'alert.code',
  'alert.info',
  'alert.info.category',
  'alert.info.responseType',
  'alert.info.eventCode',
  'alert.info.parameter',
  'alert.info.resource',
  'alert.info.area',
  'alert.info.area.polygon',
  'alert.info.area.circle',
  'alert.info.area.geocode',
]);

// Entity processing is off: the parser leaves every reference as written and `decodeText` turns
// the five predefined entities and character references (all a DTD-less document can hold) into
// characters. CDATA and comments are gone by then (`flattenMarkup`).
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  tagValueProcessor: (_name, value) => decodeText(value),
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number.parseInt(ref.slice(1), 10))
        : (PREDEFINED[ref] as string),
  );
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Removes comments and turns CDATA sections into escaped text, so that text and CDATA mixed in one
 * element read as the one string they are. Exact for a well-formed document, where `<` starts
 * markup everywhere outside comments and CDATA.
 */
function flattenMarkup(xml: string): string {
  let out = '';
  let i = 0;
  while (i < xml.length) {
    const next = xml.indexOf('<!', i);
    if (next < 0) break;
    out += xml.slice(i, next);
    if (xml.startsWith('<!--', next)) {
      const end = xml.indexOf('-->', next + 4);
      if (end < 0) return out;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', next)) {
      const end = xml.indexOf(']]>', next + 9);
      if (end < 0) return out;
      out += escapeText(xml.slice(next + 9, end));
      i = end + 3;
    } else {
      out += '<!';
      i = next + 2;
    }
  }
  return out + xml.slice(i);
}

function textOf(value: XmlValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // An element holding only ignored children (an attribute-only or signature element) has no text.
  return undefined;
}

const req = (node: XmlNode, name: string): string => textOf(node[name]) ?? '';
const list = (node: XmlNode, name: string): XmlValue[] => (node[name] as XmlValue[] | undefined) ?? [];
const texts = (node: XmlNode, name: string) =>
  list(node, name)
    .map(textOf)
    .filter((t): t is string => t !== undefined);
const values = (node: XmlNode, name: string): CapValue[] =>
  list(node, name).map((v) => ({
    valueName: req(v as XmlNode, 'valueName'),
    value: req(v as XmlNode, 'value'),
  }));

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}

function alertOf(node: XmlNode): CapAlert {
  return {
    identifier: req(node, 'identifier'),
    sender: req(node, 'sender'),
    sent: req(node, 'sent'),
    status: req(node, 'status') as CapStatus,
    msgType: req(node, 'msgType') as CapWireMsgType,
    ...optional('source', textOf(node.source)),
    scope: req(node, 'scope') as CapScope,
    ...optional('restriction', textOf(node.restriction)),
    ...optional('addresses', textOf(node.addresses)),
    codes: texts(node, 'code'),
    ...optional('note', textOf(node.note)),
    ...optional('references', textOf(node.references)),
    ...optional('incidents', textOf(node.incidents)),
    infos: list(node, 'info').map((info, i) => infoOf(info as XmlNode, `info[${i + 1}]`)),
  };
}

function infoOf(node: XmlNode, where: string): CapInfo {
  return {
    // The schema's default for an absent <language>.
    language: textOf(node.language) || 'en-US',
    categories: texts(node, 'category'),
    event: req(node, 'event'),
    responseTypes: texts(node, 'responseType'),
    urgency: req(node, 'urgency'),
    severity: req(node, 'severity'),
    certainty: req(node, 'certainty'),
    ...optional('audience', textOf(node.audience)),
    eventCodes: values(node, 'eventCode'),
    ...optional('effective', textOf(node.effective)),
    ...optional('onset', textOf(node.onset)),
    ...optional('expires', textOf(node.expires)),
    ...optional('senderName', textOf(node.senderName)),
    ...optional('headline', textOf(node.headline)),
    ...optional('description', textOf(node.description)),
    ...optional('instruction', textOf(node.instruction)),
    ...optional('web', textOf(node.web)),
    ...optional('contact', textOf(node.contact)),
    parameters: values(node, 'parameter'),
    resources: list(node, 'resource').map((r) => resourceOf(r as XmlNode)),
    areas: list(node, 'area').map((a, i) => areaOf(a as XmlNode, `${where}.area[${i + 1}]`)),
  };
}

function resourceOf(node: XmlNode): CapResource {
  const size = textOf(node.size);
  // derefUri (the resource itself, base64) is dropped: it can be most of a megabyte, and uri says where it is.
  return {
    resourceDesc: req(node, 'resourceDesc'),
    mimeType: req(node, 'mimeType'),
    ...(size === undefined ? {} : { size: Number(size) }),
    ...optional('uri', textOf(node.uri)),
    ...optional('digest', textOf(node.digest)),
  };
}

function areaOf(node: XmlNode, where: string): CapArea {
  const areaDesc = req(node, 'areaDesc');
  const named = `${where} "${areaDesc.slice(0, 60)}"`;
  const altitude = textOf(node.altitude);
  const ceiling = textOf(node.ceiling);
  return {
    areaDesc,
    polygons: texts(node, 'polygon').map((p, i) => polygonOf(p, `${named} polygon ${i + 1}`)),
    circles: texts(node, 'circle').map((c, i) => circleOf(c, `${named} circle ${i + 1}`)),
    geocodes: values(node, 'geocode'),
    ...(altitude === undefined ? {} : { altitude: Number(altitude) }),
    ...(ceiling === undefined ? {} : { ceiling: Number(ceiling) }),
  };
}

const NUMBER = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)';
const PAIR = new RegExp(`^(${NUMBER}),(${NUMBER})$`);
const CIRCLE = new RegExp(`^(${NUMBER}),(${NUMBER})\\s+(${NUMBER})$`);

/** CAP writes "lat,lon": a pair in range, returned as [lon, lat]; null when it is not one. */
function pointOf(lat: string, lon: string): LonLat | null {
  const y = Number(lat);
  const x = Number(lon);
  return Math.abs(y) <= 90 && Math.abs(x) <= 180 ? [x, y] : null;
}

function polygonOf(text: string, where: string): LonLat[] {
  const pairs = text.trim().split(/\s+/);
  const ring: LonLat[] = [];
  for (const pair of pairs) {
    const m = PAIR.exec(pair);
    const point = m ? pointOf(m[1] as string, m[2] as string) : null;
    if (!point) {
      throw new CapRejection(
        'invalid_polygon',
        `${where}: "${pair.slice(0, 40)}" is not a "latitude,longitude" pair in range`,
      );
    }
    ring.push(point);
  }
  if (ring.length < 4) {
    throw new CapRejection(
      'invalid_polygon',
      `${where}: a polygon needs at least 4 points, the last equal to the first; it has ${ring.length}`,
    );
  }
  const [a, z] = [ring[0] as LonLat, ring.at(-1) as LonLat];
  if (a[0] !== z[0] || a[1] !== z[1]) {
    throw new CapRejection('invalid_polygon', `${where}: the polygon does not end where it starts`);
  }
  return ring;
}

function circleOf(text: string, where: string): CapCircle {
  const m = CIRCLE.exec(text.trim());
  const center = m ? pointOf(m[1] as string, m[2] as string) : null;
  const radiusKm = Number(m?.[3]);
  if (!center || !(radiusKm > 0)) {
    throw new CapRejection(
      'invalid_circle',
      `${where}: "${text.slice(0, 60)}" is not "latitude,longitude radius" with a positive radius in km`,
    );
  }
  return { center, radiusKm };
}
