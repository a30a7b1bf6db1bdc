import { type AlarmSummary, type SensorKind, sensorKindDefaults } from '@onemap/domain';
import { formatNumber } from '../../i18n/format';
import type { Language, MessageKey } from '../../i18n/messages';

/** The rule names the API uses, with their labels; an unknown rule (a newer server) shows as sent. */
const ruleTitles: Record<string, MessageKey> = {
  threshold: 'alarm.rule.threshold',
  rate: 'alarm.rule.rate',
  offline: 'alarm.rule.offline',
};

export function ruleTitle(rule: string): MessageKey | null {
  return ruleTitles[rule] ?? null;
}

/**
 * The unit an alarm's values are in: the kind's unit for a threshold alarm, that unit per minute
 * for a rate alarm (its values are rates), none for an offline alarm (it has no values).
 */
export function alarmUnit(alarm: Pick<AlarmSummary, 'rule' | 'sensorKind'>): string {
  const unit = sensorKindDefaults[alarm.sensorKind as SensorKind]?.unit ?? '';
  if (alarm.rule === 'rate') return unit ? `${unit}/min` : '/min';
  return unit;
}

/** "5.62 m"; a dash when there is no value. */
export function formatValue(value: number | null, unit: string, lang: Language): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = formatNumber(value, lang);
  return unit ? `${text} ${unit}` : text;
}
