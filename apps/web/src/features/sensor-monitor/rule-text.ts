import type { SensorRuleKey } from '@onemap/domain';
import { formatNumber } from '../../i18n/format';
import type { Language, MessageKey } from '../../i18n/messages';

export const ruleTitles: Record<SensorRuleKey, MessageKey> = {
  warn: 'monitor.rules.warn',
  alarm: 'monitor.rules.alarm',
  ratePerMin: 'monitor.rules.rate',
  offlineAfterIntervals: 'monitor.rules.offline',
};

/** A rule's value as read out: "5.5 m", "0.02 m/min", "3 intervals", or "off". */
export function ruleText(
  key: SensorRuleKey,
  value: number | null,
  unit: string,
  lang: Language,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (value === null) return t('monitor.rules.off');
  const n = formatNumber(value, lang);
  if (key === 'offlineAfterIntervals') return t('monitor.rules.intervalsValue', { count: n });
  if (key === 'ratePerMin') return `${n} ${unit}/min`;
  return unit ? `${n} ${unit}` : n;
}
