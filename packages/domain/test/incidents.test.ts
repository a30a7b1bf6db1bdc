import { describe, expect, it } from 'vitest';
import {
  type Casualties,
  incidentCreateSchema,
  incidentTransition,
  incidentTransitions,
  levelContradicts,
  makeIncidentCreateSchema,
  nextIncidentStatuses,
  OCCURRED_AT_MAX_FUTURE_MS,
  suggestIncidentLevel,
  terminalIncidentStatuses,
} from '../src/incidents.js';
import { publicReportCategories, publicReportSchema, reportCategoryIncidentType } from '../src/reports.js';
import { type IncidentStatus, incidentStatuses, incidentTypes } from '../src/vocabulary.js';

// The legal transitions, written out independently of the table under test.
const LEGAL = new Set([
  'reported>verified',
  'reported>cancelled',
  'reported>merged',
  'verified>responding',
  'verified>cancelled',
  'verified>merged',
  'responding>stabilized',
  'responding>merged',
  'stabilized>closed',
  'stabilized>responding',
]);

describe('incident lifecycle', () => {
  const grid = incidentStatuses.codes.flatMap((from) =>
    incidentStatuses.codes.map((to) => [from, to] as const),
  );

  it('covers the full 7 × 7 grid', () => {
    expect(grid).toHaveLength(49);
  });

  it.each(grid)('%s → %s is legal exactly when listed', (from, to) => {
    const r = incidentTransition(from, to);
    const legal = LEGAL.has(`${from}>${to}`);
    expect(r.ok).toBe(legal);
    expect(incidentTransitions[from].includes(to)).toBe(legal);
    if (!r.ok) {
      expect(r.reason.zh.length).toBeGreaterThan(0);
      expect(r.reason.en.length).toBeGreaterThan(0);
    }
  });

  it('has exactly the ten legal transitions', () => {
    const n = Object.values(incidentTransitions).reduce((s, l) => s + l.length, 0);
    expect(n).toBe(LEGAL.size);
  });

  it('treats closed, merged and cancelled as terminal', () => {
    expect([...terminalIncidentStatuses].sort()).toEqual(['cancelled', 'closed', 'merged']);
    for (const s of terminalIncidentStatuses) expect(nextIncidentStatuses(s)).toEqual([]);
    const r = incidentTransition('closed', 'responding');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.zh).toContain('终止状态');
      expect(r.reason.en).toContain('final');
    }
  });

  it('explains named refusals', () => {
    const cases: Array<[IncidentStatus, IncidentStatus, string, string]> = [
      ['reported', 'responding', '须先核实', 'verified before'],
      ['responding', 'closed', '已控制', 'stabilized before'],
      ['responding', 'cancelled', '不能撤销', 'cannot be cancelled'],
      ['verified', 'reported', '初始状态', 'initial status'],
      ['verified', 'verified', '已处于', 'Already'],
      ['stabilized', 'merged', '不能再合并', 'cannot be merged'],
    ];
    for (const [from, to, zh, en] of cases) {
      const r = incidentTransition(from, to);
      expect(r.ok, `${from} → ${to}`).toBe(false);
      if (!r.ok) {
        expect(r.reason.zh).toContain(zh);
        expect(r.reason.en).toContain(en);
      }
    }
  });

  it('lists the legal next steps in a generic refusal', () => {
    const r = incidentTransition('stabilized', 'verified');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toContain('「已结案」、「处置中」');
  });

  it('allows a flare-up and the happy path', () => {
    expect(incidentTransition('stabilized', 'responding')).toEqual({ ok: true });
    const path: IncidentStatus[] = ['reported', 'verified', 'responding', 'stabilized', 'closed'];
    for (let i = 1; i < path.length; i++) {
      expect(incidentTransition(path[i - 1] as IncidentStatus, path[i] as IncidentStatus).ok).toBe(true);
    }
  });
});

describe('level suggestion', () => {
  const at = (c: Casualties, type: 'mine_accident' | 'earthquake' | 'food_poisoning' = 'mine_accident') =>
    suggestIncidentLevel({ type, ...c });

  it('uses the death thresholds 3 / 10 / 30, inclusive', () => {
    expect(at({ deaths: 0 }).level).toBe('IV');
    expect(at({ deaths: 2 }).level).toBe('IV');
    expect(at({ deaths: 3 }).level).toBe('III');
    expect(at({ deaths: 9 }).level).toBe('III');
    expect(at({ deaths: 10 }).level).toBe('II');
    expect(at({ deaths: 29 }).level).toBe('II');
    expect(at({ deaths: 30 }).level).toBe('I');
  });

  it('counts the missing with the dead', () => {
    expect(at({ deaths: 28, missing: 2 }).level).toBe('I');
    expect(at({ missing: 3 }).level).toBe('III');
  });

  it('uses the serious-injury thresholds 10 / 50 / 100', () => {
    expect(at({ seriouslyInjured: 9 }).level).toBe('IV');
    expect(at({ seriouslyInjured: 10 }).level).toBe('III');
    expect(at({ seriouslyInjured: 49 }).level).toBe('III');
    expect(at({ seriouslyInjured: 50 }).level).toBe('II');
    expect(at({ seriouslyInjured: 99 }).level).toBe('II');
    expect(at({ seriouslyInjured: 100 }).level).toBe('I');
  });

  it('does not count minor injuries or affected people', () => {
    expect(at({ injured: 5000, affectedPeople: 1_000_000 }).level).toBe('IV');
  });

  it('uses the direct-loss thresholds 10 / 50 / 100 million yuan exactly', () => {
    expect(at({ directLossYuan: 9_999_999 }).level).toBe('IV');
    expect(at({ directLossYuan: 10_000_000 }).level).toBe('III');
    expect(at({ directLossYuan: 49_999_999 }).level).toBe('III');
    expect(at({ directLossYuan: 50_000_000 }).level).toBe('II');
    expect(at({ directLossYuan: 99_999_999 }).level).toBe('II');
    expect(at({ directLossYuan: 100_000_000 }).level).toBe('I');
  });

  it('takes the most severe criterion and says which one decided', () => {
    const s = at({ deaths: 4, seriouslyInjured: 60, directLossYuan: 2_000_000 });
    expect(s.level).toBe('II');
    expect(s.criterion).toBe('seriouslyInjured');
    expect(s.value).toBe(60);
    expect(s.threshold).toBe(50);
    expect(s.rule.zh).toContain('重伤');
    expect(s.rule.zh).toContain('50人以上');
  });

  it('writes money as the regulations do', () => {
    const s = at({ directLossYuan: 120_000_000 });
    expect(s.criterion).toBe('directLossYuan');
    expect(s.rule.zh).toContain('1.2亿元');
    expect(s.rule.zh).toContain('1亿元以上');
    expect(at({ directLossYuan: 12_000_000 }).rule.zh).toContain('1200万元');
  });

  it('gives level IV with no deciding criterion when nothing is reported', () => {
    const s = at({});
    expect(s).toMatchObject({ level: 'IV', criterion: null, value: null, threshold: null });
    expect(s.rule.en).toContain('below');
  });

  it('applies the same thresholds to every class and names the basis', () => {
    expect(at({ deaths: 30 }, 'earthquake').level).toBe('I');
    expect(at({ deaths: 3 }, 'food_poisoning').level).toBe('III');
    expect(at({}).basis.zh).toContain('生产安全事故报告和调查处理条例');
    expect(at({}, 'earthquake').basis.zh).toContain('参照');
  });
});

describe('level contradictions', () => {
  it('refuses a declared level lower than the casualties require', () => {
    const c = levelContradicts('fire', 'IV', { deaths: 35 });
    expect(c).not.toBeNull();
    expect(c?.suggested.level).toBe('I');
    expect(c?.reason.zh).toContain('低于');
    expect(levelContradicts('fire', 'II', { deaths: 35 })).not.toBeNull();
  });

  it('accepts an equal or higher declared level', () => {
    expect(levelContradicts('fire', 'I', { deaths: 35 })).toBeNull();
    expect(levelContradicts('fire', 'I', { deaths: 1 })).toBeNull();
    expect(levelContradicts('fire', 'III', { deaths: 3 })).toBeNull();
    expect(levelContradicts('fire', 'IV', undefined)).toBeNull();
  });
});

describe('incidentCreateSchema', () => {
  const NOW = Date.parse('2025-06-01T08:00:00Z');
  const schema = makeIncidentCreateSchema(() => NOW);
  const base = { type: 'hazchem_leak', title: '某化工厂储罐泄漏', lon: 121.47, lat: 31.23 };

  function failsOn(input: unknown): string[] {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  }

  it('accepts a minimal and a full incident, trimming the title', () => {
    expect(schema.parse(base)).toEqual(base);
    const full = schema.parse({
      ...base,
      title: '  储罐泄漏  ',
      level: 'II',
      description: '二号罐区',
      occurredAt: '2025-06-01T07:30:00+08:00',
      casualties: { deaths: 12, seriouslyInjured: 3, directLossYuan: 0 },
    });
    expect(full.title).toBe('储罐泄漏');
    expect(full.level).toBe('II');
  });

  it('refuses unknown types and levels', () => {
    expect(failsOn({ ...base, type: 'alien_invasion' })).toEqual(['type']);
    expect(failsOn({ ...base, level: 'V' })).toEqual(['level']);
  });

  it('refuses impossible coordinates, NaN and Infinity', () => {
    expect(failsOn({ ...base, lon: 180.0001 })).toEqual(['lon']);
    expect(failsOn({ ...base, lon: -181 })).toEqual(['lon']);
    expect(failsOn({ ...base, lat: 90.5 })).toEqual(['lat']);
    expect(failsOn({ ...base, lat: Number.NaN })).toEqual(['lat']);
    expect(failsOn({ ...base, lon: Number.POSITIVE_INFINITY })).toEqual(['lon']);
    expect(failsOn({ ...base, lon: '121.47' })).toEqual(['lon']);
    // Outside China is not impossible.
    expect(schema.safeParse({ ...base, lon: -74, lat: 40.7 }).success).toBe(true);
    expect(schema.safeParse({ ...base, lon: 180, lat: -90 }).success).toBe(true);
  });

  it('bounds the title', () => {
    expect(failsOn({ ...base, title: '   ' })).toEqual(['title']);
    expect(failsOn({ ...base, title: 'x'.repeat(121) })).toEqual(['title']);
    expect(schema.safeParse({ ...base, title: 'x'.repeat(120) }).success).toBe(true);
  });

  it('refuses an occurrence time more than 5 minutes ahead, or not ISO 8601', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(schema.safeParse({ ...base, occurredAt: iso(NOW + OCCURRED_AT_MAX_FUTURE_MS) }).success).toBe(
      true,
    );
    expect(failsOn({ ...base, occurredAt: iso(NOW + OCCURRED_AT_MAX_FUTURE_MS + 1000) })).toEqual([
      'occurredAt',
    ]);
    expect(failsOn({ ...base, occurredAt: '2025-06-01 07:00' })).toEqual(['occurredAt']);
    expect(failsOn({ ...base, occurredAt: 'yesterday' })).toEqual(['occurredAt']);
  });

  it('refuses negative, fractional and absurd casualties, naming the field', () => {
    expect(failsOn({ ...base, casualties: { deaths: -1 } })).toEqual(['casualties.deaths']);
    expect(failsOn({ ...base, casualties: { injured: 1.5 } })).toEqual(['casualties.injured']);
    expect(failsOn({ ...base, casualties: { missing: 2_000_000 } })).toEqual(['casualties.missing']);
    expect(failsOn({ ...base, casualties: { directLossYuan: 1e14 } })).toEqual(['casualties.directLossYuan']);
    expect(failsOn({ ...base, casualties: { affectedPeople: 2e9 } })).toEqual(['casualties.affectedPeople']);
  });

  it('refuses a level lower than the casualties require, on the level field', () => {
    const r = schema.safeParse({ ...base, level: 'IV', casualties: { deaths: 35 } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues).toHaveLength(1);
      expect(r.error.issues[0]?.path).toEqual(['level']);
      expect(r.error.issues[0]?.message).toContain('Level I');
    }
    expect(schema.safeParse({ ...base, level: 'I', casualties: { deaths: 2 } }).success).toBe(true);
    expect(schema.safeParse({ ...base, casualties: { deaths: 35 } }).success).toBe(true);
  });

  it('has a default instance on the real clock', () => {
    expect(incidentCreateSchema.safeParse(base).success).toBe(true);
    const farFuture = new Date(Date.now() + 3_600_000).toISOString();
    expect(incidentCreateSchema.safeParse({ ...base, occurredAt: farFuture }).success).toBe(false);
  });
});

describe('publicReportSchema', () => {
  const base = { category: 'chemical_smell', description: '小区附近有刺鼻气味', lon: 116.4, lat: 39.9 };

  it('has bilingual categories, each mapped to an incident type or none', () => {
    expect(publicReportCategories.codes).toEqual([
      'fire',
      'flood',
      'landslide',
      'road_collapse',
      'chemical_smell',
      'injured_people',
      'other',
    ]);
    for (const c of publicReportCategories.codes) {
      const t = reportCategoryIncidentType[c];
      if (t !== null) expect(incidentTypes.codes).toContain(t);
    }
  });

  it('accepts a report, trims it, and drops an empty contact', () => {
    expect(publicReportSchema.parse({ ...base, description: '  有气味 ', contact: ' 13800138000 ' })).toEqual(
      {
        ...base,
        description: '有气味',
        contact: '13800138000',
      },
    );
    expect(publicReportSchema.parse({ ...base, contact: '  ' }).contact).toBeUndefined();
  });

  it('refuses bad input, naming the field', () => {
    const fails = (input: unknown) => {
      const r = publicReportSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(fails({ ...base, category: 'ufo' })).toEqual(['category']);
    expect(fails({ ...base, description: ' ' })).toEqual(['description']);
    expect(fails({ ...base, description: 'x'.repeat(1001) })).toEqual(['description']);
    expect(fails({ ...base, contact: 'x'.repeat(101) })).toEqual(['contact']);
    expect(fails({ ...base, lat: -91 })).toEqual(['lat']);
    expect(fails({ ...base, lon: Number.NaN })).toEqual(['lon']);
    expect(fails({ ...base, description: 'x'.repeat(1000) })).toEqual([]);
  });
});
