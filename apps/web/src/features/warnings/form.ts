import {
  type CapCategory,
  type IncidentType,
  incidentTypes,
  type WarningArea,
  type WarningDraft,
  type WarningInfo,
  type WarningSummary,
  warningDraftSchema,
} from '@onemap/domain';
import { beijingLocal, beijingToIso } from '../../i18n/format';

/**
 * The warning form's state and its conversions: to the draft the API takes (checked with the
 * API's own schema before sending), and back from a stored warning for editing.
 */

export type DrawnArea = Extract<WarningArea, { kind: 'polygon' | 'circle' }>;

/** An administrative region chosen as (part of) the area. */
export interface ChosenRegion {
  code: string;
  /** The name as found; a stored warning carries codes only, so a reopened one has the code here. */
  name: string;
}

/** The form: what the warning says, its area as drawn shapes and chosen regions, its times as typed. */
export interface WarningForm extends Omit<WarningInfo, 'areas' | 'effective' | 'expires'> {
  /** True until the operator writes the area description: until then it follows the regions. */
  areaDescAuto: boolean;
  /** Polygons and circles drawn on the map, each removable. */
  shapes: DrawnArea[];
  regions: ChosenRegion[];
  /** `datetime-local` values in Beijing time. */
  effective: string;
  expires: string;
}

const HOUR_MS = 3_600_000;
/** A warning nobody remembers to cancel should not stand for ever: one day unless told otherwise. */
const DEFAULT_VALIDITY_MS = 24 * HOUR_MS;

export function newWarningForm(now: Date): WarningForm {
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return {
    event: '',
    category: 'Met',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    headline: '',
    description: '',
    instruction: '',
    areaDesc: '',
    areaDescAuto: true,
    shapes: [],
    regions: [],
    effective: beijingLocal(start),
    expires: beijingLocal(new Date(start.getTime() + DEFAULT_VALIDITY_MS)),
  };
}

/** A stored warning in the form, to edit a draft or update a published warning. */
export function formOfWarning(w: WarningSummary): WarningForm {
  const shapes: DrawnArea[] = [];
  const regions: ChosenRegion[] = [];
  for (const area of w.areas) {
    if (area.kind === 'regions') {
      for (const code of area.codes) regions.push({ code, name: code });
    } else {
      shapes.push(area);
    }
  }
  return {
    event: w.event,
    category: w.category,
    severity: w.severity,
    urgency: w.urgency,
    certainty: w.certainty,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    areaDesc: w.areaDesc,
    areaDescAuto: false,
    shapes,
    regions,
    effective: beijingLocal(new Date(w.effective)),
    expires: beijingLocal(new Date(w.expires)),
  };
}

/** The CAP area parts of the form: each drawn shape, then the chosen regions as one geocode part. */
export function areasOf(form: Pick<WarningForm, 'shapes' | 'regions'>): WarningArea[] {
  const areas: WarningArea[] = [...form.shapes];
  if (form.regions.length > 0) areas.push({ kind: 'regions', codes: form.regions.map((r) => r.code) });
  return areas;
}

export function draftOf(form: WarningForm): WarningDraft {
  return {
    event: form.event,
    category: form.category,
    severity: form.severity,
    urgency: form.urgency,
    certainty: form.certainty,
    headline: form.headline,
    description: form.description,
    instruction: form.instruction,
    areaDesc: form.areaDesc,
    areas: areasOf(form),
    // A blank or malformed time goes as '' so the schema names the field.
    effective: beijingToIso(form.effective) ?? '',
    expires: beijingToIso(form.expires) ?? '',
  };
}

/** The fields of the form that a check can name. */
export type WarningField = keyof WarningDraft;

export type ParsedWarning = { ok: true; draft: WarningDraft } | { ok: false; errors: FieldIssues };

/** The first complaint about each field, in the schema's words. */
export type FieldIssues = Partial<Record<WarningField, string>>;

/** Checks the form with the API's own schema, so a refusal is known before anything is sent. */
export function parseWarningForm(form: WarningForm): ParsedWarning {
  const draft = draftOf(form);
  const result = warningDraftSchema.safeParse(draft);
  if (result.success) return { ok: true, draft };
  const errors: FieldIssues = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as WarningField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * The API's field errors by form field: an update's input nests the draft under `draft`, and a
 * complaint about one area part is a complaint about the area.
 */
export function fieldOfPath(path: string): WarningField {
  const parts = path.split('.');
  return (parts[0] === 'draft' ? parts[1] : parts[0]) as WarningField;
}

/** CAP's areaDesc allows this many characters. */
const AREA_DESC_MAX = 200;

/**
 * The area in words as the public reads it, from region names: "杭州市、宁波市", or, when they do
 * not fit, the first few and how many in all: "杭州市、宁波市等12个地区".
 */
export function areaDescOf(names: readonly string[]): string {
  const all = names.join('、');
  if (all.length <= AREA_DESC_MAX) return all;
  for (let n = names.length - 1; n > 0; n--) {
    const text = `${names.slice(0, n).join('、')}等${names.length}个地区`;
    if (text.length <= AREA_DESC_MAX) return text;
  }
  return `${names.length}个地区`;
}

/** The CAP category an incident type's warnings usually fall under. */
const categoryOfIncidentType: Record<IncidentType, CapCategory> = {
  earthquake: 'Geo',
  flood: 'Met',
  drought: 'Met',
  typhoon: 'Met',
  rainstorm: 'Met',
  landslide: 'Geo',
  forest_fire: 'Fire',
  grassland_fire: 'Fire',
  snow_disaster: 'Met',
  mine_accident: 'Safety',
  hazchem_leak: 'CBRNE',
  hazchem_explosion: 'CBRNE',
  fire: 'Fire',
  traffic_accident: 'Transport',
  building_collapse: 'Infra',
  fireworks_accident: 'Safety',
  infectious_disease: 'Health',
  food_poisoning: 'Health',
  mass_incident: 'Security',
  terrorist_attack: 'Security',
};

/**
 * The category that goes with an event typed as one of the national incident types (in either
 * language); null for free text, which leaves the category as the operator set it.
 */
export function categoryForEvent(event: string): CapCategory | null {
  const text = event.trim().toLowerCase();
  const type = incidentTypes.codes.find((code) => {
    const { zh, en } = incidentTypes.labels[code];
    return zh === text || en.toLowerCase() === text;
  });
  return type ? categoryOfIncidentType[type] : null;
}
