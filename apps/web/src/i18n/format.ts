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

/** Beijing is UTC+8 all year (no daylight saving), so a wall-clock time converts with a fixed offset. */
const BEIJING_OFFSET = '+08:00';
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A `datetime-local` value read as Beijing time, as the API's UTC instant; undefined for blank or
 * malformed input. Operators think in Beijing time whatever zone the browser is set to.
 *
 * @example beijingToIso('2024-05-01T14:03') === '2024-05-01T06:03:00.000Z'
 */
export function beijingToIso(local: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local.trim());
  if (!m) return undefined;
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}${BEIJING_OFFSET}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * An instant as a `datetime-local` value in Beijing time, to the minute: the inverse of
 * `beijingToIso`.
 *
 * @example beijingLocal(new Date('2024-05-01T06:03:00Z')) === '2024-05-01T14:03'
 */
export function beijingLocal(time: Date): string {
  return new Date(time.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}
