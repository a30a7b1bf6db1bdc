import {
  type PublicReport,
  type PublicReportCategory,
  publicReportSchema,
  REPORT_PHOTO_MAX_BYTES,
  type ReportReceipt,
  reportPhotoTypes,
  reportStatuses,
} from '@onemap/domain';
import type { MessageKey } from '../../i18n/messages';

/**
 * The public report form as pure rules: checking it with the API's own schema, checking a photo
 * before it is uploaded, building the request (JSON, or a form when a photo goes with it), and
 * turning the API's answer into what the reporter is told.
 */

export const REPORTS_URL = '/api/v1/reports';

export interface ReportDraft {
  category: PublicReportCategory | '';
  description: string;
  contact: string;
  /** [lon, lat], picked on the map or read from the device; null until chosen. */
  point: readonly [number, number] | null;
}

export const emptyReportDraft: ReportDraft = { category: '', description: '', contact: '', point: null };

/** The parts of the form a complaint can name; `location` stands for both coordinates. */
export type ReportField = 'category' | 'description' | 'location' | 'photo' | 'contact';

/** The fields in the order they appear, so the first complaint is the one nearest the top. */
export const reportFields: readonly ReportField[] = [
  'category',
  'description',
  'location',
  'photo',
  'contact',
];

/** A complaint in the UI's words: a message key and what fills it. */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, number>;
}

export type ReportErrors = Partial<Record<ReportField, FieldProblem>>;

/** The photo limit in whole MiB, as the reporter reads it. */
export const PHOTO_MAX_MB = REPORT_PHOTO_MAX_BYTES / (1024 * 1024);

/** The API's field paths (and the multipart part names) as form fields. */
function fieldOfPath(path: string): ReportField | null {
  if (path === 'lon' || path === 'lat') return 'location';
  return (reportFields as readonly string[]).includes(path) ? (path as ReportField) : null;
}

/** Six decimals is about 0.1 m: finer than any tap or fix, and short on the wire. */
export function roundedPoint(lon: number, lat: number): [number, number] {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return [round(lon), round(lat)];
}

type ParseResult = ReturnType<typeof publicReportSchema.safeParse>;
type SchemaIssue = NonNullable<ParseResult['error']>['issues'][number];

/**
 * The schema's messages are English, for API clients; the public reads each field's complaint in
 * the UI's language, so a field's issue is translated by its kind.
 */
function problemOf(field: ReportField, issue: SchemaIssue): FieldProblem {
  if (issue.code === 'too_big')
    return { key: 'report.error.tooLong', params: { max: Number(issue.maximum) } };
  switch (field) {
    case 'category':
      return { key: 'report.error.category' };
    case 'description':
      return { key: 'report.error.description' };
    case 'location':
      return { key: 'report.error.location' };
    default:
      return { key: 'report.error.server' };
  }
}

export type ParsedReport = { ok: true; report: PublicReport } | { ok: false; errors: ReportErrors };

/** Checks the form with the API's own schema, so a refusal is known before anything is sent. */
export function parseReportDraft(draft: ReportDraft): ParsedReport {
  const result = publicReportSchema.safeParse({
    category: draft.category,
    description: draft.description,
    lon: draft.point?.[0],
    lat: draft.point?.[1],
    contact: draft.contact,
  });
  if (result.success) return { ok: true, report: result.data };
  const errors: ReportErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldOfPath(String(issue.path[0] ?? ''));
    if (field) errors[field] ??= problemOf(field, issue);
  }
  return { ok: false, errors };
}

/** Enough leading bytes of a file to tell the three formats taken apart. */
export const PHOTO_HEAD_BYTES = 12;

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/**
 * Whether a file starts like a JPEG, PNG or WebP. The browser names a file's type by its
 * extension, so a text file renamed .jpg arrives as image/jpeg; the API checks these same bytes,
 * and checking them here spares the reporter an upload that would be refused.
 */
export function looksLikePhoto(head: Uint8Array): boolean {
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const png = latin1(head, 0, 8) === '\x89PNG\r\n\x1a\n';
  const webp = latin1(head, 0, 4) === 'RIFF' && latin1(head, 8, 12) === 'WEBP';
  return jpeg || png || webp;
}

/** Why a chosen photo cannot go, or null: its type as the browser names it, its size, its bytes. */
export function checkPhoto(file: Pick<Blob, 'type' | 'size'>, head: Uint8Array): FieldProblem | null {
  if (!(reportPhotoTypes as readonly string[]).includes(file.type)) return { key: 'report.error.photoType' };
  if (file.size > REPORT_PHOTO_MAX_BYTES)
    return { key: 'report.error.photoSize', params: { max: PHOTO_MAX_MB } };
  if (!looksLikePhoto(head)) return { key: 'report.error.photoContent' };
  return null;
}

/**
 * The request for a checked report: JSON when there is no photo, else a multipart form with the
 * same fields as text parts and the photo as `photo`. The browser writes the form's content type
 * (with its boundary) itself. Cookies stay home: a report is nobody's, whoever's browser sends it.
 */
export function reportRequest(report: PublicReport, photo: Blob | null): RequestInit {
  const base = { method: 'POST', credentials: 'omit' } as const;
  if (!photo) {
    return { ...base, headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) };
  }
  const form = new FormData();
  form.set('category', report.category);
  form.set('description', report.description);
  form.set('lon', String(report.lon));
  form.set('lat', String(report.lat));
  if (report.contact !== undefined) form.set('contact', report.contact);
  // The phone's file name (often a date and a device) says nothing an operator needs.
  form.set('photo', photo, 'photo');
  return { ...base, body: form };
}

export type ReportOutcome =
  | { kind: 'received'; receipt: ReportReceipt }
  /** `message` says what happened and what to do; `fields` marks the fields it was about. */
  | { kind: 'refused'; message: MessageKey; fields: ReportErrors };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The receipt as the API sends it; anything else from a 2xx is a broken answer, not a receipt. */
function receiptOf(body: unknown): ReportReceipt | null {
  if (!isObject(body)) return null;
  const { reference, receivedAt, status } = body;
  if (typeof reference !== 'string' || reference === '') return null;
  if (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt))) return null;
  const parsedStatus = reportStatuses.schema.safeParse(status);
  return parsedStatus.success ? { reference, receivedAt, status: parsedStatus.data } : null;
}

/** The fields a refusal names (`fields` of the API's error body), each marked with `problem`. */
function markedFields(body: unknown, problem: FieldProblem): ReportErrors {
  const named = isObject(body) && Array.isArray(body.fields) ? body.fields : [];
  const errors: ReportErrors = {};
  for (const path of named) {
    const field = typeof path === 'string' ? fieldOfPath(path.split('.')[0] ?? '') : null;
    if (field) errors[field] ??= problem;
  }
  return errors;
}

/** What the reporter is told for the API's answer; status 0 stands for no answer at all. */
export function outcomeOf(status: number, body: unknown): ReportOutcome {
  const refused = (message: MessageKey, fields: ReportErrors = {}): ReportOutcome => ({
    kind: 'refused',
    message,
    fields,
  });
  if (status >= 200 && status < 300) {
    const receipt = receiptOf(body);
    return receipt ? { kind: 'received', receipt } : refused('report.failed');
  }
  switch (status) {
    case 400:
      return refused('report.refused.invalid', markedFields(body, { key: 'report.error.server' }));
    case 413:
      return refused(
        'report.refused.tooLarge',
        markedFields(body, { key: 'report.error.photoSize', params: { max: PHOTO_MAX_MB } }),
      );
    case 415:
      return refused('report.refused.notImage', markedFields(body, { key: 'report.error.photoContent' }));
    case 429:
      return refused('report.refused.tooMany');
    default:
      return refused('report.failed');
  }
}

/** Sends a checked report and says how it went; a network failure is an answer too. */
export async function sendReport(
  report: PublicReport,
  photo: Blob | null,
  fetcher: typeof fetch = fetch,
): Promise<ReportOutcome> {
  let response: Response;
  try {
    response = await fetcher(REPORTS_URL, reportRequest(report, photo));
  } catch {
    return outcomeOf(0, null);
  }
  const body: unknown = await response.json().catch(() => null);
  return outcomeOf(response.status, body);
}

/** Why the device's position could not be read, by the Geolocation API's error code. */
export function locateProblemOf(code: number): MessageKey {
  // 1 is PERMISSION_DENIED, which browsers also answer on a page not served over HTTPS.
  return code === 1 ? 'report.locate.denied' : 'report.locate.unavailable';
}
