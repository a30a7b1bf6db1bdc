import { type PublicReport, REPORT_PHOTO_MAX_BYTES } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  emptyReportDraft,
  locateProblemOf,
  looksLikePhoto,
  outcomeOf,
  PHOTO_MAX_MB,
  parseReportDraft,
  REPORTS_URL,
  type ReportDraft,
  reportRequest,
  roundedPoint,
  sendReport,
} from '../src/features/public-report/report-request';

const filled = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  category: 'flood',
  description: '  路口积水已没过膝盖  ',
  contact: '',
  point: [120.2, 30.26],
  ...over,
});

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);
const JPEG_HEAD = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1);
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
const WEBP_HEAD = ascii('RIFF\x24\x00\x00\x00WEBP');

describe('checking the report form', () => {
  it('names every missing field in the UI language, location for both coordinates', () => {
    const parsed = parseReportDraft(emptyReportDraft);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        category: { key: 'report.error.category' },
        description: { key: 'report.error.description' },
        location: { key: 'report.error.location' },
      },
    });
  });

  it('treats a description of blanks as empty', () => {
    const parsed = parseReportDraft(filled({ description: '   \n ' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ description: { key: 'report.error.description' } });
  });

  it('says how long a field may be, with the limit from the schema', () => {
    const parsed = parseReportDraft(filled({ description: 'x'.repeat(1001), contact: '1'.repeat(101) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.description).toEqual({ key: 'report.error.tooLong', params: { max: 1000 } });
      expect(parsed.errors.contact).toEqual({ key: 'report.error.tooLong', params: { max: 100 } });
    }
  });

  it('gives the report as the API takes it: trimmed, an empty contact left out', () => {
    expect(parseReportDraft(filled())).toEqual({
      ok: true,
      report: {
        category: 'flood',
        description: '路口积水已没过膝盖',
        lon: 120.2,
        lat: 30.26,
        contact: undefined,
      },
    });
    const withContact = parseReportDraft(filled({ contact: ' 138 0000 0000 ' }));
    expect(withContact.ok && withContact.report.contact).toBe('138 0000 0000');
  });

  it('rounds a picked point to six decimals', () => {
    expect(roundedPoint(120.123456789, -30.987654321)).toEqual([120.123457, -30.987654]);
  });
});

describe('checking a photo before it is uploaded', () => {
  it('knows JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(looksLikePhoto(JPEG_HEAD)).toBe(true);
    expect(looksLikePhoto(PNG_HEAD)).toBe(true);
    expect(looksLikePhoto(WEBP_HEAD)).toBe(true);
    expect(looksLikePhoto(ascii('this is a text file'))).toBe(false);
    expect(looksLikePhoto(ascii('RIFF\x24\x00\x00\x00WAVE'))).toBe(false);
    expect(looksLikePhoto(new Uint8Array())).toBe(false);
  });

  it('refuses a type the API does not take, a photo over the limit, and a renamed file', () => {
    expect(checkPhoto({ type: 'image/gif', size: 100 }, JPEG_HEAD)).toEqual({
      key: 'report.error.photoType',
    });
    expect(checkPhoto({ type: '', size: 100 }, JPEG_HEAD)).toEqual({ key: 'report.error.photoType' });
    expect(checkPhoto({ type: 'image/jpeg', size: REPORT_PHOTO_MAX_BYTES + 1 }, JPEG_HEAD)).toEqual({
      key: 'report.error.photoSize',
      params: { max: 8 },
    });
    // A text file renamed .jpg: the browser calls it image/jpeg by its name.
    expect(checkPhoto({ type: 'image/jpeg', size: 19 }, ascii('this is a text file'))).toEqual({
      key: 'report.error.photoContent',
    });
  });

  it('takes a photo at the limit, whatever its extension says among the three', () => {
    expect(checkPhoto({ type: 'image/jpeg', size: REPORT_PHOTO_MAX_BYTES }, JPEG_HEAD)).toBeNull();
    // A PNG saved as .jpg is still a PNG, which the API takes.
    expect(checkPhoto({ type: 'image/jpeg', size: 1000 }, PNG_HEAD)).toBeNull();
    expect(checkPhoto({ type: 'image/webp', size: 1000 }, WEBP_HEAD)).toBeNull();
    expect(PHOTO_MAX_MB).toBe(8);
  });
});

describe('the request', () => {
  const report: PublicReport = {
    category: 'fire',
    description: '仓库冒烟',
    lon: 120.2,
    lat: 30.26,
    contact: undefined,
  };

  it('is JSON without a photo', () => {
    const init = reportRequest(report, null);
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('omit');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toStrictEqual({
      category: 'fire',
      description: '仓库冒烟',
      lon: 120.2,
      lat: 30.26,
    });
  });

  it('is a form with the same fields as text and the photo as `photo`', async () => {
    const photo = new Blob([JPEG_HEAD], { type: 'image/jpeg' });
    const init = reportRequest({ ...report, contact: '13800000000' }, photo);
    expect(init.method).toBe('POST');
    // The browser writes the multipart content type with its boundary.
    expect(init.headers).toBeUndefined();
    const form = init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get('category')).toBe('fire');
    expect(form.get('description')).toBe('仓库冒烟');
    expect(form.get('lon')).toBe('120.2');
    expect(form.get('lat')).toBe('30.26');
    expect(form.get('contact')).toBe('13800000000');
    const sent = form.get('photo') as File;
    expect(sent.name).toBe('photo');
    expect(sent.type).toBe('image/jpeg');
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(JPEG_HEAD);
  });

  it('leaves out a contact that was not given', () => {
    const form = reportRequest(report, new Blob([JPEG_HEAD], { type: 'image/jpeg' })).body as FormData;
    expect(form.has('contact')).toBe(false);
  });
});

describe('the answer in words', () => {
  const receipt = { reference: 'R7K3QX2M9A', receivedAt: '2024-05-01T06:03:22.000Z', status: 'pending' };

  it('gives the receipt of an accepted report', () => {
    expect(outcomeOf(202, receipt)).toEqual({ kind: 'received', receipt });
  });

  it('does not take a broken 2xx answer for a receipt', () => {
    expect(outcomeOf(202, null)).toMatchObject({ kind: 'refused', message: 'report.failed' });
    expect(outcomeOf(202, { ...receipt, status: 'lost' })).toMatchObject({ message: 'report.failed' });
    expect(outcomeOf(202, { ...receipt, receivedAt: 'yesterday' })).toMatchObject({
      message: 'report.failed',
    });
  });

  it('marks the fields a 400 names, coordinates as the location', () => {
    const body = {
      error: 'bad_request',
      message: 'lon: …; description: …',
      fields: ['lon', 'description', 'lat'],
    };
    expect(outcomeOf(400, body)).toEqual({
      kind: 'refused',
      message: 'report.refused.invalid',
      fields: { location: { key: 'report.error.server' }, description: { key: 'report.error.server' } },
    });
    expect(outcomeOf(400, { error: 'bad_request', fields: ['(body)'] })).toEqual({
      kind: 'refused',
      message: 'report.refused.invalid',
      fields: {},
    });
  });

  it('puts a refused photo next to the photo', () => {
    const on = (status: number) => outcomeOf(status, { error: 'x', message: 'y', fields: ['photo'] });
    expect(on(413)).toEqual({
      kind: 'refused',
      message: 'report.refused.tooLarge',
      fields: { photo: { key: 'report.error.photoSize', params: { max: 8 } } },
    });
    expect(on(415)).toEqual({
      kind: 'refused',
      message: 'report.refused.notImage',
      fields: { photo: { key: 'report.error.photoContent' } },
    });
  });

  it('asks to try later (or call) when a source sent too many, and to retry on anything else', () => {
    expect(outcomeOf(429, { error: 'too_many_reports', fields: ['(body)'] })).toEqual({
      kind: 'refused',
      message: 'report.refused.tooMany',
      fields: {},
    });
    for (const status of [0, 500, 502, 503, 404]) {
      expect(outcomeOf(status, null)).toEqual({ kind: 'refused', message: 'report.failed', fields: {} });
    }
  });
});

describe('sending', () => {
  const someReport: PublicReport = {
    category: 'other',
    description: 'x',
    lon: 1,
    lat: 2,
    contact: undefined,
  };

  it('posts to the report intake and reads the answer', async () => {
    const calls: Array<[string, RequestInit | undefined]> = [];
    const fetcher = (async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(
        JSON.stringify({ reference: 'R0000000000', receivedAt: '2024-05-01T06:03:22Z', status: 'pending' }),
        { status: 202 },
      );
    }) as typeof fetch;
    const outcome = await sendReport(someReport, null, fetcher);
    expect(outcome.kind).toBe('received');
    expect(calls.map(([url]) => url)).toEqual([REPORTS_URL]);
  });

  it('answers a network failure or a body that is not JSON in words too', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const proxy = (async () => new Response('<html>Bad gateway</html>', { status: 502 })) as typeof fetch;
    expect(await sendReport(someReport, null, offline)).toMatchObject({ message: 'report.failed' });
    expect(await sendReport(someReport, null, proxy)).toMatchObject({ message: 'report.failed' });
  });
});

describe('the device position', () => {
  it('tells a refusal from a position that could not be found', () => {
    expect(locateProblemOf(1)).toBe('report.locate.denied');
    expect(locateProblemOf(2)).toBe('report.locate.unavailable');
    expect(locateProblemOf(3)).toBe('report.locate.unavailable');
  });
});
