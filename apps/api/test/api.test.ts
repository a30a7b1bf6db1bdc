import {
  decodePointBatch,
  type FeatureDetail,
  pointLayerIds,
  pointLayers,
  type SearchHit,
} from '@onemap/domain';
import { lonLatToTile, tileBounds } from '@onemap/geo';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/server.js';
import { type Harness, startHarness, trpcQuery } from './harness.js';

describe(`OneMap API on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    h.server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}`, ...headers } });
  afterAll(() => h?.close());

  describe('health and unknown routes', () => {
    it('answers /healthz with the engine and version once ready', async () => {
      const res = await h.server.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        db: testEngine,
        version: 'test',
        // Against a server the read replicas in use are told; the harness has none.
        ...(testEngine === 'postgres' ? { readReplicas: 0 } : {}),
      });
    });

    it('answers 503 before the database is ready, for health and data alike', async () => {
      const starting = await createServer({ webDist: '/nonexistent', version: 'x', logLevel: 'silent' });
      const health = await starting.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'starting' });
      const data = await starting.app.inject({ method: 'GET', url: '/api/v1/layers/commLinks.geojson' });
      expect(data.statusCode).toBe(503);
      await starting.app.close();
    });

    it('answers unknown routes with 404 JSON', async () => {
      for (const url of ['/api/v1/nope', '/api/v2/layers', '/trpc/nope.nothing']) {
        const res = await get(url, { accept: 'text/html' });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/json/);
      }
    });
  });

  describe('point layer tiles', () => {
    it('holds every feature of each layer exactly once across the world tile', async () => {
      const summary = (await trpcQuery(h, 'layers.summary', undefined, admin)).body.result?.data as Array<{
        layer: string;
        total: number;
      }>;
      for (const layer of pointLayerIds) {
        const res = await get(`/api/v1/layers/${layer}/tiles/0/0/0.bin`);
        expect(res.statusCode).toBe(200);
        const batch = decodePointBatch(res.rawPayload);
        const total = summary.find((s) => s.layer === layer)?.total;
        expect(total, layer).toBeGreaterThan(0);
        expect(batch.count, layer).toBe(total);
        expect(new Set(batch.ids).size).toBe(batch.count);
      }
    });

    it('cuts a layer into tiles that partition it, with codes that match the database', async () => {
      const [hz] = await h.db.sql.query<{ lon: number; lat: number }>(
        `SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM sensor ORDER BY id LIMIT 1`,
      );
      const z = pointLayers.sensors.tileZoom;
      const { x, y } = lonLatToTile(hz?.lon ?? 0, hz?.lat ?? 0, z);
      const res = await get(`/api/v1/layers/sensors/tiles/${z}/${x}/${y}.bin`);
      const batch = decodePointBatch(res.rawPayload);
      const [minLon, minLat, maxLon, maxLat] = tileBounds(z, x, y);
      const expected = await h.db.sql.query<{ id: number; kind: string; state: string }>(
        `SELECT id, kind, state FROM sensor WHERE ST_X(location) >= $1 AND ST_X(location) < $3
            AND ST_Y(location) >= $2 AND ST_Y(location) < $4 ORDER BY id`,
        [minLon, minLat, maxLon, maxLat],
      );
      expect(batch.count).toBe(expected.length);
      expect(batch.count).toBeGreaterThan(0);
      expected.forEach((row, i) => {
        expect(batch.ids[i]).toBe(row.id);
        expect(pointLayers.sensors.category.at(batch.category[i] as number)).toBe(row.kind);
        expect(pointLayers.sensors.state.at(batch.state[i] as number)).toBe(row.state);
        expect(batch.lon[i]).toBeGreaterThanOrEqual(minLon - 1e-4);
        expect(batch.lat[i]).toBeLessThanOrEqual(maxLat + 1e-4);
      });
    });

    it('answers an unchanged tile with 304 when the client sends its ETag', async () => {
      const first = await get('/api/v1/layers/incidents/tiles/0/0/0.bin');
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      const again = await get('/api/v1/layers/incidents/tiles/0/0/0.bin', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.byteLength).toBe(0);
    });

    it('compresses tiles for clients that accept gzip', async () => {
      const res = await get('/api/v1/layers/sensors/tiles/0/0/0.bin', { 'accept-encoding': 'gzip' });
      expect(res.headers['content-encoding']).toBe('gzip');
    });

    it('refuses bad tile addresses with 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['/api/v1/layers/volcanoes/tiles/5/1/1.bin', 'layer'],
        ['/api/v1/layers/sensors/tiles/99/1/1.bin', 'z'],
        ['/api/v1/layers/sensors/tiles/5/-1/1.bin', 'x'],
        ['/api/v1/layers/sensors/tiles/5/1/abc.bin', 'y'],
        ['/api/v1/layers/sensors/tiles/2/9/1.bin', 'y'],
      ];
      for (const [url, field] of cases) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().fields, url).toContain(field);
      }
    });
  });

  describe('communication links', () => {
    it('serve the core ring Beijing–Shanghai–Guiyang–Lanzhou and the dual-linked provincial nodes as GeoJSON', async () => {
      const res = await get('/api/v1/layers/commLinks.geojson');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/geo\+json/);
      const fc = res.json() as {
        features: Array<{ geometry: { coordinates: number[][] }; properties: { name: string } }>;
      };
      const names = fc.features.map((f) => f.properties.name);
      for (const [a, b] of [
        ['北京', '上海'],
        ['上海', '贵阳'],
        ['贵阳', '兰州'],
        ['兰州', '北京'],
      ]) {
        expect(
          names.some((n) => n.includes(`核心节点（${a}）`) && n.includes(`核心节点（${b}）`)),
          `${a}–${b}`,
        ).toBe(true);
      }
      const provincialLinks = await h.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM comm_link l JOIN comm_node a ON a.id = l.from_node_id
           JOIN comm_node b ON b.id = l.to_node_id WHERE a.kind = 'provincial' AND b.kind = 'core'
          GROUP BY a.id`,
      );
      expect(provincialLinks).toHaveLength(32);
      expect(provincialLinks.every((r) => r.n === 2)).toBe(true);
      for (const f of fc.features) expect(f.geometry.coordinates).toHaveLength(2);
    });
  });

  describe('feature details', () => {
    it('return a sensor with its region, labelled fields and units', async () => {
      const [row] = await h.db.sql.query<{ id: number; name: string; region_code: string }>(
        `SELECT id, name, region_code FROM sensor WHERE last_value IS NOT NULL ORDER BY id LIMIT 1`,
      );
      const res = await trpcQuery(h, 'features.detail', { layer: 'sensors', id: row?.id }, admin);
      expect(res.status).toBe(200);
      const detail = res.body.result?.data as FeatureDetail;
      expect(detail.name).toBe(row?.name);
      expect(detail.region?.code).toBe(row?.region_code);
      expect(detail.region?.name).toMatch(/[\u4e00-\u9fff]/);
      const state = detail.fields.find((f) => f.key === 'state');
      expect(state?.value).toHaveProperty('zh');
      expect(state?.value).toHaveProperty('en');
      expect(detail.fields.find((f) => f.key === 'lastValue')?.value).toEqual(expect.any(Number));
    });

    it('answer 404 for a feature that does not exist and 400 naming a malformed field', async () => {
      const missing = await trpcQuery(h, 'features.detail', { layer: 'teams', id: 99_999_999 }, admin);
      expect(missing.status).toBe(404);
      const bad = await trpcQuery(h, 'features.detail', { layer: 'teams', id: 'seven' }, admin);
      expect(bad.status).toBe(400);
      expect(bad.body.error?.data.fields?.map((f) => f.path)).toEqual(['id']);
      const badLayer = await trpcQuery(h, 'features.detail', { layer: 'ufo', id: 1 }, admin);
      expect(badLayer.status).toBe(400);
      expect(badLayer.body.error?.message).toMatch(/layer/);
    });
  });

  describe('search', () => {
    const search = async (q: string) => {
      const res = await trpcQuery(h, 'search.query', { q }, admin);
      expect(res.status, q).toBe(200);
      return res.body.result?.data as SearchHit[];
    };

    it('finds a province by its Chinese name first, with its extent to fly to', async () => {
      const [first] = await search('浙江');
      expect(first?.kind).toBe('region');
      expect(first?.name).toBe('浙江省');
      expect(first?.bbox?.[0]).toBeGreaterThan(117);
      expect(first?.bbox?.[2]).toBeLessThan(124);
    });

    it('finds places by pinyin and English too', async () => {
      const pinyinHits = await search('hangzhou');
      expect(pinyinHits.some((h) => h.name.startsWith('杭州'))).toBe(true);
      const english = await search('Sichuan');
      expect(english[0]?.name).toBe('四川省');
    });

    it('finds features by name', async () => {
      const [team] = await h.db.sql.query<{ name: string; id: number }>(
        'SELECT name, id FROM rescue_team ORDER BY id LIMIT 1',
      );
      const hits = await search(team?.name ?? '');
      expect(hits.some((h) => h.kind === 'teams' && h.id === String(team?.id))).toBe(true);
    });

    it('treats LIKE wildcards as text and refuses an empty query with 400', async () => {
      expect(await search('%%%')).toEqual([]);
      expect(await search('_')).toEqual([]);
      const empty = await trpcQuery(h, 'search.query', { q: '   ' }, admin);
      expect(empty.status).toBe(400);
      expect(empty.body.error?.data.fields?.[0]?.path).toBe('q');
    });
  });
});
