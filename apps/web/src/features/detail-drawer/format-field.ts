import type { FieldValue } from '@onemap/domain';
import { formatDateTime, formatNumber, isIsoTime } from '../../i18n/format';
import { type Language, translate } from '../../i18n/messages';

/** A detail field as the drawer shows it: labels in the UI language, times in Beijing time, units. */
export function formatFieldValue(value: FieldValue, lang: Language, unit?: string): string {
  if (value === null || value === '') return translate(lang, 'detail.empty');
  let text: string;
  if (typeof value === 'object') text = value[lang];
  else if (typeof value === 'boolean') text = translate(lang, value ? 'detail.yes' : 'detail.no');
  else if (typeof value === 'number') text = formatNumber(value, lang);
  else if (isIsoTime(value)) return formatDateTime(value);
  else text = value;
  return unit ? `${text} ${unit}` : text;
}
