import { type Language, localeOf } from './messages';

const formatters = new Map<Language, Intl.RelativeTimeFormat>();

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How long ago `time` is at `now`, in its largest whole unit: "3 分钟前",
 * "2 hours ago". Beside an absolute time it answers "how fresh is this" at a glance.
 *
 * @example formatRelativeTime('2024-05-01T06:00:00Z', Date.parse('2024-05-01T06:03:10Z'), 'en') === '3 minutes ago'
 */
export function formatRelativeTime(time: string | Date, now: number, lang: Language): string {
  const at = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(at)) return String(time);
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(localeOf[lang], { numeric: 'auto' });
    formatters.set(lang, f);
  }
  // Nothing shown this way lies ahead: a time a little in the future is the server's clock running
  // ahead of this screen's, and reads as "now".
  const seconds = Math.min(0, Math.round((at - now) / 1000));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return f.format(Math.trunc(seconds / size), unit);
  }
  return f.format(0, 'second');
}
