import { type Language, localeOf } from './messages';

/** Operators work in Beijing time whatever the browser's zone; the wire carries UTC. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoTime(value: string): boolean {
  return ISO_TIME.test(value);
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(withSeconds: boolean): Intl.DateTimeFormat {
  const key = String(withSeconds);
  let f = timeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: withSeconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    });
    timeFormatters.set(key, f);
  }
  return f;
}

/**
 * "2024-05-01 14:03:22" in Beijing time. The same numeric layout in both languages: duty logs and
 * radio read-backs compare times digit by digit.
 */
export function formatDateTime(time: Date | string, withSeconds = true): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) return String(time);
  const p: Record<string, string> = {};
  for (const part of partsFormatter(withSeconds).formatToParts(date)) p[part.type] = part.value;
  const clock = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${clock}`;
}

export function formatNumber(value: number, lang: Language): string {
  return value.toLocaleString(localeOf[lang], { maximumFractionDigits: 3 });
}
