import {
  type IncidentIntakeInput,
  type IncidentType,
  incidentIntakeSchema,
  suggestIncidentLevel,
} from '@onemap/domain';
import { beijingLocal, beijingToIso } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import type { IntakeSeed } from './store';

/** The intake form as typed: every field text, so a half-typed number is kept, not lost. */
export interface IntakeForm {
  type: IncidentType | '';
  level: string;
  title: string;
  description: string;
  lon: string;
  lat: string;
  occurredAt: string;
  deaths: string;
  missing: string;
  seriouslyInjured: string;
  injured: string;
  confirmNotDuplicate: boolean;
}

export type IntakeField = keyof IntakeForm;

export function newIntakeForm(seed: IntakeSeed, now: Date): IntakeForm {
  const coord = (n: number | undefined) => (n === undefined ? '' : String(Math.round(n * 1e6) / 1e6));
  return {
    type: seed.type ?? '',
    level: '',
    title: seed.title ?? '',
    description: seed.description ?? '',
    lon: coord(seed.lon),
    lat: coord(seed.lat),
    occurredAt: beijingLocal(now),
    deaths: '',
    missing: '',
    seriouslyInjured: '',
    injured: '',
    confirmNotDuplicate: false,
  };
}

const CASUALTY_FIELDS = ['deaths', 'missing', 'seriouslyInjured', 'injured'] as const;

const invalid: Record<string, MessageKey> = {
  type: 'incidents.invalid.type',
  title: 'incidents.invalid.title',
  lon: 'incidents.invalid.lon',
  lat: 'incidents.invalid.lat',
  occurredAt: 'incidents.invalid.occurredAt',
  level: 'incidents.invalid.level',
  deaths: 'incidents.invalid.count',
  missing: 'incidents.invalid.count',
  seriouslyInjured: 'incidents.invalid.count',
  injured: 'incidents.invalid.count',
};

function numberOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The casualty figures typed so far, for the level suggestion as the operator types. */
export function casualtiesOf(form: IntakeForm) {
  const out: Partial<Record<(typeof CASUALTY_FIELDS)[number], number>> = {};
  for (const f of CASUALTY_FIELDS) {
    const n = numberOf(form[f]);
    if (n !== undefined && Number.isInteger(n) && n >= 0) out[f] = n;
  }
  return out;
}

export function suggestionOf(form: IntakeForm) {
  return form.type ? suggestIncidentLevel({ type: form.type, ...casualtiesOf(form) }) : null;
}

export type ParsedIntake =
  | { ok: true; value: IncidentIntakeInput }
  | { ok: false; errors: Partial<Record<IntakeField, MessageKey>> };

/**
 * The form as the API's intake, checked with the API's own schema; a failing field is named with
 * a message key (the schema's words are English only).
 */
export function parseIntake(form: IntakeForm, seed: IntakeSeed): ParsedIntake {
  const casualties: Record<string, number | undefined> = {};
  for (const f of CASUALTY_FIELDS) casualties[f] = numberOf(form[f]);
  const occurredAt = form.occurredAt.trim() === '' ? undefined : (beijingToIso(form.occurredAt) ?? 'invalid');
  const candidate = {
    type: form.type,
    ...(form.level ? { level: form.level } : {}),
    title: form.title,
    ...(form.description.trim() ? { description: form.description } : {}),
    lon: numberOf(form.lon) ?? Number.NaN,
    lat: numberOf(form.lat) ?? Number.NaN,
    ...(occurredAt ? { occurredAt } : {}),
    ...(Object.values(casualties).some((v) => v !== undefined) ? { casualties } : {}),
    source: seed.source ?? 'map',
    ...(seed.fromReportIds?.length ? { fromReportIds: [...seed.fromReportIds] } : {}),
    ...(seed.fromAlarmId !== undefined ? { fromAlarmId: seed.fromAlarmId } : {}),
    confirmNotDuplicate: form.confirmNotDuplicate,
  };
  const parsed = incidentIntakeSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: candidate as IncidentIntakeInput };
  const errors: Partial<Record<IntakeField, MessageKey>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path.at(-1) ?? issue.path[0] ?? '') as IntakeField;
    const key = invalid[field];
    if (key) errors[field] ??= key;
  }
  return { ok: false, errors };
}
