import { type SensorRuleKey, type SensorRules, type SensorRulesInput, sensorRuleKeys } from '@onemap/domain';
import type { MessageKey } from '../../i18n/messages';

/**
 * The rule editor's state: per rule, whether it follows the kind's default, and the text typed
 * for the sensor's own value. Blank text switches a rule off (offline detection, which cannot be
 * off, goes back to the kind instead).
 */
export type RulesDraft = Record<SensorRuleKey, { followKind: boolean; text: string }>;

export function draftOf(rules: SensorRules, overridden: readonly SensorRuleKey[]): RulesDraft {
  const draft = {} as RulesDraft;
  for (const key of sensorRuleKeys) {
    const own = overridden.includes(key);
    const value = rules[key];
    draft[key] = { followKind: !own, text: own && value !== null ? String(value) : '' };
  }
  return draft;
}

/** Every rule back on the kind's default: what "reset" sends. */
export function followAll(draft: RulesDraft): RulesDraft {
  const out = {} as RulesDraft;
  for (const key of sensorRuleKeys) out[key] = { followKind: true, text: draft[key].text };
  return out;
}

export type RulesParse =
  | { ok: true; input: SensorRulesInput }
  | { ok: false; errors: Partial<Record<SensorRuleKey, MessageKey>> };

/** "4.5", " 4,5 " (a decimal comma, as some keyboards type it) → 4.5; anything else → NaN. */
function parseNumber(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The `setSensorRules` input for a draft, or why it cannot be sent, by field. Checked as the API
 * checks it: numbers finite, the rate positive, offline a whole 1–1000 intervals, and the warning
 * below the alarm once the kind's values fill the rules that follow the kind.
 */
export function parseRulesDraft(code: string, draft: RulesDraft, kind: SensorRules): RulesParse {
  const input: SensorRulesInput = { code };
  const errors: Partial<Record<SensorRuleKey, MessageKey>> = {};
  const effective: SensorRules = { ...kind };
  for (const key of sensorRuleKeys) {
    const field = draft[key];
    if (field.followKind) continue;
    if (field.text.trim() === '') {
      if (key === 'offlineAfterIntervals') continue;
      input[key] = null;
      effective[key] = null;
      continue;
    }
    const n = parseNumber(field.text);
    if (!Number.isFinite(n)) {
      errors[key] = 'monitor.rules.notNumber';
    } else if (key === 'ratePerMin' && n <= 0) {
      errors[key] = 'monitor.rules.positive';
    } else if (key === 'offlineAfterIntervals' && (!Number.isInteger(n) || n < 1 || n > 1000)) {
      errors[key] = 'monitor.rules.intervals';
    } else {
      input[key] = n;
      effective[key] = n;
    }
  }
  if (!errors.warn && !errors.alarm && effective.warn !== null && effective.alarm !== null) {
    if (effective.warn >= effective.alarm) errors.warn = 'monitor.rules.warnBelowAlarm';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
