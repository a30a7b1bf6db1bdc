import type {
  CapCategory,
  CapCertainty,
  CapMsgType,
  CapSeverity,
  CapUrgency,
  WarningArea,
  WarningHeader,
  WarningInfo,
} from '@onemap/domain';
import {
  type CapAlert,
  type CapArea,
  type CapInfo,
  CapRejection,
  type CapResource,
  type CapValue,
} from './alert.js';
import { formatCapDate } from './write.js';

/**
 * Our warnings ⇄ CAP alerts. A warning holds one `<info>`; an imported alert with several (one per
 * language, typically) is stored from its first Chinese one, else its first one, and exported with
 * that one only. Region geocodes are GB/T 2260 codes; other geocodes (UGC, EMMA_ID…) are kept with
 * the alert's original areas for export but add no geometry.
 */

/** The geocode valueName we write for region codes; the ones below are also read as region codes. */
export const REGION_GEOCODE = 'GB/T 2260';
const REGION_GEOCODE_NAMES = /^(GB\/?T[\s-]?2260(-\d{4})?|GB2260|ADCODE|行政区划代码)$/i;

/** What a warning keeps of CAP beyond our own fields, so an imported alert exports as it came. */
export interface CapExtras {
  categories?: string[];
  responseTypes?: string[];
  eventCodes?: CapValue[];
  parameters?: CapValue[];
  resources?: CapResource[];
  audience?: string;
  onset?: string;
  source?: string;
  incidents?: string;
  codes?: string[];
}

/** What a warning says, as stored: our `<info>`, with what it keeps of CAP's beyond our own fields. */
export interface WarningContent extends Omit<WarningInfo, 'effective' | 'expires'> {
  senderName: string | null;
  language: string;
  web: string | null;
  contact: string | null;
  /** The areas as CAP wrote them, exported again as they came. */
  capAreas: CapArea[];
  capExtras: CapExtras | null;
  effective: Date;
  expires: Date;
}

/** A warning as stored, in the shape CAP needs. */
export interface StoredWarning extends Omit<WarningHeader, 'id' | 'sent'>, Omit<WarningContent, 'capAreas'> {
  references: string | null;
  note: string | null;
  /** Null for ours: their CAP areas are made from `areas`. */
  capAreas: CapArea[] | null;
  sent: Date | null;
  updatedAt: Date;
}

export function alertFromWarning(w: StoredWarning): CapAlert {
  const x = w.capExtras ?? {};
  const opt = <K extends string>(key: K, value: string | null | undefined) =>
    (value ? { [key]: value } : {}) as { [P in K]?: string };
  return {
    identifier: w.identifier,
    sender: w.sender,
    sent: formatCapDate(w.sent ?? w.updatedAt),
    // A draft exports as a CAP draft: "not actionable in its original form".
    status: w.status === 'draft' ? 'Draft' : 'Actual',
    msgType: w.msgType,
    ...opt('source', x.source),
    scope: 'Public',
    codes: x.codes ?? [],
    ...opt('note', w.note),
    ...opt('references', w.references),
    ...opt('incidents', x.incidents),
    infos: [
      {
        language: w.language,
        categories: x.categories ?? [w.category],
        event: w.event,
        responseTypes: x.responseTypes ?? [],
        urgency: w.urgency,
        severity: w.severity,
        certainty: w.certainty,
        ...opt('audience', x.audience),
        eventCodes: x.eventCodes ?? [],
        effective: formatCapDate(w.effective),
        ...opt('onset', x.onset),
        expires: formatCapDate(w.expires),
        ...opt('senderName', w.senderName),
        headline: w.headline,
        ...opt('description', w.description),
        ...opt('instruction', w.instruction),
        ...opt('web', w.web),
        ...opt('contact', w.contact),
        parameters: x.parameters ?? [],
        resources: x.resources ?? [],
        areas: w.capAreas ?? capAreasOf(w.areas, w.areaDesc),
      },
    ],
  };
}

/** Our areas as CAP areas: one `<area>` per part, so their order survives the round trip. */
export function capAreasOf(areas: readonly WarningArea[], areaDesc: string): CapArea[] {
  return areas.map((a) => {
    const area: CapArea = { areaDesc, polygons: [], circles: [], geocodes: [] };
    if (a.kind === 'polygon') area.polygons.push(a.ring);
    else if (a.kind === 'circle') area.circles.push({ center: a.center, radiusKm: a.radiusKm });
    else area.geocodes.push(...a.codes.map((value) => ({ valueName: REGION_GEOCODE, value })));
    return area;
  });
}

/** The GB/T 2260 codes an alert's geocodes name (whether or not we know them). */
export function regionGeocodesOf(alert: CapAlert): string[] {
  return [
    ...new Set(
      alert.infos.flatMap((i) =>
        i.areas.flatMap((a) => a.geocodes.filter(isRegionGeocode).map((g) => g.value.trim())),
      ),
    ),
  ];
}

const isRegionGeocode = (g: CapValue) =>
  REGION_GEOCODE_NAMES.test(g.valueName.trim()) && /^\d{6}$/.test(g.value.trim());

/** The `<info>` a warning is made of: the first in Chinese, else the first. */
export function chosenInfo(alert: CapAlert): { info: CapInfo; index: number } | null {
  const zh = alert.infos.findIndex((i) => i.language.toLowerCase().startsWith('zh'));
  const index = Math.max(zh, 0);
  const info = alert.infos[index];
  return info ? { info, index } : null;
}

/** What an incoming alert says about a warning: its header, and its content unless it is a bare Cancel. */
export interface IncomingAlert {
  identifier: string;
  sender: string;
  sent: Date;
  msgType: CapMsgType;
  references: string | null;
  note: string | null;
  content: WarningContent | null;
}

/**
 * Turns a schema-valid alert into what we store, refusing (with a reason) what we cannot show as a
 * warning: anything but a public, actual Alert/Update/Cancel; no expiry; an area without geometry.
 *
 * @param knownRegion whether a GB/T 2260 code is one of our regions (others add no geometry).
 */
export function incomingAlert(alert: CapAlert, knownRegion: (code: string) => boolean): IncomingAlert {
  if (alert.status !== 'Actual') {
    throw new CapRejection(
      'unsupported_status',
      `status ${alert.status}: only Actual alerts are imported as warnings`,
    );
  }
  if (alert.msgType !== 'Alert' && alert.msgType !== 'Update' && alert.msgType !== 'Cancel') {
    throw new CapRejection(
      'unsupported_msg_type',
      `msgType ${alert.msgType}: only Alert, Update and Cancel are imported`,
    );
  }
  if (alert.scope !== 'Public') {
    throw new CapRejection(
      'unsupported_scope',
      `scope ${alert.scope}: only Public alerts are imported (warnings here are published to the public)`,
    );
  }
  const header = {
    identifier: alert.identifier.trim(),
    sender: alert.sender.trim(),
    sent: new Date(alert.sent),
    msgType: alert.msgType,
    references: alert.references?.trim() || null,
    note: alert.note?.trim() || null,
  };
  const chosen = chosenInfo(alert);
  if (!chosen) {
    if (alert.msgType === 'Cancel') return { ...header, content: null };
    throw new CapRejection('missing_info', `a ${alert.msgType} needs an <info> block describing the warning`);
  }
  return { ...header, content: contentOf(alert, chosen.info, `info[${chosen.index + 1}]`, knownRegion) };
}

function contentOf(
  alert: CapAlert,
  info: CapInfo,
  where: string,
  knownRegion: (code: string) => boolean,
): WarningContent {
  if (!info.expires) {
    throw new CapRejection(
      'missing_expires',
      `${where}: expires is required (a warning without an end would stay in force forever)`,
    );
  }
  const effective = new Date(info.effective ?? alert.sent);
  const expires = new Date(info.expires);
  if (expires.getTime() <= effective.getTime()) {
    throw new CapRejection(
      'expires_before_effective',
      `${where}: expires (${info.expires}) must be after effective (${info.effective ?? `sent ${alert.sent}`})`,
    );
  }
  if (info.areas.length === 0) throw new CapRejection('missing_area', `${where}: no <area>`);
  const areas: WarningArea[] = [];
  info.areas.forEach((area, i) => {
    const parts = partsOf(area, knownRegion);
    if (parts.length === 0) {
      const codes = area.geocodes.map((g) => `${g.valueName}=${g.value}`).join(', ');
      throw new CapRejection(
        'area_without_geometry',
        `${where}.area[${i + 1}] "${area.areaDesc.slice(0, 60)}": no polygon, circle or known region geocode${
          codes ? ` (geocodes ${codes.slice(0, 200)})` : ''
        }`,
      );
    }
    areas.push(...parts);
  });
  const extras: CapExtras = {
    ...(info.categories.length > 1 ? { categories: info.categories } : {}),
    ...(info.responseTypes.length ? { responseTypes: info.responseTypes } : {}),
    ...(info.eventCodes.length ? { eventCodes: info.eventCodes } : {}),
    ...(info.parameters.length ? { parameters: info.parameters } : {}),
    ...(info.resources.length ? { resources: info.resources } : {}),
    ...(info.audience ? { audience: info.audience } : {}),
    ...(info.onset ? { onset: info.onset } : {}),
    ...(alert.source ? { source: alert.source } : {}),
    ...(alert.incidents ? { incidents: alert.incidents } : {}),
    ...(alert.codes.length ? { codes: alert.codes } : {}),
  };
  return {
    senderName: info.senderName ?? null,
    language: info.language,
    event: info.event,
    category: info.categories[0] as CapCategory,
    severity: info.severity as CapSeverity,
    urgency: info.urgency as CapUrgency,
    certainty: info.certainty as CapCertainty,
    headline: info.headline || info.event,
    description: info.description ?? '',
    instruction: info.instruction ?? '',
    web: info.web ?? null,
    contact: info.contact ?? null,
    areaDesc: [...new Set(info.areas.map((a) => a.areaDesc.trim()).filter(Boolean))].join('、'),
    areas,
    capAreas: info.areas,
    capExtras: Object.keys(extras).length > 0 ? extras : null,
    effective,
    expires,
  };
}

/** One CAP area as our area parts: its polygons, its circles, and its known region codes as one part. */
function partsOf(area: CapArea, knownRegion: (code: string) => boolean): WarningArea[] {
  const codes = [...new Set(area.geocodes.filter(isRegionGeocode).map((g) => g.value.trim()))].filter(
    knownRegion,
  );
  return [
    ...area.polygons.map((ring): WarningArea => ({ kind: 'polygon', ring })),
    ...area.circles.map((c): WarningArea => ({ kind: 'circle', center: c.center, radiusKm: c.radiusKm })),
    ...(codes.length > 0 ? [{ kind: 'regions', codes } as WarningArea] : []),
  ];
}
