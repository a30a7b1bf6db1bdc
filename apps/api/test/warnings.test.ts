import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  PopulationEstimate,
  PublishedWarning,
  WarningDraft,
  WarningFeatureProperties,
  WarningSummary,
} from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCap } from '../src/cap/read.js';
import { validateCapSchema } from '../src/cap/validate.js';
import { incomingAlert } from '../src/cap/warning.js';
import { formatCapDate } from '../src/cap/write.js';
import { createToken } from '../src/services/api-tokens.js';
import { type Harness, startHarness, type TrpcResponse, trpcMutation, trpcQuery } from './harness.js';

const HOUR = 3600_000;
const fixture = (name: string) => readFile(new URL(`./fixtures/cap/${name}.xml`, import.meta.url), 'utf8');

/** A CAP document moved in time so that it is in force now (fixtures carry their own past dates). */
function inForce(xml: string): string {
  const at = (offset: number) => formatCapDate(new Date(Date.now() + offset));
  return xml
    .replace(/<((?:cap:)?(?:sent|effective|onset))>[^<]+</g, (_, tag) => `<${tag}>${at(-HOUR)}<`)
    .replace(/<((?:cap:)?expires)>[^<]+</g, (_, tag) => `<${tag}>${at(12 * HOUR)}<`);
}

const hangzhouDraft = (over: Partial<WarningDraft> = {}): WarningDraft => ({
  event: '暴雨',
  category: 'Met',
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  headline: '西湖区暴雨橙色预警',
  description: '预计未来3小时西湖区降雨量将达50毫米以上。',
  instruction: '暂停户外作业，远离低洼地带。',
  areaDesc: '杭州市西湖区及周边',
  areas: [
    { kind: 'regions', codes: ['330106'] },
    { kind: 'circle', center: [120.21, 30.25], radiusKm: 4 },
    {
      kind: 'polygon',
      ring: [
        [120.05, 30.3],
        [120.1, 30.3],
        [120.1, 30.35],
        [120.05, 30.35],
        [120.05, 30.3],
      ],
    },
  ],
  effective: new Date(Date.now() - 60_000).toISOString(),
  expires: new Date(Date.now() + 6 * HOUR).toISOString(),
  ...over,
});

const chengduRing: Array<[number, number]> = [
  [103.95, 30.55],
  [104.2, 30.55],
  [104.2, 30.8],
  [103.95, 30.8],
  [103.95, 30.55],
];

const data = <T>(res: TrpcResponse) => {
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body.error)}`);
  return res.body.result?.data as T;
};

describe(`early warnings and CAP 1.2 on ${testEngine}`, () => {
  let h: Harness;
  let zjCap: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    for (const user of ['admin', 'zj_duty', 'sc_duty', 'analyst', 'hz_field'])
      tokens[user] = await h.tokenFor(user);
    zjCap = (
      await createToken(
        h.db.sql,
        { name: 'zj-cap-feed', role: 'sensor_gateway', regionCode: '330000' },
        'test',
      )
    ).token;
  });
  afterAll(() => h?.close());

  const query = <T>(path: string, input: unknown, user: string) =>
    trpcQuery(h, `warnings.${path}`, input, tokens[user]).then((r) => data<T>(r));
  const mutate = (path: string, input: unknown, user: string) =>
    trpcMutation(h, `warnings.${path}`, input, tokens[user]);
  const get = (url: string, user?: string) =>
    h.server.app.inject({
      method: 'GET',
      url,
      headers: user ? { authorization: `Bearer ${tokens[user]}` } : {},
    });
  const postCap = (body: string | Buffer, token = zjCap, type = 'application/cap+xml') =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/cap',
      payload: body,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
    });
  const publicWarnings = () => trpcQuery(h, 'publicInfo.warnings').then((r) => data<PublishedWarning[]>(r));
  const geojson = async (all = false) =>
    (await get(`/api/v1/warnings.geojson${all ? '?all=1' : ''}`)).json() as {
      features: Array<{ geometry: { type: string }; properties: WarningFeatureProperties }>;
    };
  const atomEntries = async () => {
    const res = await get('/api/v1/warnings.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(
      res.body,
    ).feed as { entry?: Array<{ title: string; link: { '@_href': string; '@_type': string } }> };
    return feed.entry ?? [];
  };

  /** A warning's CAP export: valid against the official schema, and what it reads back as. */
  async function exported(id: number, user?: string) {
    const res = await get(`/api/v1/warnings/${id}.cap`, user);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/cap+xml');
    expect(await validateCapSchema(res.body)).toEqual([]);
    const alert = await readCap(Buffer.from(res.body));
    return { xml: res.body, alert, message: incomingAlert({ ...alert, status: 'Actual' }, () => true) };
  }

  /** parse(export(w)) gives w's fields and areas back. */
  function expectSameWarning(m: Awaited<ReturnType<typeof exported>>['message'], w: WarningSummary): void {
    expect(m.identifier).toBe(w.identifier);
    expect(m.sender).toBe(w.sender);
    expect(m.msgType).toBe(w.msgType);
    expect(m.sent.toISOString()).toBe(w.sent ?? m.sent.toISOString());
    expect(m.content).toMatchObject({
      event: w.event,
      category: w.category,
      severity: w.severity,
      urgency: w.urgency,
      certainty: w.certainty,
      headline: w.headline,
      description: w.description,
      instruction: w.instruction,
      areaDesc: w.areaDesc,
      areas: w.areas,
      senderName: w.senderName,
    });
    expect(m.content?.effective.toISOString()).toBe(w.effective);
    expect(m.content?.expires.toISOString()).toBe(w.expires);
  }

  describe('drafting, publishing, updating and cancelling our own warning', () => {
    let draft: WarningSummary;

    it('creates a draft that only its region sees, and that nobody outside it can download', async () => {
      const res = await mutate('create', hangzhouDraft(), 'zj_duty');
      draft = data<WarningSummary>(res);
      expect(draft).toMatchObject({
        status: 'draft',
        source: 'own',
        msgType: 'Alert',
        sender: 'onemap:330000',
        senderName: 'OneMap（浙江省）',
        regionCode: '330000',
        editable: true,
        sent: null,
        populationEstimate: null,
        createdBy: 'zj_duty',
      });
      expect(draft.areas).toEqual(hangzhouDraft().areas);
      expect(await publicWarnings()).not.toContainEqual(expect.objectContaining({ id: draft.id }));
      expect((await geojson(true)).features.map((f) => f.properties.id)).not.toContain(draft.id);
      expect((await get(`/api/v1/warnings/${draft.id}.cap`)).statusCode).toBe(404);
      expect((await get(`/api/v1/warnings/${draft.id}.cap`, 'sc_duty')).statusCode).toBe(404);
      const own = await exported(draft.id, 'zj_duty');
      expect(own.alert.status).toBe('Draft');
      const drafts = await query<WarningSummary[]>('list', { scope: 'drafts' }, 'zj_duty');
      expect(drafts.map((w) => w.id)).toContain(draft.id);
      const scDrafts = await query<WarningSummary[]>('list', { scope: 'all' }, 'sc_duty');
      expect(scDrafts.map((w) => w.id)).not.toContain(draft.id);
    });

    it('publishes it as a CAP Alert with the population estimate, and shows it on every public channel', async () => {
      const estimate = await query<PopulationEstimate>(
        'estimatePopulation',
        { areas: draft.areas },
        'zj_duty',
      );
      expect(estimate.population).toBeGreaterThan(100_000);
      expect(estimate.regions[0]?.code).toBe('330106');
      const published = data<WarningSummary>(await mutate('publish', { id: draft.id }, 'zj_duty'));
      expect(published).toMatchObject({
        status: 'published',
        msgType: 'Alert',
        identifier: draft.identifier,
      });
      expect(published.populationEstimate).toBe(estimate.population);
      expect(Date.now() - Date.parse(published.sent ?? '')).toBeLessThan(60_000);

      const pub = (await publicWarnings()).find((w) => w.id === draft.id);
      expect(pub).toMatchObject({
        headline: '西湖区暴雨橙色预警',
        severity: 'Severe',
        sender: 'OneMap（浙江省）',
      });
      const feature = (await geojson()).features.find((f) => f.properties.id === draft.id);
      expect(feature?.geometry.type).toBe('MultiPolygon');
      expect(feature?.properties).toMatchObject({
        identifier: draft.identifier,
        headline: '西湖区暴雨橙色预警',
        severity: 'Severe',
        urgency: 'Expected',
        certainty: 'Likely',
        event: '暴雨',
        status: 'published',
        source: 'own',
        sender: 'onemap:330000',
        areaDesc: '杭州市西湖区及周边',
      });
      const entry = (await atomEntries()).find((e) => e.title === '西湖区暴雨橙色预警');
      expect(entry?.link['@_type']).toBe('application/cap+xml');
      expect(entry?.link['@_href']).toMatch(new RegExp(`/api/v1/warnings/${draft.id}\\.cap$`));
      expect((await get(`/api/v1/warnings/${draft.id}.cap`)).statusCode).toBe(200);
      expectSameWarning((await exported(draft.id)).message, published);
    });

    it('refuses to publish twice, to cancel a draft, and to publish one already expired', async () => {
      const again = await mutate('publish', { id: draft.id }, 'zj_duty');
      expect(again.status).toBe(409);
      const other = data<WarningSummary>(await mutate('create', hangzhouDraft(), 'zj_duty'));
      expect((await mutate('cancel', { id: other.id, reason: '' }, 'zj_duty')).status).toBe(409);
      const stale = data<WarningSummary>(
        await mutate(
          'create',
          hangzhouDraft({
            effective: new Date(Date.now() - 5 * HOUR).toISOString(),
            expires: new Date(Date.now() - HOUR).toISOString(),
          }),
          'zj_duty',
        ),
      );
      const late = await mutate('publish', { id: stale.id }, 'zj_duty');
      expect(late.status).toBe(400);
      expect(late.body.error?.data.fields?.[0]?.path).toBe('expires');
    });

    it('re-sends a change as a CAP Update with a new identifier that references the Alert', async () => {
      const before = await query<WarningSummary>('get', { id: draft.id }, 'zj_duty');
      const res = await mutate(
        'update',
        { id: draft.id, draft: hangzhouDraft({ severity: 'Extreme', headline: '西湖区暴雨红色预警' }) },
        'zj_duty',
      );
      const updated = data<WarningSummary>(res);
      expect(updated).toMatchObject({ status: 'published', msgType: 'Update', severity: 'Extreme' });
      expect(updated.identifier).not.toBe(before.identifier);
      const { alert, message } = await exported(draft.id);
      expect(alert.msgType).toBe('Update');
      expect(alert.references).toBe(
        `onemap:330000,${before.identifier},${formatCapDate(before.sent as string)}`,
      );
      expectSameWarning(message, updated);
      expect((await publicWarnings()).find((w) => w.id === draft.id)?.headline).toBe('西湖区暴雨红色预警');
    });

    it('cancels it with a CAP Cancel: gone from the public channels, kept with ?all=1, frozen', async () => {
      const before = await query<WarningSummary>('get', { id: draft.id }, 'zj_duty');
      const cancelled = data<WarningSummary>(
        await mutate('cancel', { id: draft.id, reason: '降雨减弱，解除预警' }, 'zj_duty'),
      );
      expect(cancelled).toMatchObject({ status: 'cancelled', msgType: 'Cancel', note: '降雨减弱，解除预警' });
      expect(cancelled.editable).toBe(false);
      const { alert } = await exported(draft.id);
      expect(alert.msgType).toBe('Cancel');
      expect(alert.note).toBe('降雨减弱，解除预警');
      expect(alert.references?.split(' ')).toHaveLength(2);
      expect(alert.references).toContain(`onemap:330000,${before.identifier},`);
      expect((await publicWarnings()).map((w) => w.id)).not.toContain(draft.id);
      expect((await atomEntries()).map((e) => e.title)).not.toContain('西湖区暴雨红色预警');
      expect((await geojson()).features.map((f) => f.properties.id)).not.toContain(draft.id);
      const kept = (await geojson(true)).features.find((f) => f.properties.id === draft.id);
      expect(kept?.properties.status).toBe('cancelled');
      const edit = await mutate('update', { id: draft.id, draft: hangzhouDraft() }, 'zj_duty');
      expect(edit.status).toBe(409);
    });

    it('refuses bad drafts naming the field', async () => {
      const unknown = await mutate(
        'create',
        hangzhouDraft({ areas: [{ kind: 'regions', codes: ['330106', '339999'] }] }),
        'zj_duty',
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error?.data.fields?.[0]?.path).toBe('areas.0.codes.1');
      const backwards = await mutate(
        'create',
        hangzhouDraft({
          effective: new Date().toISOString(),
          expires: new Date(Date.now() - HOUR).toISOString(),
        }),
        'zj_duty',
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.error?.data.fields?.[0]?.path).toBe('expires');
      const triangle = await mutate(
        'create',
        hangzhouDraft({
          areas: [
            {
              kind: 'polygon',
              ring: [
                [120, 30],
                [120.1, 30],
                [120, 30],
              ],
            },
          ],
        }),
        'zj_duty',
      );
      expect(triangle.status).toBe(400);
      expect(triangle.body.error?.data.fields?.[0]?.path).toBe('areas.0.ring');
      const update = await mutate('update', { id: 999_999, draft: hangzhouDraft() }, 'zj_duty');
      expect(update.status).toBe(404);
      expect((await mutate('create', hangzhouDraft(), 'analyst')).status).toBe(403);
      expect((await mutate('create', hangzhouDraft(), 'hz_field')).status).toBe(403);
    });
  });

  describe('region scope', () => {
    let national: WarningSummary;
    let chengdu: WarningSummary;
    let sichuan: WarningSummary;

    beforeAll(async () => {
      const publish = async (user: string, draft: WarningDraft) => {
        const created = data<WarningSummary>(await mutate('create', draft, user));
        return data<WarningSummary>(await mutate('publish', { id: created.id }, user));
      };
      national = await publish(
        'admin',
        hangzhouDraft({ headline: '国家：杭州强降雨', areas: [{ kind: 'regions', codes: ['330106'] }] }),
      );
      chengdu = await publish(
        'admin',
        hangzhouDraft({ headline: '国家：成都强降雨', areas: [{ kind: 'polygon', ring: chengduRing }] }),
      );
      sichuan = await publish(
        'sc_duty',
        hangzhouDraft({ headline: '四川：成都强降雨', areas: [{ kind: 'polygon', ring: chengduRing }] }),
      );
    });

    it('shows the Zhejiang duty officer a national warning over Hangzhou, but not one over Chengdu', async () => {
      const seen = (await query<WarningSummary[]>('list', { scope: 'active' }, 'zj_duty')).map((w) => w.id);
      expect(seen).toContain(national.id);
      expect(seen).not.toContain(chengdu.id);
      expect(seen).not.toContain(sichuan.id);
      const mine = await query<WarningSummary>('get', { id: national.id }, 'zj_duty');
      expect(mine).toMatchObject({ regionCode: '000000', editable: false });
      expect((await trpcQuery(h, 'warnings.get', { id: chengdu.id }, tokens.zj_duty)).status).toBe(404);
      const field = (await query<WarningSummary[]>('list', { scope: 'all' }, 'hz_field')).map((w) => w.id);
      expect(field).toContain(national.id);
      expect(field).not.toContain(sichuan.id);
      const all = (await query<WarningSummary[]>('list', { scope: 'active' }, 'admin')).map((w) => w.id);
      expect(all).toEqual(expect.arrayContaining([national.id, chengdu.id, sichuan.id]));
    });

    it("lets only the warning's own region change it", async () => {
      const national403 = await mutate('update', { id: national.id, draft: hangzhouDraft() }, 'zj_duty');
      expect(national403.status).toBe(403);
      expect(national403.body.error?.message).toContain('000000');
      expect((await mutate('cancel', { id: sichuan.id, reason: '' }, 'zj_duty')).status).toBe(404);
      expect((await mutate('update', { id: sichuan.id, draft: hangzhouDraft() }, 'zj_duty')).status).toBe(
        404,
      );
      const sc = await query<WarningSummary>('get', { id: sichuan.id }, 'sc_duty');
      expect(sc.editable).toBe(true);
      expect(sc.headline).toBe('四川：成都强降雨');
    });
  });

  describe('population estimate', () => {
    /** Each figure straight from the region table: population and area on the ellipsoid. */
    async function regionFacts() {
      const rows = await h.db.sql.query<{ code: string; population: number | null; m2: number }>(
        `SELECT code, population, ST_Area(boundary::geography) AS m2 FROM region
          WHERE code IN ('330000', '330100', '330106')`,
      );
      const [known] = await h.db.sql.query<{ sum: number }>(
        `SELECT sum(population)::float8 AS sum FROM region WHERE parent_code = '330000' AND level = 'city'`,
      );
      const by = Object.fromEntries(
        rows.map((r) => [r.code, { population: Number(r.population), m2: Number(r.m2) }]),
      );
      const province = by['330000'] as { population: number; m2: number };
      const city = by['330100'] as { population: number; m2: number };
      const county = by['330106'] as { population: number; m2: number };
      // People per m² in Xihu District: Hangzhou's estimate over Hangzhou, plus the rest of the
      // Zhejiang census over Zhejiang.
      const density = city.population / city.m2 + (province.population - Number(known?.sum)) / province.m2;
      return { province, county, density };
    }

    it('gives a whole county its share of its prefecture and province', async () => {
      const { county, density } = await regionFacts();
      const estimate = await query<PopulationEstimate>(
        'estimatePopulation',
        { areas: [{ kind: 'regions', codes: ['330106'] }] },
        'analyst',
      );
      const expected = density * county.m2;
      expect(Math.abs(estimate.population - expected) / expected).toBeLessThan(0.01);
      expect(estimate.regions[0]).toMatchObject({ code: '330106', name: '西湖区' });
      expect(estimate.regions[0]?.share).toBeGreaterThan(0.99);
      for (const r of estimate.regions) expect(r.share).toBeLessThanOrEqual(1);
    });

    it("gives a small circle inside the county the county's density times the circle's area", async () => {
      const { density } = await regionFacts();
      const [center] = await h.db.sql.query<{ lon: number; lat: number; inside: boolean }>(
        `SELECT ST_X(center) AS lon, ST_Y(center) AS lat,
                ST_Contains(boundary, ST_Buffer(center::geography, 3200)::geometry) AS inside
           FROM region WHERE code = '330106'`,
      );
      expect(center?.inside).toBe(true);
      const estimate = await query<PopulationEstimate>(
        'estimatePopulation',
        { areas: [{ kind: 'circle', center: [center?.lon, center?.lat], radiusKm: 3 }] },
        'analyst',
      );
      // A 64-gon inscribed in a 3 km circle: n/2 · r² · sin(2π/n).
      const area = 32 * 3000 * 3000 * Math.sin((2 * Math.PI) / 64);
      expect(Math.abs(estimate.population - density * area) / (density * area)).toBeLessThan(0.005);
      expect(estimate.regions).toEqual([
        expect.objectContaining({ code: '330106', population: estimate.population }),
      ]);
    });

    it("gives back the province's census population over the whole province", async () => {
      const { province } = await regionFacts();
      const estimate = await query<PopulationEstimate>(
        'estimatePopulation',
        { areas: [{ kind: 'regions', codes: ['330000'] }] },
        'analyst',
      );
      expect(Math.abs(estimate.population - province.population) / province.population).toBeLessThan(0.02);
      expect(estimate.regions).toHaveLength(10);
      const sorted = [...estimate.regions].sort((a, b) => b.population - a.population);
      expect(estimate.regions).toEqual(sorted);
    });

    it('names an unknown region', async () => {
      const res = await trpcQuery(
        h,
        'warnings.estimatePopulation',
        { areas: [{ kind: 'regions', codes: ['990000'] }] },
        tokens.analyst,
      );
      expect(res.status).toBe(400);
      expect(res.body.error?.data.fields?.[0]?.path).toBe('areas.0.codes.0');
    });
  });

  describe('CAP import', () => {
    it.each(['rainstorm-orange-polygon', 'chemical-leak-circle', 'geohazard-geocode'])(
      'imports %s, stores it, and exports valid CAP 1.2 that reads back the same',
      async (name) => {
        const xml = await fixture(name);
        const acceptedBefore = h.ingestStats.snapshot().cap.accepted;
        const res = await postCap(xml);
        expect(res.statusCode).toBe(201);
        expect(h.ingestStats.snapshot().cap.accepted).toBe(acceptedBefore + 1);
        const { id, identifier, outcome } = res.json() as { id: number; identifier: string; outcome: string };
        expect(outcome).toBe('created');
        const original = incomingAlert(await readCap(Buffer.from(xml)), () => true);
        expect(identifier).toBe(original.identifier);
        const { message } = await exported(id);
        expect(message).toEqual(original);
        const stored = await query<WarningSummary>('get', { id }, 'zj_duty');
        expect(stored).toMatchObject({
          source: 'imported',
          status: 'published',
          regionCode: '330000',
          editable: false,
          senderName: original.content?.senderName,
        });
        expectSameWarning(message, stored);
        // Re-sending the same message is idempotent.
        const again = await postCap(xml);
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual({ id, identifier, outcome: 'unchanged' });
      },
    );

    it('keeps the Chinese <info> of a bilingual alert, and unknown geocodes without geometry', async () => {
      const xml = await fixture('geohazard-geocode');
      const { id } = (await postCap(xml)).json() as { id: number };
      const w = await query<WarningSummary>('get', { id }, 'zj_duty');
      expect(w.headline).toBe('淳安县、建德市地质灾害气象风险黄色预警');
      expect(w.areas).toEqual([{ kind: 'regions', codes: ['330127', '330182'] }]);
      const { xml: out } = await exported(id);
      expect(out).toContain('<valueName>EMMA_ID</valueName>');
      expect(out).not.toContain('Geological hazard risk');
      const [area] = await h.db.sql.query<{ same: boolean }>(
        `SELECT ST_Area(w.area::geography) / (SELECT sum(ST_Area(boundary::geography)) FROM region
                                              WHERE code IN ('330127', '330182')) BETWEEN 0.999 AND 1.001 AS same
           FROM warning w WHERE id = $1`,
        [id],
      );
      expect(area?.same).toBe(true);
    });

    it('draws a CAP circle with every vertex at the radius on the ellipsoid', async () => {
      const { id } = (await postCap(await fixture('chemical-leak-circle'))).json() as { id: number };
      const [r] = await h.db.sql.query<{ n: number; worst: number }>(
        `SELECT count(*)::int AS n,
                max(abs(ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(121.695, 29.9615), 4326)::geography) - 3000)) AS worst
           FROM warning w, ST_DumpPoints(w.area) p WHERE w.id = $1`,
        [id],
      );
      expect(r?.n).toBe(65);
      expect(Number(r?.worst)).toBeLessThan(0.01);
    });

    it('applies an Update and a Cancel from the same sender to the warning they reference', async () => {
      const alert = inForce(await fixture('rainstorm-orange-polygon')).replace(
        '33010041600000_20260712063000',
        'HZ-UPD-1',
      );
      const created = (await postCap(alert)).json() as { id: number };
      const sent = /<sent>([^<]+)<\/sent>/.exec(alert)?.[1];
      expect((await publicWarnings()).map((w) => w.id)).toContain(created.id);

      const update = alert
        .replace('<identifier>HZ-UPD-1</identifier>', '<identifier>HZ-UPD-2</identifier>')
        .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
        .replace(
          '  <info>',
          `  <references>hangzhou-observatory@weather.example.cn,HZ-UPD-1,${sent}</references>\n  <info>`,
        )
        .replace('<severity>Severe</severity>', '<severity>Extreme</severity>')
        .replace('暴雨橙色预警信号', '暴雨红色预警信号');
      const updated = await postCap(update);
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toEqual({ id: created.id, identifier: 'HZ-UPD-2', outcome: 'updated' });
      const w = await query<WarningSummary>('get', { id: created.id }, 'zj_duty');
      expect(w).toMatchObject({
        identifier: 'HZ-UPD-2',
        msgType: 'Update',
        severity: 'Extreme',
        status: 'published',
      });
      expect(w.headline).toContain('红色');
      // The superseded Alert, delivered again, changes nothing.
      expect((await postCap(alert)).json()).toEqual({
        id: created.id,
        identifier: 'HZ-UPD-2',
        outcome: 'unchanged',
      });

      const cancel = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>HZ-UPD-3</identifier>
  <sender>hangzhou-observatory@weather.example.cn</sender>
  <sent>${formatCapDate(new Date())}</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <note>雨势减弱，解除暴雨预警</note>
  <references>hangzhou-observatory@weather.example.cn,HZ-UPD-1,${sent} hangzhou-observatory@weather.example.cn,HZ-UPD-2,${sent}</references>
</alert>`;
      const cancelled = await postCap(cancel);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ id: created.id, outcome: 'cancelled' });
      const gone = await query<WarningSummary>('get', { id: created.id }, 'zj_duty');
      expect(gone).toMatchObject({ status: 'cancelled', msgType: 'Cancel', note: '雨势减弱，解除暴雨预警' });
      expect((await publicWarnings()).map((w) => w.id)).not.toContain(created.id);
      const { alert: out } = await exported(created.id);
      expect(out.msgType).toBe('Cancel');
      expect(out.references).toContain('HZ-UPD-2');
    });

    it('shows imported warnings in force next to ours on the public channels, and refuses to edit them', async () => {
      const res = await postCap(
        inForce(await fixture('chemical-leak-circle')).replace('NB-EM-2026-0412-001', 'NB-LIVE-1'),
      );
      const { id } = res.json() as { id: number };
      const pub = (await publicWarnings()).find((w) => w.id === id);
      expect(pub).toMatchObject({
        sender: '宁波市应急管理局',
        severity: 'Extreme',
        areaDesc: '镇海区化工园区周边3公里',
      });
      // Extreme comes first.
      expect((await publicWarnings())[0]?.severity).toBe('Extreme');
      const feature = (await geojson()).features.find((f) => f.properties.id === id);
      expect(feature?.properties).toMatchObject({ source: 'imported', sender: 'ningbo-em@example.gov.cn' });
      expect((await atomEntries()).map((e) => e.title)).toContain(
        '镇海化工区储罐泄漏，周边3公里内人员立即撤离',
      );
      const edit = await mutate('update', { id, draft: hangzhouDraft() }, 'zj_duty');
      expect(edit.status).toBe(409);
      expect(edit.body.error?.message).toContain('imported');
      expect((await mutate('cancel', { id, reason: '' }, 'zj_duty')).status).toBe(409);
    });

    it('needs ingest.write', async () => {
      const xml = await fixture('chemical-leak-circle');
      const anonymous = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/cap',
        payload: xml,
        headers: { 'content-type': 'application/xml' },
      });
      expect(anonymous.statusCode).toBe(401);
      expect((await postCap(xml, tokens.analyst)).statusCode).toBe(403);
    });
  });

  describe('bad CAP input', () => {
    let rainstorm: string;
    let secretDir: string;
    beforeAll(async () => {
      rainstorm = await fixture('rainstorm-orange-polygon');
      secretDir = await mkdtemp(join(tmpdir(), 'onemap-xxe-'));
    });
    afterAll(() => rm(secretDir, { recursive: true, force: true }));

    const count = async () =>
      Number((await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM warning'))[0]?.n);
    const refused = async (body: string | Buffer, status: number, reason: string, type?: string) => {
      const before = await count();
      const rejectedBefore = h.ingestStats.snapshot().cap.rejected;
      const res = await postCap(body, zjCap, type);
      expect(res.statusCode, res.body).toBe(status);
      const json = res.json() as { reason: string; message: string };
      expect(json.reason).toBe(reason);
      expect(await count()).toBe(before);
      // Counted for the system-status view.
      expect(h.ingestStats.snapshot().cap.rejected).toBe(rejectedBefore + 1);
      return json.message;
    };
    const variant = (from: string | RegExp, to: string) => {
      const changed = rainstorm
        .replace(from, to)
        .replace('33010041600000_20260712063000', `BAD-${Math.random()}`);
      expect(changed).not.toBe(rainstorm);
      return changed;
    };

    it('refuses malformed XML with the line', async () => {
      const message = await refused(variant('</headline>', '</headlin>'), 400, 'malformed_xml');
      expect(message).toMatch(/line \d+/);
      expect(await refused('<alert><identifier>x</identifier>', 400, 'malformed_xml')).toMatch(/line/);
    });

    it('refuses a DOCTYPE with an external entity without ever reading the file', async () => {
      const secret = `secret-${Math.random().toString(36).slice(2)}`;
      const file = join(secretDir, 'secret.txt');
      await writeFile(file, secret);
      const xxe = rainstorm
        .replace('<alert ', `<!DOCTYPE alert [ <!ENTITY xxe SYSTEM "file://${file}"> ]>\n<alert `)
        .replace('<identifier>33010041600000_20260712063000</identifier>', '<identifier>&xxe;</identifier>')
        .replace('<description>', '<description>&xxe;');
      const res = await postCap(xxe);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ reason: 'doctype_forbidden' });
      expect(res.json().message).toContain('DOCTYPE');
      expect(res.body).not.toContain(secret);
      const [found] = await h.db.sql.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM warning w WHERE w::text LIKE $1)
              + (SELECT count(*) FROM audit_log a WHERE a::text LIKE $1) AS n`,
        [`%${secret}%`],
      );
      expect(Number(found?.n)).toBe(0);
    });

    it('refuses billion laughs', async () => {
      const lol = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>`;
      await refused(lol, 400, 'doctype_forbidden');
    });

    it('refuses bytes that are not UTF-8, and declared or sent encodings other than UTF-8', async () => {
      // 暴雨 in GBK.
      const gbk = Buffer.concat([
        Buffer.from(rainstorm.slice(0, rainstorm.indexOf('<event>') + 7)),
        Buffer.from([0xb1, 0xa9, 0xd3, 0xea]),
        Buffer.from(rainstorm.slice(rainstorm.indexOf('</event>'))),
      ]);
      expect(await refused(gbk, 400, 'not_utf8')).toContain('UTF-8');
      const declared = await refused(
        variant('encoding="UTF-8"', 'encoding="GB2312"'),
        400,
        'encoding_not_utf8',
      );
      expect(declared).toContain('GB2312');
      await refused(rainstorm, 400, 'encoding_not_utf8', 'application/xml; charset=gbk');
    });

    it('refuses a body over 1 MiB and the wrong content type', async () => {
      const padded = rainstorm.replace('</alert>', `<!-- ${'x'.repeat(1_048_576)} -->\n</alert>`);
      expect(await refused(padded, 413, 'too_large')).toContain('1048576');
      await refused(JSON.stringify({ alert: 1 }), 415, 'unsupported_media_type', 'application/json');
    });

    it('refuses what the CAP 1.2 schema refuses, naming the element and line', async () => {
      const missing = await refused(
        variant(/<identifier>[^<]*<\/identifier>\n\s*/, ''),
        400,
        'schema_invalid',
      );
      expect(missing).toMatch(/line \d+/);
      expect(missing).toContain('identifier');
      const severity = await refused(
        variant('<severity>Severe</severity>', '<severity>Catastrophic</severity>'),
        400,
        'schema_invalid',
      );
      expect(severity).toContain('Catastrophic');
      expect(severity).toContain('severity');
      const naive = await refused(
        variant('<sent>2026-07-12T06:30:00+08:00</sent>', '<sent>2026-07-12T06:30:00</sent>'),
        400,
        'schema_invalid',
      );
      expect(naive).toContain('sent');
    });

    it('refuses areas it cannot draw, naming them', async () => {
      const few = await refused(
        variant(/<polygon>[^<]+<\/polygon>/, '<polygon>30.42,119.98 30.45,120.28 30.42,119.98</polygon>'),
        400,
        'invalid_polygon',
      );
      expect(few).toContain('at least 4 points');
      expect(few).toContain('杭州市区、余杭区、萧山区');
      const open = await refused(
        variant(
          /<polygon>[^<]+<\/polygon>/,
          '<polygon>30.42,119.98 30.45,120.28 30.30,120.42 30.08,120.38</polygon>',
        ),
        400,
        'invalid_polygon',
      );
      expect(open).toContain('does not end where it starts');
      const lonLat = await refused(
        variant(
          /<polygon>[^<]+<\/polygon>/,
          '<polygon>119.98,30.42 120.28,30.45 120.42,30.30 119.98,30.42</polygon>',
        ),
        400,
        'invalid_polygon',
      );
      expect(lonLat).toContain('119.98,30.42');
      const geocodeOnly = variant(/<polygon>[^<]+<\/polygon>/, '')
        .replace('<valueName>GB/T 2260</valueName>', '<valueName>UGC</valueName>')
        .replace('<value>330110</value>', '<value>ZJZ001</value>');
      const unknown = await refused(geocodeOnly, 400, 'area_without_geometry');
      expect(unknown).toContain('杭州市区、余杭区、萧山区');
      expect(unknown).toContain('UGC=ZJZ001');
      const unknownRegion = variant(/<polygon>[^<]+<\/polygon>/, '').replace(
        '<value>330110</value>',
        '<value>999999</value>',
      );
      await refused(unknownRegion, 400, 'area_without_geometry');
      await refused(
        variant(/<circle>[^<]*<\/circle>|<polygon>[^<]+<\/polygon>/, '<circle>30.2,120.1 -3</circle>'),
        400,
        'invalid_circle',
      );
    });

    it('refuses what cannot be a warning here', async () => {
      const backwards = await refused(
        variant(
          '<expires>2026-07-13T06:30:00+08:00</expires>',
          '<expires>2026-07-12T05:00:00+08:00</expires>',
        ),
        400,
        'expires_before_effective',
      );
      expect(backwards).toContain('expires');
      await refused(variant(/<expires>[^<]+<\/expires>/, ''), 400, 'missing_expires');
      await refused(variant('<status>Actual</status>', '<status>Test</status>'), 400, 'unsupported_status');
      await refused(variant('<scope>Public</scope>', '<scope>Private</scope>'), 400, 'unsupported_scope');
      await refused(
        variant('<msgType>Alert</msgType>', '<msgType>Ack</msgType>'),
        400,
        'unsupported_msg_type',
      );
      const orphan = variant('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>').replace(
        /<info>[\s\S]*<\/info>/,
        '',
      );
      await refused(orphan, 409, 'unknown_reference');
    });

    it('keeps serving after all of it', async () => {
      expect((await h.server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const ok = await postCap(inForce(rainstorm).replace('33010041600000_20260712063000', 'STILL-HERE'));
      expect(ok.statusCode).toBe(201);
    });
  });
});
