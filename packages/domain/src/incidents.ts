import { z } from 'zod';
import type {
  IncidentClass,
  IncidentLevel,
  IncidentStatus,
  IncidentType,
  Label,
  SensorKind,
} from './vocabulary.js';
import {
  incidentClassOfType,
  incidentLevels,
  incidentStatuses,
  incidentTypes,
  type TeamStatus,
  type TeamType,
} from './vocabulary.js';

/**
 * Incidents (突发事件接报与处置) as pure rules: the lifecycle state machine, the level the national
 * classification suggests from casualties and losses, and the intake schemas of
 * `POST /api/v1/incidents` and of public reports (`POST /api/v1/reports`). The API applies them
 * inside its transactions; the web uses the same tables to offer only what is legal.
 */

// ─── Lifecycle ──────────────────────────────────────────────────────────────────────────────────

/** The answer of a transition check: allowed, or refused with a reason an operator can read. */
export type TransitionCheck = { ok: true } | { ok: false; reason: Label };

/**
 * The legal next statuses of an incident. Anything not listed is refused.
 *
 * - reported → verified | cancelled | merged: 接报 is checked first; a false or prank report is
 *   cancelled, a second report of a known incident is merged into it.
 * - verified → responding | cancelled | merged: resources are committed only to verified incidents,
 *   and a duplicate may still surface after verification.
 * - responding → stabilized | merged. Merging while responding is allowed on purpose: duplicates
 *   are often found only once teams sent to "two" incidents meet on one scene (two callers, two
 *   districts, one chemical-plant fire). The API must then move its assignments and timeline to
 *   the surviving incident. Cancelling is NOT allowed once responding: resources were committed,
 *   so the record must run to closure (a false alarm found on scene is stabilized and closed with
 *   a note), otherwise dispatches would vanish from after-action statistics.
 * - stabilized → closed | responding: 已控制 may flare up again (复燃, aftershock, second leak).
 *   Merging a stabilized incident is not offered: by then it is the after-action record.
 * - closed, merged, cancelled are terminal: a new development is a new incident, linked to the old.
 */
export const incidentTransitions: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  reported: ['verified', 'cancelled', 'merged'],
  verified: ['responding', 'cancelled', 'merged'],
  responding: ['stabilized', 'merged'],
  stabilized: ['closed', 'responding'],
  closed: [],
  merged: [],
  cancelled: [],
};

/** Statuses with no way out. */
export const terminalIncidentStatuses: readonly IncidentStatus[] = incidentStatuses.codes.filter(
  (s) => incidentTransitions[s].length === 0,
);

/** The statuses an incident may move to next (what the web offers as buttons). */
export function nextIncidentStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return incidentTransitions[from];
}

function listLabels<C extends string>(codes: readonly C[], labels: Record<C, Label>): Label {
  return {
    zh: codes.map((c) => `「${labels[c].zh}」`).join('、'),
    en: codes.map((c) => `"${labels[c].en}"`).join(', '),
  };
}

/**
 * Checks a generic transition against a table and explains a refusal. Shared by the incident and
 * the assignment lifecycles so both read the same way to an operator.
 */
export function checkTransition<S extends string>(
  table: Readonly<Record<S, readonly S[]>>,
  labels: Readonly<Record<S, Label>>,
  from: S,
  to: S,
  special?: (from: S, to: S) => Label | undefined,
): TransitionCheck {
  const allowed = table[from];
  if (allowed === undefined || table[to] === undefined) {
    return { ok: false, reason: { zh: '未知状态', en: 'Unknown status' } };
  }
  if (allowed.includes(to)) return { ok: true };
  const f = labels[from];
  const t = labels[to];
  if (from === to) {
    return { ok: false, reason: { zh: `已处于「${f.zh}」状态`, en: `Already "${f.en}"` } };
  }
  const specific = special?.(from, to);
  if (specific) return { ok: false, reason: specific };
  if (allowed.length === 0) {
    return {
      ok: false,
      reason: {
        zh: `「${f.zh}」是终止状态，不能再变更为「${t.zh}」`,
        en: `"${f.en}" is final and cannot become "${t.en}"`,
      },
    };
  }
  const next = listLabels(allowed, labels);
  return {
    ok: false,
    reason: {
      zh: `不能从「${f.zh}」变更为「${t.zh}」；可变更为：${next.zh}`,
      en: `Cannot go from "${f.en}" to "${t.en}"; allowed next: ${next.en}`,
    },
  };
}

function incidentSpecialReason(from: IncidentStatus, to: IncidentStatus): Label | undefined {
  if (to === 'reported') {
    return {
      zh: '「已接报」是初始状态，事件不能退回',
      en: '"Reported" is the initial status; an incident cannot go back to it',
    };
  }
  if (from === 'reported' && (to === 'responding' || to === 'stabilized' || to === 'closed')) {
    return {
      zh: '事件须先核实（「已核实」），才能调派力量处置',
      en: 'An incident must be verified before resources are committed to it',
    };
  }
  if (from === 'verified' && (to === 'stabilized' || to === 'closed')) {
    return {
      zh: '事件尚未进入处置，须先转为「处置中」',
      en: 'The incident is not being responded to yet; move it to "Responding" first',
    };
  }
  if (from === 'responding' && to === 'closed') {
    return {
      zh: '处置中的事件须先确认「已控制」，才能结案',
      en: 'A responding incident must be stabilized before it is closed',
    };
  }
  if ((from === 'responding' || from === 'stabilized') && to === 'cancelled') {
    return {
      zh: '已调派力量的事件不能撤销，须处置完毕后结案（可在备注中说明为误报）',
      en: 'An incident with committed resources cannot be cancelled; close it (note a false alarm)',
    };
  }
  if (from === 'stabilized' && to === 'merged') {
    return {
      zh: '已控制的事件不能再合并，请结案并在时间线中关联',
      en: 'A stabilized incident cannot be merged; close it and link it in the timeline',
    };
  }
  if (from === 'responding' && to === 'verified') {
    return { zh: '处置中的事件不能退回「已核实」', en: 'A responding incident cannot go back to "Verified"' };
  }
  return undefined;
}

/**
 * Whether an incident may move from one status to another; a refusal says why in words.
 *
 * @example incidentTransition('reported', 'verified') // { ok: true }
 * @example incidentTransition('closed', 'responding').ok === false  // terminal
 */
export function incidentTransition(from: IncidentStatus, to: IncidentStatus): TransitionCheck {
  return checkTransition(incidentTransitions, incidentStatuses.labels, from, to, incidentSpecialReason);
}

// ─── Level suggestion (事件分级建议) ─────────────────────────────────────────────────────────────

/**
 * Casualties and losses as reported. All counts are people; money is in yuan (元).
 * `injured` is all injured (轻伤 included) and `affectedPeople` the people affected (受灾人口):
 * they are recorded and shown, but do not decide a level (see `levelCriteria`).
 */
export interface Casualties {
  deaths?: number | undefined;
  missing?: number | undefined;
  seriouslyInjured?: number | undefined;
  injured?: number | undefined;
  directLossYuan?: number | undefined;
  affectedPeople?: number | undefined;
}

export type LevelCriterion = 'deaths' | 'seriouslyInjured' | 'directLossYuan';

/** Each level's minimum ("以上" includes the number itself, as the 条例 art. 3 says). */
export interface LevelThreshold {
  level: Exclude<IncidentLevel, 'IV'>;
  deaths: number;
  seriouslyInjured: number;
  directLossYuan: number;
}

/**
 * The thresholds of 《生产安全事故报告和调查处理条例》 (国务院令第493号, art. 3):
 * 特别重大 ≥ 30 deaths, or ≥ 100 seriously injured (including acute industrial poisoning), or
 * ≥ 100 million yuan direct economic loss; 重大 10–29, 50–99, 50–100 million; 较大 3–9, 10–49,
 * 10–50 million; 一般 below those. Ordered most severe first.
 *
 * Deaths are counted together with the missing ("死亡（含失踪）"), as national safety-statistics
 * reporting does: a missing person in a collapse is reported, and classified, as a probable death
 * until found.
 */
export const accidentLevelThresholds: readonly LevelThreshold[] = [
  { level: 'I', deaths: 30, seriouslyInjured: 100, directLossYuan: 100_000_000 },
  { level: 'II', deaths: 10, seriouslyInjured: 50, directLossYuan: 50_000_000 },
  { level: 'III', deaths: 3, seriouslyInjured: 10, directLossYuan: 10_000_000 },
];

/**
 * The thresholds per incident class. The seed framework (应急管理信息化发展战略规划框架) names the
 * four classes and the four levels but gives no numbers, so every class uses the accident
 * thresholds above. The specialised national plans grade some types differently and could
 * replace an entry here when adopted — e.g. 《国家地震应急预案》 (特别重大: ≥ 300 deaths incl.
 * missing), 《国家突发地质灾害应急预案》 (特大型: ≥ 30 deaths or ≥ 10 million yuan loss),
 * 《国家突发公共卫生事件应急预案》 (by case counts, not deaths). Until then the suggestion is the
 * casualty rule and the operator, who knows the plan for the type, may declare a higher level.
 */
export const levelThresholdsByClass: Readonly<Record<IncidentClass, readonly LevelThreshold[]>> = {
  natural_disaster: accidentLevelThresholds,
  accident: accidentLevelThresholds,
  public_health: accidentLevelThresholds,
  social_security: accidentLevelThresholds,
};

export const levelBasis: Readonly<Record<IncidentClass, Label>> = {
  accident: {
    zh: '《生产安全事故报告和调查处理条例》第三条',
    en: 'Regulations on Production Safety Accident Reporting and Investigation, art. 3',
  },
  natural_disaster: {
    zh: '参照《生产安全事故报告和调查处理条例》第三条的人员伤亡和经济损失标准',
    en: 'By analogy with the casualty and loss thresholds of the production-safety accident regulations',
  },
  public_health: {
    zh: '参照《生产安全事故报告和调查处理条例》第三条的人员伤亡和经济损失标准',
    en: 'By analogy with the casualty and loss thresholds of the production-safety accident regulations',
  },
  social_security: {
    zh: '参照《生产安全事故报告和调查处理条例》第三条的人员伤亡和经济损失标准',
    en: 'By analogy with the casualty and loss thresholds of the production-safety accident regulations',
  },
};

export interface LevelSuggestion {
  level: IncidentLevel;
  /** What decided it; null when nothing reached 较大 (the level is 一般 by default). */
  criterion: LevelCriterion | null;
  /** The figure that decided it (deaths include the missing) and the threshold it reached. */
  value: number | null;
  threshold: number | null;
  /** The rule in words, to show to the operator next to the suggestion. */
  rule: Label;
  basis: Label;
}

const criterionWords: Record<LevelCriterion, Label> = {
  deaths: { zh: '死亡（含失踪）', en: 'dead (incl. missing)' },
  seriouslyInjured: { zh: '重伤（含急性中毒）', en: 'seriously injured' },
  directLossYuan: { zh: '直接经济损失', en: 'direct economic loss' },
};

function count(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : 0;
}

/** A figure as the regulations write it: people, or money in 万元 / 亿元 (million yuan in English). */
export function formatCriterionFigure(c: LevelCriterion, n: number): Label {
  if (c !== 'directLossYuan') return { zh: `${n}人`, en: String(n) };
  const zh = n >= 100_000_000 ? `${n / 100_000_000}亿元` : `${n / 10_000}万元`;
  return { zh, en: `${n / 1_000_000} million yuan` };
}

/**
 * The level the national classification suggests for an incident from its casualties and losses:
 * the most severe level any one criterion reaches (the 条例 joins them with "或").
 *
 * @example suggestIncidentLevel({ type: 'mine_accident', deaths: 30 }).level === 'I'
 * @example suggestIncidentLevel({ type: 'fire', deaths: 2, missing: 1 }).level === 'III'  // 3 incl. missing
 */
export function suggestIncidentLevel(input: { type: IncidentType } & Casualties): LevelSuggestion {
  const cls = incidentClassOfType[input.type];
  const basis = levelBasis[cls];
  const figures: Record<LevelCriterion, number> = {
    deaths: count(input.deaths) + count(input.missing),
    seriouslyInjured: count(input.seriouslyInjured),
    directLossYuan: count(input.directLossYuan),
  };
  for (const t of levelThresholdsByClass[cls]) {
    for (const c of ['deaths', 'seriouslyInjured', 'directLossYuan'] as const) {
      if (figures[c] >= t[c]) {
        const w = criterionWords[c];
        const levelLabel = incidentLevels.labels[t.level];
        const has = formatCriterionFigure(c, figures[c]);
        const min = formatCriterionFigure(c, t[c]);
        return {
          level: t.level,
          criterion: c,
          value: figures[c],
          threshold: t[c],
          rule: {
            zh: `${w.zh}${has.zh}，达到${min.zh}以上，为${levelLabel.zh}`,
            en: `${w.en}: ${has.en}, at least ${min.en}: ${levelLabel.en}`,
          },
          basis,
        };
      }
    }
  }
  return {
    level: 'IV',
    criterion: null,
    value: null,
    threshold: null,
    rule: {
      zh: '人员伤亡和直接经济损失均未达到较大（Ⅲ级）标准，为Ⅳ级 一般',
      en: 'Casualties and losses are below the level III thresholds: Level IV — general',
    },
    basis,
  };
}

/** Severity rank: 0 for Ⅰ级 (most severe) to 3 for Ⅳ级. */
export function levelRank(level: IncidentLevel): number {
  return incidentLevels.indexOf(level);
}

/**
 * A declared level that is LESS severe than what the casualties already require is a
 * contradiction (35 dead declared Ⅳ级). A more severe declared level is fine: leaders escalate for
 * reasons the figures do not show (sensitive place, growing risk, a specialised plan's rule).
 * Returns the reason, or null when there is no contradiction.
 */
export function levelContradicts(
  type: IncidentType,
  level: IncidentLevel,
  casualties: Casualties | undefined,
): { suggested: LevelSuggestion; reason: Label } | null {
  if (!casualties) return null;
  const suggested = suggestIncidentLevel({ type, ...casualties });
  if (levelRank(level) <= levelRank(suggested.level)) return null;
  const declared = incidentLevels.labels[level];
  const required = incidentLevels.labels[suggested.level];
  return {
    suggested,
    reason: {
      zh: `申报等级「${declared.zh}」低于伤亡损失对应的「${required.zh}」：${suggested.rule.zh}`,
      en: `Declared "${declared.en}" is lower than the casualties require ("${required.en}"): ${suggested.rule.en}`,
    },
  };
}

// ─── Intake (POST /api/v1/incidents) ────────────────────────────────────────────────────────────

/** An occurrence time may be at most this far ahead of the server clock (clock skew of the caller). */
export const OCCURRED_AT_MAX_FUTURE_MS = 5 * 60_000;

/**
 * Upper bounds that catch typos and unit mistakes (yuan typed as 万元 × 10⁴ twice) without ever
 * refusing a real figure: the deadliest modern disaster in China (Tangshan 1976) killed about
 * 242,000 people, the costliest (Wenchuan 2008) cost about 845 billion yuan, and China has about
 * 1.41 billion people.
 */
export const CASUALTY_MAX_PEOPLE = 1_000_000;
export const CASUALTY_MAX_AFFECTED = 1_500_000_000;
export const CASUALTY_MAX_LOSS_YUAN = 10_000_000_000_000;

const people = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(CASUALTY_MAX_PEOPLE);

export const casualtiesSchema = z.object({
  deaths: people.optional(),
  missing: people.optional(),
  seriouslyInjured: people.optional(),
  injured: people.optional(),
  directLossYuan: z
    .number()
    .int('must be whole yuan')
    .min(0, 'must not be negative')
    .max(CASUALTY_MAX_LOSS_YUAN)
    .optional(),
  affectedPeople: z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(CASUALTY_MAX_AFFECTED)
    .optional(),
});
export type CasualtiesInput = z.infer<typeof casualtiesSchema>;

/**
 * Longitude and latitude in WGS-84 degrees. Only impossible positions are refused (zod numbers are
 * already finite, so NaN and ±Infinity fail too): the extent of China is not a validity rule, a
 * team may respond across a border and a ship may report from the sea.
 */
export const lonSchema = z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180');
export const latSchema = z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90');

/**
 * `POST /api/v1/incidents`, validated against a clock. `now` is read at validation time, so tests
 * (and replays) pass a fixed clock; `incidentCreateSchema` uses the real one.
 */
export function makeIncidentCreateSchema(now: () => number = Date.now) {
  return incidentFields.superRefine(checkIncident(now));
}

const incidentFields = z.object({
  type: incidentTypes.schema,
  level: incidentLevels.schema.optional(),
  title: z.string().trim().min(1, 'title must not be empty').max(120, 'title must be at most 120 characters'),
  description: z.string().trim().max(4000).optional(),
  lon: lonSchema,
  lat: latSchema,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  casualties: casualtiesSchema.optional(),
});

function checkIncident(now: () => number) {
  return (v: z.output<typeof incidentFields>, ctx: z.RefinementCtx) => {
    if (v.occurredAt !== undefined && Date.parse(v.occurredAt) > now() + OCCURRED_AT_MAX_FUTURE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['occurredAt'],
        message: 'occurredAt must not be more than 5 minutes in the future',
      });
    }
    if (v.level !== undefined) {
      const c = levelContradicts(v.type, v.level, v.casualties);
      if (c) ctx.addIssue({ code: 'custom', path: ['level'], message: `${c.reason.en} / ${c.reason.zh}` });
    }
  };
}

export const incidentCreateSchema = makeIncidentCreateSchema();
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
export type IncidentCreate = z.output<typeof incidentCreateSchema>;

/** Where an incident came from (接报渠道). */
export const incidentSources = ['phone', 'sensor', 'report', 'agency', 'map', 'alarm'] as const;
export type IncidentSource = (typeof incidentSources)[number];

/**
 * What an operator sends to take an incident in (tRPC): the open contract's fields, plus where it
 * came from, the alarm or public reports it is opened from (linked in its timeline), and that the
 * possible duplicates were looked at.
 */
export function makeIncidentIntakeSchema(now: () => number = Date.now) {
  return incidentFields
    .extend({
      source: z.enum(incidentSources).default('map'),
      fromAlarmId: z.number().int().positive().optional(),
      fromReportIds: z.array(z.number().int().positive()).max(200).optional(),
      /** The operator has seen the possible duplicates and still wants a new incident. */
      confirmNotDuplicate: z.boolean().default(false),
    })
    .superRefine(checkIncident(now));
}
export const incidentIntakeSchema = makeIncidentIntakeSchema();
export type IncidentIntakeInput = z.input<typeof incidentIntakeSchema>;
export type IncidentIntake = z.output<typeof incidentIntakeSchema>;

/**
 * The incident type an operator is offered first when opening an incident from a sensor's alarm:
 * a river gauge over its alarm level is a flood, a slope's displacement a landslide, methane in a
 * mine a mine accident, a gas or tank alarm at a plant a hazardous-chemical leak. Kinds that say too
 * little (temperature, humidity, a camera) offer none.
 */
export const incidentTypeForSensorKind: Readonly<Partial<Record<SensorKind, IncidentType>>> = {
  water_level: 'flood',
  rainfall: 'rainstorm',
  wind_speed: 'typhoon',
  displacement: 'landslide',
  seismic: 'earthquake',
  smoke: 'fire',
  fire_hotspot: 'forest_fire',
  gas_ch4: 'mine_accident',
  gas_co: 'hazchem_leak',
  gas_combustible: 'hazchem_leak',
  gas_h2s: 'hazchem_leak',
  tank_level: 'hazchem_leak',
  tank_pressure: 'hazchem_leak',
};

// ─── Duplicates (疑似重复) ───────────────────────────────────────────────────────────────────────

/**
 * A new incident is a possible duplicate of an open one of the same type within this distance
 * and time: far enough to catch two callers describing one scene from different streets (or a
 * geocoded address against a phone's position), near enough not to flag the next town's fire.
 * Wide-area types (floods, typhoons, quakes, droughts, snow) use the wider radius.
 */
export const DUPLICATE_RADIUS_KM = 3;
export const DUPLICATE_WIDE_RADIUS_KM = 30;
export const DUPLICATE_WINDOW_H = 24;
const wideAreaTypes: ReadonlySet<IncidentType> = new Set([
  'earthquake',
  'flood',
  'drought',
  'typhoon',
  'rainstorm',
  'snow_disaster',
  'infectious_disease',
]);

/** The duplicate search radius for a type, km. */
export function duplicateRadiusKm(type: IncidentType): number {
  return wideAreaTypes.has(type) ? DUPLICATE_WIDE_RADIUS_KM : DUPLICATE_RADIUS_KM;
}

export const duplicatesQuerySchema = z.object({
  type: incidentTypes.schema,
  lon: lonSchema,
  lat: latSchema,
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

// ─── Reading and changing an incident ───────────────────────────────────────────────────────────

export const incidentIdSchema = z.object({ id: z.number().int().positive() });

export const incidentQuerySchema = z.object({
  status: z.array(incidentStatuses.schema).max(7).optional(),
  /** Occurred at or after / before (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(5000).default(500),
});
export type IncidentQuery = z.input<typeof incidentQuerySchema>;

const noteText = z
  .string()
  .trim()
  .min(1, 'note must not be empty')
  .max(2000, 'note must be at most 2000 characters');

export const incidentTransitionSchema = z.object({
  id: z.number().int().positive(),
  to: incidentStatuses.schema,
  note: noteText.optional(),
  /** merged: the incident this one is a duplicate of. */
  into: z.number().int().positive().optional(),
});
export type IncidentTransitionInput = z.input<typeof incidentTransitionSchema>;

export const incidentNoteSchema = z.object({ id: z.number().int().positive(), text: noteText });

/** A level change or new casualty figures; the level may not fall below what the figures require. */
export const incidentAssessmentSchema = z.object({
  id: z.number().int().positive(),
  level: incidentLevels.schema.optional(),
  casualties: casualtiesSchema.optional(),
  note: noteText.optional(),
});

/** What a timeline event is about. */
export const incidentEventKinds = [
  'created',
  'transition',
  'assessment',
  'note',
  'dispatch',
  'assignment',
  'arrival',
  'alarm_linked',
  'report_linked',
  'merged_in',
] as const;
export type IncidentEventKind = (typeof incidentEventKinds)[number];

export interface IncidentEvent {
  id: number;
  at: string;
  kind: IncidentEventKind;
  actor: string;
  details: Record<string, unknown>;
}

export interface IncidentSummary {
  id: number;
  code: string;
  title: string;
  class: IncidentClass;
  type: IncidentType;
  level: IncidentLevel;
  status: IncidentStatus;
  source: string;
  regionCode: string | null;
  regionName: string | null;
  lon: number;
  lat: number;
  occurredAt: string;
  reportedAt: string;
  updatedAt: string;
  closedAt: string | null;
  casualties: Required<Omit<Casualties, 'injured'>> & { injured: number };
  /** Teams on scene and on the way, for the incident card. */
  teamsOnScene: number;
  teamsEnRoute: number;
}

export interface AssignmentView {
  id: number;
  teamCode: string;
  teamName: string;
  teamType: TeamType;
  /** The assignment's step; `completed` and `recalled` once it ended. */
  status: TeamStatus | 'completed' | 'recalled';
  task: string;
  dispatchedBy: string;
  dispatchedAt: string;
  enRouteAt: string | null;
  onSceneAt: string | null;
  returningAt: string | null;
  endedAt: string | null;
  arrivalSource: 'geofence' | 'reported' | null;
  /** Minutes still to go from the unit's latest position (while dispatched or en route). */
  etaMinutes: number | null;
  distanceKm: number | null;
  lon: number;
  lat: number;
  positionAt: string | null;
}

export interface IncidentDetail extends IncidentSummary {
  description: string | null;
  reportedBy: string | null;
  mergedInto: { id: number; code: string } | null;
  suggestion: LevelSuggestion;
  nextStatuses: readonly IncidentStatus[];
  assignments: AssignmentView[];
  timeline: IncidentEvent[];
}

export interface PossibleDuplicate {
  id: number;
  code: string;
  title: string;
  status: IncidentStatus;
  level: IncidentLevel;
  occurredAt: string;
  distanceKm: number;
}
