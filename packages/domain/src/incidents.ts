import { z } from 'zod';
import type { IncidentClass, IncidentLevel, IncidentStatus, IncidentType, Label } from './vocabulary.js';
import {
  type CodeOf,
  incidentClassOfType,
  incidentLevels,
  incidentStatuses,
  incidentTypes,
  vocabulary,
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
  return z
    .object({
      type: incidentTypes.schema,
      level: incidentLevels.schema.optional(),
      title: z
        .string()
        .trim()
        .min(1, 'title must not be empty')
        .max(120, 'title must be at most 120 characters'),
      description: z.string().trim().max(4000).optional(),
      lon: lonSchema,
      lat: latSchema,
      occurredAt: z.iso.datetime({ offset: true }).optional(),
      casualties: casualtiesSchema.optional(),
    })
    .superRefine((v, ctx) => {
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
    });
}

export const incidentCreateSchema = makeIncidentCreateSchema();
export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
export type IncidentCreate = z.output<typeof incidentCreateSchema>;

// ─── Public reports (全民感知, POST /api/v1/reports) ─────────────────────────────────────────────

/** What members of the public report, in their words rather than the national classification. */
export const publicReportCategories = vocabulary({
  fire: { zh: '着火', en: 'Fire' },
  flood: { zh: '积水/洪水', en: 'Flooding' },
  landslide: { zh: '山体滑坡/泥石流', en: 'Landslide / mudslide' },
  road_collapse: { zh: '道路塌陷', en: 'Road collapse' },
  chemical_smell: { zh: '化学品异味', en: 'Chemical smell' },
  injured_people: { zh: '有人受伤', en: 'Injured people' },
  other: { zh: '其他', en: 'Other' },
});
export type PublicReportCategory = CodeOf<typeof publicReportCategories>;

/**
 * The incident type an operator is offered first when opening an incident from a report; null
 * where the category says too little: an injury may be a traffic accident or a fall, and a road
 * collapse may be ground subsidence (geological) or a works accident.
 */
export const reportCategoryIncidentType: Readonly<Record<PublicReportCategory, IncidentType | null>> = {
  fire: 'fire',
  flood: 'flood',
  landslide: 'landslide',
  road_collapse: null,
  chemical_smell: 'hazchem_leak',
  injured_people: null,
  other: null,
};

/** The JSON (or multipart fields) of a public report; the photo is checked separately (I/O). */
export const publicReportSchema = z.object({
  category: publicReportCategories.schema,
  description: z
    .string()
    .trim()
    .min(1, 'description must not be empty')
    .max(1000, 'description must be at most 1000 characters'),
  lon: lonSchema,
  lat: latSchema,
  /** A phone number or any other way to reach the reporter; an empty field is no contact. */
  contact: z
    .string()
    .trim()
    .max(100, 'contact must be at most 100 characters')
    .optional()
    .transform((s) => (s === '' ? undefined : s)),
});
export type PublicReportInput = z.input<typeof publicReportSchema>;
export type PublicReport = z.output<typeof publicReportSchema>;
