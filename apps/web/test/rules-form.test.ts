import { kindRules } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import {
  draftOf,
  followAll,
  parseRulesDraft,
  type RulesDraft,
} from '../src/features/sensor-monitor/rules-form';

const kind = kindRules.water_level;

function draft(over: Partial<RulesDraft>): RulesDraft {
  return { ...draftOf(kind, []), ...over };
}

describe('the rule editor', () => {
  it('starts from the sensor: its own rules filled in, the others following the kind', () => {
    const d = draftOf({ ...kind, alarm: 6, ratePerMin: null }, ['alarm', 'ratePerMin']);
    expect(d.alarm).toEqual({ followKind: false, text: '6' });
    expect(d.ratePerMin).toEqual({ followKind: false, text: '' });
    expect(d.warn.followKind).toBe(true);
  });

  it('sends only the rules set on the sensor: numbers, and blank as off', () => {
    const parsed = parseRulesDraft(
      'WL-1',
      draft({ alarm: { followKind: false, text: ' 6,5 ' }, ratePerMin: { followKind: false, text: '' } }),
      kind,
    );
    expect(parsed).toEqual({ ok: true, input: { code: 'WL-1', alarm: 6.5, ratePerMin: null } });
  });

  it('sends nothing but the code when every rule follows the kind (reset)', () => {
    const own = draft({ warn: { followKind: false, text: '3' } });
    expect(parseRulesDraft('WL-1', followAll(own), kind)).toEqual({ ok: true, input: { code: 'WL-1' } });
  });

  it('never switches offline detection off: blank goes back to the kind', () => {
    const parsed = parseRulesDraft(
      'WL-1',
      draft({ offlineAfterIntervals: { followKind: false, text: '' } }),
      kind,
    );
    expect(parsed).toEqual({ ok: true, input: { code: 'WL-1' } });
  });

  it('names the field of each mistake', () => {
    const parsed = parseRulesDraft(
      'WL-1',
      draft({
        alarm: { followKind: false, text: 'high' },
        ratePerMin: { followKind: false, text: '-1' },
        offlineAfterIntervals: { followKind: false, text: '2.5' },
      }),
      kind,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        alarm: 'monitor.rules.notNumber',
        ratePerMin: 'monitor.rules.positive',
        offlineAfterIntervals: 'monitor.rules.intervals',
      },
    });
  });

  it('keeps the warning below the alarm, counting the kind values a rule follows', () => {
    // The kind's alarm is 5.5: a warning of 6 on its own crosses it.
    const parsed = parseRulesDraft('WL-1', draft({ warn: { followKind: false, text: '6' } }), kind);
    expect(parsed).toEqual({ ok: false, errors: { warn: 'monitor.rules.warnBelowAlarm' } });
    // With the alarm switched off, any warning is fine.
    const off = parseRulesDraft(
      'WL-1',
      draft({ warn: { followKind: false, text: '6' }, alarm: { followKind: false, text: '' } }),
      kind,
    );
    expect(off.ok).toBe(true);
  });
});
