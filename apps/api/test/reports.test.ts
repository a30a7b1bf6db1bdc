import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import {
  incidentClassOfType,
  type PublicReport,
  REPORT_PHOTO_MAX_BYTES,
  REPORTS_PER_SOURCE_PER_HOUR,
  type ReportCluster,
  type ReportReceipt,
  type ReportView,
} from '@onemap/domain';
import { haversineKm } from '@onemap/geo';
import { testEngine } from '@onemap/prisma/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalOperationsChange } from '../src/events/operations.js';
import { sourceHashOf } from '../src/http/reports.js';
import { PhotoRefusal, preparePhoto } from '../src/services/report-photos.js';
import {
  linkReportsToIncident,
  listReports,
  ReportFloodError,
  submitReport,
} from '../src/services/reports.js';
import { NATIONAL_SCOPE } from '../src/services/scope.js';
import { type Harness, startHarness, type TrpcResponse, trpcMutation, trpcQuery } from './harness.js';

const HANGZHOU: [number, number] = [120.16, 30.27];
const GUANGZHOU: [number, number] = [113.26, 23.13];
/** The South Atlantic: in no region. */
const OPEN_SEA: [number, number] = [-20, -40];

const report = (at: [number, number], over: Partial<PublicReport> = {}): PublicReport => ({
  category: 'flood',
  description: '路面积水严重，车辆无法通行',
  lon: at[0],
  lat: at[1],
  contact: '13812345678',
  ...over,
});

/**
 * A JPEG as a phone writes it: a few MB (noise compresses as badly as a real scene), turned by its
 * EXIF orientation, with the place and the owner in it.
 */
async function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: {
      width: 2400,
      height: 1800,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Artist: 'Zhang Wei PRIVATE', Make: 'PhoneMaker', Model: 'P40 SECRET' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 16/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '120/1 9/1 36/1',
        GPSMapDatum: 'WGS-84 GPSMARK',
      },
    })
    .toBuffer();
}

/** A PNG whose header claims `side` × `side` pixels, with hardly any data behind it. */
function pngClaiming(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface FilePart {
  name?: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body as a browser sends it. */
function form(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----onemap-${randomUUID()}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'photo'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const formFields = (at: [number, number], over: Record<string, string> = {}) => ({
  category: 'fire',
  description: '看到浓烟，疑似起火',
  lon: String(at[0]),
  lat: String(at[1]),
  ...over,
});

const data = <T>(res: TrpcResponse) => {
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body.error)}`);
  return res.body.result?.data as T;
};

describe(`public reports on ${testEngine}`, () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  /** Each test sends from its own address, so the intake's per-minute limit is only met on purpose. */
  let lastAddress = 0;
  const nextAddress = () => `10.20.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;

  beforeAll(async () => {
    h = await startHarness();
    for (const user of ['admin', 'zj_duty', 'sc_duty', 'analyst', 'hz_field'])
      tokens[user] = await h.tokenFor(user);
  });
  afterAll(() => h?.close());

  const post = (body: { payload: unknown; headers?: Record<string, string> }, from = nextAddress()) =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      remoteAddress: from,
      payload: body.payload as string,
      headers: body.headers ?? {},
    });
  const postJson = (payload: unknown, from?: string) => post({ payload }, from);
  const count = async () =>
    (await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM public_report'))[0]?.n ?? 0;
  const stored = async (reference: string) =>
    (
      await h.db.sql.query<{
        id: number;
        region_code: string | null;
        source_hash: string;
        status: string;
        contact: string | null;
        description: string;
      }>(
        'SELECT id, region_code, source_hash, status, contact, description FROM public_report WHERE reference = $1',
        [reference],
      )
    )[0];
  const statusOf = async (ids: number[]) =>
    (
      await h.db.sql.query<{ id: number; status: string }>(
        'SELECT id, status FROM public_report WHERE id = ANY($1::int[]) ORDER BY id',
        [ids],
      )
    ).map((r) => r.status);
  /** Stores a report as the intake would, from a source of its own. */
  const submitted = async (at: [number, number], over: Partial<PublicReport> = {}) =>
    (await submitReport(h.db.sql, report(at, over), null, `test-${randomUUID()}`)).id;
  const queue = (user: string, input: unknown = { limit: 1000 }) =>
    trpcQuery(h, 'reports.queue', input, tokens[user]).then((r) =>
      data<{ reports: ReportView[]; clusters: ReportCluster[] }>(r),
    );
  const mutate = (path: string, input: unknown, user = 'zj_duty') =>
    trpcMutation(h, `reports.${path}`, input, tokens[user]);
  /** Records what is published on the operations bus while `fn` runs. */
  const published = async (fn: () => Promise<unknown>) => {
    const seen: RegionalOperationsChange[] = [];
    const off = h.operations.subscribe((changes) => seen.push(...changes));
    try {
      await fn();
    } finally {
      off();
    }
    return seen;
  };

  describe('intake', () => {
    it('accepts a JSON report with 202 and a reference, placing it in the most specific region', async () => {
      let res: Awaited<ReturnType<typeof postJson>> | undefined;
      const changes = await published(async () => {
        res = await postJson(report(HANGZHOU, { contact: ' 13812345678 ' }));
      });
      expect(res?.statusCode).toBe(202);
      const receipt = res?.json() as ReportReceipt;
      expect(receipt.reference).toMatch(/^R[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(receipt.status).toBe('pending');
      expect(Math.abs(Date.parse(receipt.receivedAt) - Date.now())).toBeLessThan(60_000);
      const row = await stored(receipt.reference);
      expect(row?.region_code).toMatch(/^3301\d\d$/);
      expect(row?.region_code).not.toBe('330100');
      expect(row?.source_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row?.contact).toBe('13812345678');
      expect(changes).toEqual([
        { kind: 'report', id: row?.id, status: 'pending', regionCode: row?.region_code },
      ]);
    });

    it('keeps a report from outside every region, for the national level only', async () => {
      const res = await postJson(report(OPEN_SEA));
      expect(res.statusCode).toBe(202);
      const row = await stored((res.json() as ReportReceipt).reference);
      expect(row?.region_code).toBeNull();
      const national = await queue('admin');
      expect(national.reports.map((r) => r.id)).toContain(row?.id);
      expect((await queue('zj_duty')).reports.map((r) => r.id)).not.toContain(row?.id);
    });

    it('takes a form with a photo, keeping it upright, smaller and without its metadata', async () => {
      const original = await phonePhoto();
      expect(await sharp(original).metadata()).toMatchObject({ width: 2400, height: 1800, orientation: 6 });
      expect((await sharp(original).metadata()).exif).toBeDefined();
      expect(original.includes('PRIVATE')).toBe(true);
      // Bigger than the API's 1 MiB body limit, which a form's photo does not go through.
      expect(original.length).toBeGreaterThan(2 * 1024 * 1024);
      const res = await post(
        form(formFields(HANGZHOU, { description: '仓库冒出黑烟' }), {
          filename: 'IMG_0001.JPG',
          type: 'image/jpeg',
          bytes: original,
        }),
      );
      expect(res.statusCode).toBe(202);
      const row = await stored((res.json() as ReportReceipt).reference);
      expect(row?.description).toBe('仓库冒出黑烟');
      expect(row?.contact).toBeNull();
      const [photo] = await h.db.sql.query<{
        mime: string;
        width: number;
        height: number;
        bytes: Uint8Array;
      }>('SELECT mime, width, height, bytes FROM public_report_photo WHERE report_id = $1', [row?.id]);
      expect(photo).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 1600 });
      const bytes = Buffer.from(photo?.bytes as Uint8Array);
      expect(bytes.length).toBeLessThan(original.length / 2);
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 });
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      for (const secret of ['PRIVATE', 'SECRET', 'GPSMARK', 'PhoneMaker', 'Exif']) {
        expect(bytes.includes(secret), secret).toBe(false);
      }

      const photoUrl = `/api/v1/reports/${row?.id}/photo`;
      const get = (user?: string) =>
        h.server.app.inject({
          method: 'GET',
          url: photoUrl,
          headers: user ? { authorization: `Bearer ${tokens[user]}` } : {},
        });
      const served = await get('zj_duty');
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('private, max-age=3600');
      expect(served.rawPayload.equals(bytes)).toBe(true);
      expect((await get()).statusCode).toBe(401);
      expect((await get('analyst')).statusCode).toBe(403);
      expect((await get('hz_field')).statusCode).toBe(403);
      // Another province's operator is told there is no such photo, not that it is someone else's.
      expect((await get('sc_duty')).statusCode).toBe(404);
      expect((await get('admin')).statusCode).toBe(200);
      const listed = (await queue('zj_duty')).reports.find((r) => r.id === row?.id);
      expect(listed?.hasPhoto).toBe(true);
    });

    it('takes a form with no photo, and one whose file input was left empty', async () => {
      expect((await post(form(formFields(HANGZHOU)))).statusCode).toBe(202);
      const res = await post(
        form(formFields(HANGZHOU), {
          filename: '',
          type: 'application/octet-stream',
          bytes: Buffer.alloc(0),
        }),
      );
      expect(res.statusCode).toBe(202);
      const row = await stored((res.json() as ReportReceipt).reference);
      const [photo] = await h.db.sql.query('SELECT 1 FROM public_report_photo WHERE report_id = $1', [
        row?.id,
      ]);
      expect(photo).toBeUndefined();
    });

    it('refuses with 415 a file that is not an image, whatever its name and type say, storing nothing', async () => {
      const before = await count();
      const res = await post(
        form(formFields(HANGZHOU), {
          filename: 'x.jpg',
          type: 'image/jpeg',
          bytes: Buffer.from('this is not a photo at all, just text\n'),
        }),
      );
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ error: 'unsupported_media_type', fields: ['photo'] });
      expect(res.json().message).toContain('image/jpeg');
      const svg = await post(
        form(formFields(HANGZHOU), {
          filename: 'x.png',
          type: 'image/png',
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
        }),
      );
      expect(svg.statusCode).toBe(415);
      expect(await count()).toBe(before);
    });

    it('refuses with 413 a photo over the size limit, or one claiming absurd dimensions, storing nothing', async () => {
      const before = await count();
      const big = Buffer.alloc(REPORT_PHOTO_MAX_BYTES + 1, 0xff);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      const res = await post(
        form(formFields(HANGZHOU), { filename: 'big.jpg', type: 'image/jpeg', bytes: big }),
      );
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: 'too_large', fields: ['photo'] });
      const bomb = await post(
        form(formFields(HANGZHOU), { filename: 'a.png', type: 'image/png', bytes: pngClaiming(30_000) }),
      );
      expect(bomb.statusCode).toBe(413);
      expect(bomb.json().message).toContain('30000 × 30000 pixels');
      // A PNG of a sensible size, for comparison, is taken.
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
      const fine = await post(
        form(formFields(HANGZHOU), { filename: 'a.png', type: 'image/png', bytes: png }),
      );
      expect(fine.statusCode).toBe(202);
      expect(await count()).toBe(before + 1);
    });

    it('refuses bad fields with 400 naming each, storing nothing', async () => {
      const before = await count();
      const badLon = await postJson(report([200, 30]));
      expect(badLon.statusCode).toBe(400);
      expect(badLon.json()).toMatchObject({ error: 'bad_request', fields: ['lon'] });
      const badCategory = await postJson({ ...report(HANGZHOU), category: 'alien_landing' });
      expect(badCategory.statusCode).toBe(400);
      expect(badCategory.json().fields).toEqual(['category']);
      const empty = await postJson({ ...report(HANGZHOU), description: '   ' });
      expect(empty.json().fields).toEqual(['description']);
      const formLat = await post(form(formFields(HANGZHOU, { lat: 'north' })));
      expect(formLat.statusCode).toBe(400);
      expect(formLat.json().fields).toEqual(['lat']);
      const formLon = await post(form(formFields(HANGZHOU, { lon: '' })));
      expect(formLon.json().fields).toEqual(['lon']);
      const twice = await post(
        form(formFields(HANGZHOU), {
          name: 'category',
          filename: 'c.txt',
          type: 'text/plain',
          bytes: Buffer.from('fire'),
        }),
      );
      expect(twice.statusCode).toBe(400);
      expect(twice.json().fields).toEqual(['category']);
      const notJson = await post({
        payload: '{"category":',
        headers: { 'content-type': 'application/json' },
      });
      expect(notJson.statusCode).toBe(400);
      const xml = await post({ payload: '<report/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.statusCode).toBe(415);
      expect(await count()).toBe(before);
    });

    it('limits one address to 10 requests a minute', async () => {
      const from = nextAddress();
      const before = await count();
      for (let i = 0; i < 10; i++) {
        expect((await postJson({ ...report(HANGZHOU), category: 'nonsense' }, from)).statusCode).toBe(400);
      }
      const res = await postJson(report(HANGZHOU), from);
      expect(res.statusCode).toBe(429);
      expect(await count()).toBe(before);
      // Another address is not held back by this one.
      expect((await postJson(report(HANGZHOU))).statusCode).toBe(202);
    });
  });

  describe('floods from one source', () => {
    it(`refuses the ${REPORTS_PER_SOURCE_PER_HOUR + 1}th report of a source within an hour, and takes it an hour later`, async () => {
      const source = `flood-${randomUUID()}`;
      const t0 = new Date('2026-11-20T08:00:00Z');
      for (let i = 0; i < REPORTS_PER_SOURCE_PER_HOUR; i++) {
        await submitReport(h.db.sql, report(OPEN_SEA), null, source, new Date(t0.getTime() + i * 60_000));
      }
      const before = await count();
      const late = new Date(t0.getTime() + 59 * 60_000);
      await expect(submitReport(h.db.sql, report(OPEN_SEA), null, source, late)).rejects.toBeInstanceOf(
        ReportFloodError,
      );
      expect(await count()).toBe(before);
      // Another source is not held back by this one.
      await submitReport(h.db.sql, report(OPEN_SEA), null, `other-${randomUUID()}`, late);
      // An hour after the first, one more fits.
      await submitReport(h.db.sql, report(OPEN_SEA), null, source, new Date(t0.getTime() + 60 * 60_000 + 1));
      expect(await count()).toBe(before + 2);
    });

    it('answers 429 over HTTP for a source over its hourly limit, storing nothing', async () => {
      const from = nextAddress();
      for (let i = 0; i < REPORTS_PER_SOURCE_PER_HOUR; i++) {
        await submitReport(h.db.sql, report(OPEN_SEA), null, sourceHashOf(from));
      }
      const before = await count();
      const res = await postJson(report(HANGZHOU), from);
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ error: 'too_many_reports' });
      expect(res.json().message).toContain(`${REPORTS_PER_SOURCE_PER_HOUR} reports`);
      expect(await count()).toBe(before);
    });
  });

  describe('the review queue', () => {
    /** Points on the meridian through a quiet spot of Lishui, `km` north of its first. */
    const lishui = (km: number): [number, number] => [119.6, 28.1 + km / 111.195];
    /** And in Taizhou, far enough from Lishui for its own cluster. */
    const taizhou = (km: number): [number, number] => [121.1, 28.9 + km / 111.195];

    it('clusters 3 pending reports within 1 km of each other, and not 2', async () => {
      const before = await queue('zj_duty');
      const pendingNear = (p: [number, number]) =>
        before.reports.filter((r) => haversineKm([r.lon, r.lat], p) < 5);
      // The seed put no pending reports where this test puts its own.
      expect(pendingNear(lishui(0))).toEqual([]);
      expect(pendingNear(taizhou(0))).toEqual([]);
      const three = [
        await submitted(lishui(0), { category: 'flood' }),
        await submitted(lishui(0.9), { category: 'landslide' }),
        await submitted(lishui(1.8), { category: 'flood' }),
      ];
      const two = [await submitted(taizhou(0)), await submitted(taizhou(0.5))];
      const { reports, clusters } = await queue('zj_duty');
      const byId = new Map(reports.map((r) => [r.id, r]));
      expect(three.map((id) => byId.get(id)?.cluster)).toEqual([three[0], three[0], three[0]]);
      expect(two.map((id) => byId.get(id)?.cluster)).toEqual([null, null]);
      const cluster = clusters.find((c) => c.id === three[0]);
      expect(cluster).toMatchObject({
        reportIds: three,
        categories: ['flood', 'landslide'],
        suggestedType: 'flood',
      });
      expect(haversineKm([cluster?.lon as number, cluster?.lat as number], lishui(0.9))).toBeLessThan(0.01);
      // Contacts are in full for a duty officer.
      expect(byId.get(two[0] as number)?.contact).toBe('13812345678');
    });

    it('masks contacts for a caller without sensitive clearance', async () => {
      const id = await submitted(HANGZHOU);
      const masked = await listReports(h.db.sql, NATIONAL_SCOPE, { limit: 1000 }, false);
      expect(masked.find((r) => r.id === id)?.contact).toBe('138****5678');
    });

    it('shows a Guangdong report to the nation but not to Zhejiang', async () => {
      const res = await postJson(report(GUANGZHOU));
      const row = await stored((res.json() as ReportReceipt).reference);
      expect(row?.region_code).toMatch(/^4401/);
      expect((await queue('zj_duty')).reports.map((r) => r.id)).not.toContain(row?.id);
      expect((await queue('admin')).reports.find((r) => r.id === row?.id)?.regionName).toBeTruthy();
      const rejected = await mutate('reject', { ids: [row?.id], note: '不在本省' });
      expect(rejected.status).toBe(404);
      expect(await statusOf([row?.id as number])).toEqual(['pending']);
    });

    it('is only for those who review reports', async () => {
      expect((await trpcQuery(h, 'reports.queue', {}, tokens.analyst)).status).toBe(403);
      expect((await trpcQuery(h, 'reports.queue', {})).status).toBe(401);
    });
  });

  describe('rejecting', () => {
    it('rejects all or nothing', async () => {
      const [a, b, c] = [await submitted(HANGZHOU), await submitted(HANGZHOU), await submitted(HANGZHOU)] as [
        number,
        number,
        number,
      ];
      expect((await mutate('reject', { ids: [b], note: '重复上报' })).status).toBe(200);

      const conflict = await mutate('reject', { ids: [a, b, c], note: '误报' });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error?.message).toContain(`report ${b}`);
      expect(conflict.body.error?.message).toContain('rejected');
      expect(await statusOf([a, c])).toEqual(['pending', 'pending']);

      const missing = await mutate('reject', { ids: [a, 99_999_999], note: '误报' });
      expect(missing.status).toBe(404);
      expect(missing.body.error?.message).toContain('99999999');
      expect(await statusOf([a])).toEqual(['pending']);

      const noNote = await mutate('reject', { ids: [a], note: ' ' });
      expect(noNote.status).toBe(400);
      expect(noNote.body.error?.data.fields?.map((f) => f.path)).toEqual(['note']);

      let res: TrpcResponse | undefined;
      const changes = await published(async () => {
        res = await mutate('reject', { ids: [a, c], note: '误报' });
      });
      expect(data(res as TrpcResponse)).toEqual({
        reports: [
          { id: a, status: 'rejected' },
          { id: c, status: 'rejected' },
        ],
      });
      expect(changes.map((ch) => ch.kind === 'report' && ch.id).sort()).toEqual([a, c].sort());
      const rows = await h.db.sql.query<{ status: string; reviewed_by: string; review_note: string }>(
        'SELECT status, reviewed_by, review_note, reviewed_at FROM public_report WHERE id = ANY($1::int[])',
        [[a, c]],
      );
      expect(rows).toEqual([
        expect.objectContaining({ status: 'rejected', reviewed_by: 'zj_duty', review_note: '误报' }),
        expect.objectContaining({ status: 'rejected', reviewed_by: 'zj_duty', review_note: '误报' }),
      ]);
    });
  });

  describe('merging into an incident', () => {
    const incident = async (code: string, at: [number, number], regionCode: string, status = 'responding') =>
      (
        await h.db.sql.query<{ id: number }>(
          `INSERT INTO incident (code, title, class, type, level, status, region_code, occurred_at, location)
           VALUES ($1, '城区内涝', $2, 'flood', 'IV', $3, $4, now(), ST_SetSRID(ST_MakePoint($5, $6), 4326))
           RETURNING id`,
          [code, incidentClassOfType.flood, status, regionCode, at[0], at[1]],
        )
      )[0]?.id as number;
    const events = async (incidentId: number) =>
      h.db.sql.query<{ kind: string; actor: string; details: Record<string, unknown> }>(
        'SELECT kind, actor, details FROM incident_event WHERE incident_id = $1 ORDER BY id',
        [incidentId],
      );

    it('attaches reports to an open incident with one report_linked event each', async () => {
      const target = await incident(`T-ZJ-${randomUUID().slice(0, 8)}`, HANGZHOU, '330106');
      const ids = [
        await submitted(HANGZHOU, { category: 'flood' }),
        await submitted(HANGZHOU, { category: 'fire' }),
      ];
      const res = await mutate('merge', { ids, incidentId: target, note: '同一积水点' });
      expect(res.status).toBe(200);
      const rows = await h.db.sql.query<{
        id: number;
        reference: string;
        status: string;
        incident_id: number;
      }>(
        'SELECT id, reference, status, incident_id FROM public_report WHERE id = ANY($1::int[]) ORDER BY id',
        [ids],
      );
      expect(rows.map((r) => [r.status, r.incident_id])).toEqual([
        ['merged', target],
        ['merged', target],
      ]);
      expect(await events(target)).toEqual(
        rows.map((r, i) => ({
          kind: 'report_linked',
          actor: 'zj_duty',
          details: { reportId: r.id, reference: r.reference, category: i === 0 ? 'flood' : 'fire' },
        })),
      );
      const listed = await queue('zj_duty', { status: ['merged'], limit: 1000 });
      expect(listed.reports.find((r) => r.id === ids[0])?.incidentCode).toMatch(/^T-ZJ-/);

      // Merged once is merged: not again, and nothing else of the batch moves.
      const fresh = await submitted(HANGZHOU);
      const again = await mutate('merge', { ids: [fresh, ids[0]], incidentId: target });
      expect(again.status).toBe(409);
      expect(await statusOf([fresh])).toEqual(['pending']);
      expect(await events(target)).toHaveLength(2);
    });

    it('refuses an incident that is over, or not in the caller’s region', async () => {
      const closed = await incident(`T-ZJ-${randomUUID().slice(0, 8)}`, HANGZHOU, '330106', 'closed');
      const guangdong = await incident(`T-GD-${randomUUID().slice(0, 8)}`, GUANGZHOU, '440104');
      const id = await submitted(HANGZHOU);
      const toClosed = await mutate('merge', { ids: [id], incidentId: closed });
      expect(toClosed.status).toBe(409);
      expect(toClosed.body.error?.message).toContain('closed');
      expect((await mutate('merge', { ids: [id], incidentId: guangdong })).status).toBe(404);
      expect((await mutate('merge', { ids: [id], incidentId: 99_999_999 })).status).toBe(404);
      expect(await statusOf([id])).toEqual(['pending']);
      expect(await events(closed)).toEqual([]);
    });

    it('links reports to an incident opened from them, inside the opener’s transaction', async () => {
      const target = await incident(`T-ZJ-${randomUUID().slice(0, 8)}`, HANGZHOU, '330106');
      const ids = [await submitted(HANGZHOU), await submitted(HANGZHOU)];
      const zhejiang = { prefix: '33' };
      // The opener fails after linking: the links go with it.
      await expect(
        h.db.sql.transaction(async (tx) => {
          await linkReportsToIncident(tx, zhejiang, 'zj_duty', ids, target);
          throw new Error('the intake failed later');
        }),
      ).rejects.toThrow('the intake failed later');
      expect(await statusOf(ids)).toEqual(['pending', 'pending']);
      expect(await events(target)).toEqual([]);

      const changes = await h.db.sql.transaction((tx) =>
        linkReportsToIncident(tx, zhejiang, 'zj_duty', ids, target),
      );
      expect(changes).toEqual(
        ids.map((id) => ({
          kind: 'report',
          id,
          status: 'verified',
          regionCode: expect.stringMatching(/^3301/),
        })),
      );
      expect(await statusOf(ids)).toEqual(['verified', 'verified']);
      expect(await events(target)).toHaveLength(2);
    });
  });
});

describe('preparing a photo', () => {
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (error: unknown) => (error instanceof PhotoRefusal ? error.problem : error),
    );

  it('re-encodes PNG and WebP as JPEG, flattening transparency onto white, without enlarging', async () => {
    const clear = {
      create: { width: 300, height: 200, channels: 4 as const, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    };
    for (const input of [await sharp(clear).png().toBuffer(), await sharp(clear).webp().toBuffer()]) {
      const out = await preparePhoto(input);
      expect(out).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200 });
      const { channels } = await sharp(out.bytes).stats();
      expect(channels.map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
    }
  });

  it('refuses what is not a JPEG, PNG or WebP by its content, and what is too big', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect(await refusal(preparePhoto(gif, 'image/jpeg'))).toBe('not_an_image');
    const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    expect(await refusal(preparePhoto(jpeg.subarray(0, jpeg.length - 40)))).toBe('not_an_image');
    expect(await refusal(preparePhoto(Buffer.alloc(REPORT_PHOTO_MAX_BYTES + 1)))).toBe('too_large');
    expect(await refusal(preparePhoto(pngClaiming(10_000)))).toBe('too_large');
  });
});
