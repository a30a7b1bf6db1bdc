import type {
  CameraFeature,
  DroneFlightFeature,
  FeatureCollectionOf,
  FeatureDetail,
  HotspotFeature,
  IngestResult,
  SensingAreaFeature,
} from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/services/api-tokens.js';
import { type Harness, SEED_NOW, startHarness, trpcQuery } from './harness.js';

const HOUR = 3600_000;
/** In 木里 (凉山, Sichuan), in Hangzhou's West Lake hills (Zhejiang), and in the East China Sea. */
const MULI: [number, number] = [101.28, 27.93];
const HANGZHOU: [number, number] = [120.13, 30.25];
const SEA: [number, number] = [123.5, 27.5];

function square([lon, lat]: [number, number], half = 0.02): number[][] {
  return [
    [lon - half, lat - half],
    [lon + half, lat - half],
    [lon + half, lat + half],
    [lon - half, lat + half],
    [lon - half, lat - half],
  ];
}

function hotspot(at: number[], props: Record<string, unknown> = {}, id?: string | number) {
  return {
    type: 'Feature',
    ...(id === undefined ? {} : { id }),
    geometry: { type: 'Point', coordinates: at },
    properties: {
      acquiredAt: new Date(Date.now() - HOUR).toISOString(),
      platform: '风云三号D',
      sensor: 'MERSI-II',
      confidence: 88,
      brightnessK: 345.2,
      frpMw: 31.5,
      ...props,
    },
  };
}

function area(ring: number[][], props: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { acquiredAt: new Date(Date.now() - 2 * HOUR).toISOString(), platform: '高分三号', ...props },
  };
}

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

describe(`remote sensing, drones and cameras on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  let zjGateway: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
    zjGateway = (
      await createToken(h.db.sql, { name: 'zj-rs', role: 'sensor_gateway', regionCode: '330000' }, 'test')
    ).token;
  });
  afterAll(() => h?.close());

  const ingest = (query: string, body: unknown, token = admin, contentType = 'application/geo+json') =>
    h.server.app.inject({
      method: 'POST',
      url: `/api/v1/ingest/geojson${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const get = (url: string, token: string | null = admin) =>
    h.server.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const detail = async (layer: string, id: number, token = admin) => {
    const res = await trpcQuery(h, 'features.detail', { layer, id }, token);
    return { status: res.status, data: res.body.result?.data as FeatureDetail };
  };
  const field = (d: FeatureDetail, key: string) => d.fields.find((f) => f.key === key)?.value;

  describe('POST /api/v1/ingest/geojson', () => {
    it('stores hotspots durably, in their region, and shows them on the layer and in the drawer', async () => {
      const before = h.ingestStats.snapshot().geojson.accepted;
      const res = await ingest(
        '?channel=satellite&kind=fire_hotspot',
        collection([hotspot(MULI), hotspot([MULI[0] + 0.01, MULI[1]], { confidence: 'low' })]),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ accepted: 2, rejected: [] });
      expect(h.ingestStats.snapshot().geojson.accepted).toBe(before + 2);

      const stored = await h.db.sql.query<{
        id: number;
        region_code: string;
        name: string;
        properties: object;
      }>(
        `SELECT id, region_code, name, properties FROM remote_sensing_product
          WHERE kind = 'fire_hotspot' AND ST_DWithin(geometry, ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.02)
          ORDER BY id`,
        MULI,
      );
      expect(stored).toHaveLength(2);
      expect(stored[0]?.region_code).toMatch(/^5134\d\d$/); // a county of 凉山州
      expect(stored[0]?.name).toMatch(/火点$/);
      expect(stored[0]?.properties).toEqual({ confidence: 88, brightnessK: 345.2, frpMw: 31.5 });

      const layer = (
        await get('/api/v1/layers/hotspots.geojson')
      ).json() as FeatureCollectionOf<HotspotFeature>;
      const mine = layer.features.filter((f) => stored.some((s) => s.id === f.id));
      expect(mine.map((f) => f.properties.confidence).sort()).toEqual(['high', 'low']);
      expect(mine[0]?.properties.platform).toBe('风云三号D');
      expect(mine[0]?.geometry.coordinates[1]).toBeCloseTo(MULI[1], 4);

      const d = await detail('hotspots', stored[0]?.id as number);
      expect(d.status).toBe(200);
      expect(field(d.data, 'platform')).toBe('风云三号D');
      expect(field(d.data, 'sensor')).toBe('MERSI-II');
      expect(Date.parse(field(d.data, 'acquiredAt') as string)).toBeGreaterThan(Date.now() - 2 * HOUR);
      expect(field(d.data, 'confidence')).toEqual({ zh: '高置信度（88%）', en: 'High confidence (88 %)' });
      expect(field(d.data, 'brightnessK')).toBe(345.2);
      expect(d.data.region?.code).toBe(stored[0]?.region_code);
      // The same id is not an area product.
      expect((await detail('sensingAreas', stored[0]?.id as number)).status).toBe(404);
    });

    it('replaces a product re-sent with the same id instead of adding a copy', async () => {
      const id = 'FY3D_MERSI_20261125_0042';
      const first = await ingest('?channel=satellite&kind=fire_hotspot', collection([hotspot(MULI, {}, id)]));
      expect(first.json()).toEqual({ accepted: 1, rejected: [] });
      const again = await ingest('?channel=satellite&kind=fire_hotspot', collection([hotspot(MULI, {}, id)]));
      expect(again.json()).toEqual({ accepted: 1, rejected: [] });
      const corrected = await ingest(
        '?channel=satellite&kind=fire_hotspot',
        collection([hotspot(MULI, { confidence: 40, platform: '风云三号E' }, id)]),
      );
      expect(corrected.json()).toEqual({ accepted: 1, rejected: [] });
      const rows = await h.db.sql.query<{ platform: string; confidence: number }>(
        `SELECT platform, (properties->>'confidence')::int AS confidence FROM remote_sensing_product
          WHERE external_id = $1`,
        [id],
      );
      expect(rows).toEqual([{ platform: '风云三号E', confidence: 40 }]);
      // The same producer id under another kind is another product.
      const flood = await ingest(
        '?channel=satellite&kind=flood_extent',
        collection([{ ...area(square(MULI)), id }]),
      );
      expect(flood.json()).toEqual({ accepted: 1, rejected: [] });
    });

    it('judges every feature on its own and says why each bad one was refused', async () => {
      const now = Date.now();
      const bowtie = [
        [120.1, 30.2],
        [120.2, 30.3],
        [120.2, 30.2],
        [120.1, 30.3],
        [120.1, 30.2],
      ];
      const features = [
        area(square(HANGZHOU), { name: '西湖区影像' }), // 0: good
        area(square(HANGZHOU).slice(0, 4)), // 1: ring not closed
        area(bowtie), // 2: self-intersection
        area(square(HANGZHOU).map((p, i) => (i === 1 ? [200, p[1] as number] : p))), // 3: longitude out of range
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [square(HANGZHOU)] },
          properties: { platform: 'GF-2' },
        }, // 4
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [square(HANGZHOU)] },
          properties: { acquiredAt: new Date(now).toISOString() },
        }, // 5
        area(square(HANGZHOU), { acquiredAt: new Date(now + 2 * HOUR).toISOString() }), // 6: future
        area(square(HANGZHOU), { acquiredAt: '2026-11-25 08:00' }), // 7: no offset
        hotspot(HANGZHOU), // 8: a Point is not an area
        area(square(SEA)), // 9: at sea
        { type: 'Polygon', coordinates: [square(HANGZHOU)] }, // 10: a bare geometry
        'feature', // 11
        area(square(HANGZHOU), { cloudPct: 140 }), // 12: a measure out of range
        { ...area(square(HANGZHOU)), id: 'dup' }, // 13: fine
        { ...area(square(HANGZHOU)), id: 'dup' }, // 14: the same id twice in one batch
        { ...area(square(HANGZHOU)), properties: null }, // 15
        area(square(HANGZHOU), { nested: { a: 1 } }), // 16: properties must be plain values
      ];
      const res = await ingest('?channel=aerial&kind=imagery_footprint', collection(features));
      expect(res.statusCode).toBe(200);
      const body = res.json() as IngestResult;
      const reasons = Object.fromEntries(body.rejected.map((r) => [r.index, r.reason]));
      expect(body.accepted).toBe(2);
      expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16]);
      expect(reasons[1]).toBe(
        'geometry.coordinates[0]: the ring is not closed (its last position must repeat its first)',
      );
      expect(reasons[2]).toMatch(/^geometry: invalid \(Self-intersection\[120\.15 30\.25\]\)$/);
      expect(reasons[3]).toBe('geometry.coordinates[0][1]: longitude 200 is outside -180…180');
      expect(reasons[4]).toBe('properties.acquiredAt: required');
      expect(reasons[5]).toBe('properties.platform: required');
      expect(reasons[6]).toBe('properties.acquiredAt: in the future');
      expect(reasons[7]).toMatch(/^properties\.acquiredAt: /);
      expect(reasons[8]).toBe('geometry.type: must be Polygon or MultiPolygon, got Point');
      expect(reasons[9]).toBe('geometry: not inside any administrative region');
      expect(reasons[10]).toBe('type: must be "Feature"');
      expect(reasons[11]).toBe('(feature): must be a GeoJSON Feature');
      expect(reasons[12]).toMatch(/^properties\.cloudPct: /);
      expect(reasons[14]).toBe('id: repeats feature 13');
      expect(reasons[15]).toMatch(/^properties: /);
      expect(reasons[16]).toMatch(/^properties\.nested: /);
      const [stored] = await h.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM remote_sensing_product WHERE name = '西湖区影像' AND channel = 'aerial'`,
      );
      expect(stored?.n).toBe(1);
    });

    it('refuses a feature outside the caller’s region, and a producer id held outside it', async () => {
      const res = await ingest(
        '?channel=satellite&kind=fire_hotspot',
        collection([hotspot(MULI), hotspot(HANGZHOU), hotspot(HANGZHOU, {}, 'FY3D_MERSI_20261125_0042')]),
        zjGateway,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json() as IngestResult;
      expect(body.accepted).toBe(1);
      expect(body.rejected[0]).toEqual({
        index: 0,
        reason: expect.stringMatching(/^geometry: outside your region/),
      });
      expect(body.rejected[1]).toEqual({ index: 2, reason: 'id: held by a product outside your region' });
      const [kept] = await h.db.sql.query<{ region_code: string }>(
        `SELECT region_code FROM remote_sensing_product WHERE external_id = 'FY3D_MERSI_20261125_0042' AND kind = 'fire_hotspot'`,
      );
      expect(kept?.region_code).toMatch(/^51/);
    });

    it('refuses a request that is not a FeatureCollection of a known channel and kind, naming the field', async () => {
      const good = collection([hotspot(MULI)]);
      const cases: Array<[string, unknown, number, string[]]> = [
        ['?channel=radar&kind=fire_hotspot', good, 400, ['channel']],
        ['?channel=satellite&kind=volcano', good, 400, ['kind']],
        ['', good, 400, ['channel', 'kind']],
        ['?channel=satellite&kind=fire_hotspot', [hotspot(MULI)], 400, ['type']],
        ['?channel=satellite&kind=fire_hotspot', hotspot(MULI), 400, ['type']],
        ['?channel=satellite&kind=fire_hotspot', { type: 'FeatureCollection' }, 400, ['features']],
        ['?channel=satellite&kind=fire_hotspot', '{"type": "FeatureCollection", ', 400, ['(body)']],
        ['?channel=satellite&kind=fire_hotspot', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400, ['(body)']],
      ];
      for (const [query, body, status, fields] of cases) {
        const res = await ingest(query, body);
        expect(res.statusCode, `${query} ${String(body).slice(0, 40)}`).toBe(status);
        expect(res.json().fields, query).toEqual(fields);
      }
      const text = await ingest(
        '?channel=satellite&kind=fire_hotspot',
        JSON.stringify(good),
        admin,
        'text/plain',
      );
      expect(text.statusCode).toBe(415);
      // As plain JSON too.
      const json = await ingest('?channel=satellite&kind=fire_hotspot', good, admin, 'application/json');
      expect(json.json()).toEqual({ accepted: 1, rejected: [] });
    });

    it('refuses oversized requests whole: too many features, too many bytes', async () => {
      const many = collection(Array.from({ length: 10_001 }, () => hotspot(MULI)));
      const res = await ingest('?channel=satellite&kind=fire_hotspot', many);
      expect(res.statusCode).toBe(413);
      expect(res.json().fields).toEqual(['features']);
      // Fewer than 10,000 features, but over 8 MiB.
      const padded = hotspot(MULI, { note: 'x'.repeat(1_000) });
      const huge = JSON.stringify(collection(Array.from({ length: 9_000 }, () => padded)));
      expect(huge.length).toBeGreaterThan(8 * 1024 * 1024);
      const tooBig = await ingest('?channel=satellite&kind=fire_hotspot', huge);
      expect(tooBig.statusCode).toBe(413);
      const [none] = await h.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM remote_sensing_product WHERE properties ? 'note'`,
      );
      expect(none?.n).toBe(0);
    });

    it('is for gateways and administrators only', async () => {
      const body = collection([hotspot(MULI)]);
      expect(
        (await ingest('?channel=satellite&kind=fire_hotspot', body, await h.tokenFor('commander')))
          .statusCode,
      ).toBe(403);
      const anonymous = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/geojson?channel=satellite&kind=fire_hotspot',
        headers: { 'content-type': 'application/geo+json' },
        payload: JSON.stringify(body),
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('the layers', () => {
    const seeded = `since=${new Date(SEED_NOW.getTime() - 80 * HOUR).toISOString()}&until=${SEED_NOW.toISOString()}`;

    it('serves the seeded products of a window, and by default only the last 72 hours', async () => {
      const areas = (
        await get(`/api/v1/layers/sensingAreas.geojson?${seeded}`)
      ).json() as FeatureCollectionOf<SensingAreaFeature>;
      const kinds = new Set(areas.features.map((f) => f.properties.kind));
      expect(kinds.has('flood_extent')).toBe(true);
      expect(kinds.has('imagery_footprint')).toBe(true);
      for (const f of areas.features) {
        expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
        expect(Date.parse(f.properties.acquiredAt)).toBeLessThanOrEqual(SEED_NOW.getTime());
      }
      const floods = (
        await get(`/api/v1/layers/sensingAreas.geojson?${seeded}&kind=flood_extent`)
      ).json() as FeatureCollectionOf<SensingAreaFeature>;
      expect(floods.features.length).toBeGreaterThan(0);
      expect(floods.features.every((f) => f.properties.kind === 'flood_extent')).toBe(true);
      const hot = (
        await get(`/api/v1/layers/hotspots.geojson?${seeded}`)
      ).json() as FeatureCollectionOf<HotspotFeature>;
      expect(hot.features.length).toBeGreaterThan(0);
      // The seed is from SEED_NOW, long before now: nothing of it is in the default window.
      const recent = (
        await get('/api/v1/layers/sensingAreas.geojson')
      ).json() as FeatureCollectionOf<SensingAreaFeature>;
      expect(recent.features.every((f) => Date.parse(f.properties.acquiredAt) > Date.now() - 73 * HOUR)).toBe(
        true,
      );
      // A bounding box cuts the set.
      const [w, s] = [HANGZHOU[0] - 0.5, HANGZHOU[1] - 0.5];
      const boxed = (
        await get(`/api/v1/layers/sensingAreas.geojson?bbox=${w},${s},${w + 1},${s + 1}`)
      ).json() as FeatureCollectionOf<SensingAreaFeature>;
      expect(boxed.features.length).toBeGreaterThan(0);
      expect(boxed.features.length).toBeLessThan(recent.features.length);
    });

    it('answers a bad window or box with 400 naming the field', async () => {
      for (const [query, field] of [
        ['since=yesterday', 'since'],
        ['since=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z', 'since'],
        ['since=2020-01-01T00:00:00Z', 'since'],
        ['bbox=1,2,3', 'bbox'],
        ['kind=fire_hotspot', 'kind'],
      ] as const) {
        const res = await get(`/api/v1/layers/sensingAreas.geojson?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().fields, query).toEqual([field]);
      }
    });

    it('keeps each caller to their region, and hotspots public', async () => {
      const zj = await h.tokenFor('zj_duty');
      const areas = (
        await get('/api/v1/layers/sensingAreas.geojson', zj)
      ).json() as FeatureCollectionOf<SensingAreaFeature>;
      expect(areas.features.length).toBeGreaterThan(0);
      const regions = await h.db.sql.query<{ region_code: string }>(
        'SELECT region_code FROM remote_sensing_product WHERE id = ANY($1::int[])',
        [areas.features.map((f) => f.id)],
      );
      expect(regions.every((r) => r.region_code.startsWith('33'))).toBe(true);
      const zjHot = (
        await get('/api/v1/layers/hotspots.geojson', zj)
      ).json() as FeatureCollectionOf<HotspotFeature>;
      const national = (
        await get('/api/v1/layers/hotspots.geojson')
      ).json() as FeatureCollectionOf<HotspotFeature>;
      expect(national.features.length).toBeGreaterThan(zjHot.features.length);
      const sc = national.features.find((f) => Math.abs(f.geometry.coordinates[0] - MULI[0]) < 0.05);
      expect((await detail('hotspots', sc?.id as number, zj)).status).toBe(404);

      const publicHot = await get('/api/v1/layers/hotspots.geojson', null);
      expect(publicHot.statusCode).toBe(200);
      expect((publicHot.json() as FeatureCollectionOf<HotspotFeature>).features.length).toBe(
        national.features.length,
      );
      for (const layer of ['sensingAreas', 'droneFlights', 'cameras']) {
        expect((await get(`/api/v1/layers/${layer}.geojson`, null)).statusCode, layer).toBe(401);
      }
      // An unchanged layer costs a 304.
      const first = await get('/api/v1/layers/sensingAreas.geojson', zj);
      const again = await h.server.app.inject({
        method: 'GET',
        url: '/api/v1/layers/sensingAreas.geojson',
        headers: { authorization: `Bearer ${zj}`, 'if-none-match': String(first.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    });

    it('draws drone flights with a time for every vertex, and details them', async () => {
      const flights = (
        await get(`/api/v1/layers/droneFlights.geojson?${seeded}`)
      ).json() as FeatureCollectionOf<DroneFlightFeature>;
      expect(flights.features.length).toBeGreaterThan(0);
      for (const f of flights.features) {
        expect(f.geometry.type).toBe('LineString');
        expect(f.properties.times).toHaveLength(f.geometry.coordinates.length);
        const t = f.properties.times.map((x) => Date.parse(x));
        expect(t.every((x, i) => i === 0 || x > (t[i - 1] as number))).toBe(true);
        expect(t[0]).toBe(Date.parse(f.properties.startedAt));
      }
      const [valid] = await h.db.sql.query<{ ok: boolean }>(
        'SELECT bool_and(ST_IsValidTrajectory(path)) AS ok FROM drone_flight',
      );
      expect(valid?.ok).toBe(true);
      const flight = flights.features[0] as DroneFlightFeature;
      const d = await detail('droneFlights', flight.id);
      expect(d.status).toBe(200);
      expect(field(d.data, 'platform')).toBe(flight.properties.platform);
      expect(field(d.data, 'lengthKm')).toBeGreaterThan(0);
      // The drawer points at where the drone was last.
      const last = flight.geometry.coordinates.at(-1) as [number, number];
      expect(d.data.lon).toBeCloseTo(last[0], 5);
      expect(d.data.lat).toBeCloseTo(last[1], 5);
    });
  });

  describe('cameras', () => {
    let cameras: CameraFeature[];
    beforeAll(async () => {
      cameras = ((await get('/api/v1/layers/cameras.geojson')).json() as FeatureCollectionOf<CameraFeature>)
        .features;
    });

    it('has a view for every camera, and no stream address on the layer', async () => {
      const [n] = await h.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM sensor WHERE kind = 'camera'",
      );
      expect(cameras).toHaveLength(n?.n as number);
      for (const c of cameras) {
        expect(c.properties.bearingDeg).toBeGreaterThanOrEqual(0);
        expect(c.properties.bearingDeg).toBeLessThan(360);
        expect(c.properties.fovDeg).toBeGreaterThan(0);
        expect(c.properties.rangeM).toBeGreaterThan(0);
      }
      expect(JSON.stringify(cameras)).not.toMatch(/rtsp:|m3u8/);
    });

    it('gives cleared roles the stream link (audited), everyone in the region the still', async () => {
      const camera = cameras[0] as CameraFeature;
      const commander = await detail('cameras', camera.id, await h.tokenFor('commander'));
      expect(commander.status).toBe(200);
      const links = Object.fromEntries((commander.data.links ?? []).map((l) => [l.key, l]));
      expect(links.stream?.href).toMatch(/^(rtsp|https):\/\//);
      expect(links.stream?.kind).toBe('stream');
      expect(links.still).toMatchObject({
        href: `/api/v1/cameras/${camera.properties.code}/still`,
        kind: 'image',
      });
      expect(field(commander.data, 'fovDeg')).toBe(camera.properties.fovDeg);
      const [audit] = await h.db.sql.query<{ target: string }>(
        "SELECT target FROM audit_log WHERE action = 'features.detail.sensitive' AND actor = 'commander' ORDER BY id DESC LIMIT 1",
      );
      expect(audit?.target).toBe(`cameras/${camera.id}`);

      const analyst = await detail('cameras', camera.id, await h.tokenFor('analyst'));
      expect((analyst.data.links ?? []).map((l) => l.key)).toEqual(['still']);
      expect(JSON.stringify(analyst.data)).not.toContain(links.stream?.href as string);
    });

    it('draws the still as an image, escaped, for the camera’s region only', async () => {
      const camera = cameras[0] as CameraFeature;
      await h.db.sql.query('UPDATE sensor SET name = $2 WHERE id = $1', [camera.id, '东门<script>&"监控"']);
      const res = await get(`/api/v1/cameras/${camera.properties.code}/still`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body).toContain('<svg');
      expect(res.body).toContain('东门&#60;script&#62;&#38;&#34;监控&#34;');
      expect(res.body).not.toContain('<script>');
      expect(res.body).toContain('示意画面');
      expect(res.body).toContain(`${camera.properties.bearingDeg}°`);

      const [outside] = await h.db.sql.query<{ code: string }>(
        `SELECT s.code FROM camera_view v JOIN sensor s ON s.id = v.sensor_id WHERE s.region_code NOT LIKE '33%' LIMIT 1`,
      );
      const zj = await h.tokenFor('zj_duty');
      expect((await get(`/api/v1/cameras/${outside?.code}/still`, zj)).statusCode).toBe(404);
      expect((await get(`/api/v1/cameras/${outside?.code}/still`, null)).statusCode).toBe(401);
      expect((await get('/api/v1/cameras/NOPE/still')).statusCode).toBe(404);
    });
  });
});
