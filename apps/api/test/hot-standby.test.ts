import { pointLayerIds } from '@onemap/domain';
import { type Database, openDatabase } from '@onemap/prisma';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRun, freePort, runApi, signIn, waitHealthy } from '../support/api-process.js';
import { postgresPrograms, type StandbyPair, startStandbyPair } from '../support/standby.js';

/**
 * The reads that tolerate lag on a real hot standby (pg_basebackup, streaming, read only), as
 * docs/deploy.md lays out: read-replicas.test.ts proves the routing on a second database that
 * takes writes; this proves that nothing the API sends a replica needs to write, which a writable
 * stand-in cannot show.
 */
const programs = postgresPrograms();

describe.runIf(testEngine === 'postgres' && programs)('the API on a primary and a hot standby', () => {
  let pair: StandbyPair;
  let api: ApiRun;
  let port: number;
  let token: string;
  let primary: Database;
  let standby: Database;

  beforeAll(async () => {
    pair = await startStandbyPair(programs as string);
    const admin = await openDatabase({ kind: 'postgres', url: pair.primary('postgres'), poolSize: 1 });
    await admin.sql.query('CREATE DATABASE onemap');
    await admin.close();
    port = await freePort();
    api = runApi({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: pair.primary('onemap'),
      DATABASE_REPLICA_URLS: pair.standby('onemap'),
      ONEMAP_DEMO: '1',
    });
    await waitHealthy(port, 180_000, api);
    token = await signIn(port, 'admin');
    primary = await openDatabase({ kind: 'postgres', url: pair.primary('onemap'), poolSize: 1 });
    standby = await openDatabase({ kind: 'postgres', url: pair.standby('onemap'), poolSize: 1 });
    await caughtUp();
  }, 300_000);

  /** Until the standby has replayed everything the primary has written so far (the seed, a write). */
  const caughtUp = async () => {
    const [{ lsn } = { lsn: '' }] = await primary.sql.query<{ lsn: string }>(
      'SELECT pg_current_wal_insert_lsn()::text AS lsn',
    );
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
      const [replayed] = await standby.sql.query<{ done: boolean }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
        [lsn],
      );
      if (replayed?.done) return;
      if (Date.now() > deadline) throw new Error(`the standby has not replayed up to ${lsn} in 30 s`);
    }
  };

  afterAll(async () => {
    api?.child.kill('SIGTERM');
    await api?.exit;
    await primary?.close();
    await standby?.close();
    await pair?.stop();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    const body = await res.text();
    return { status: res.status, body, cookie: res.headers.get('set-cookie') };
  };
  const trpc = (path: string, input?: unknown) =>
    call(`/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`);
  /** Transactions the standby has finished in OneMap's database (its own statistics). */
  const standbyTransactions = async () =>
    (
      await standby.sql.query<{ n: number }>(
        "SELECT (xact_commit + xact_rollback)::int AS n FROM pg_stat_database WHERE datname = 'onemap'",
      )
    )[0]?.n as number;

  it('is a standby, and the API says it reads from it', async () => {
    const [recovering] = await standby.sql.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
    expect(recovering?.r).toBe(true);
    const health = JSON.parse((await call('/healthz')).body) as { readReplicas: number };
    expect(health.readReplicas).toBe(1);
  });

  it('answers every lag-tolerant read from the standby: the open interface, map tiles and the tRPC reads', async () => {
    const [incident] = await primary.sql.query<{ id: number }>('SELECT id FROM incident ORDER BY id LIMIT 1');
    const [sensor] = await primary.sql.query<{ code: string }>('SELECT code FROM sensor ORDER BY id LIMIT 1');
    const [team] = await primary.sql.query<{ id: number }>('SELECT id FROM rescue_team ORDER BY id LIMIT 1');
    const before = await standbyTransactions();
    const reads = [
      '/api/v1/incidents.geojson',
      `/api/v1/incidents/${incident?.id}`,
      `/api/v1/incidents/${incident?.id}/recommendations`,
      '/api/v1/sensors.geojson?bbox=73,3,136,54',
      `/api/v1/sensors/${sensor?.code}`,
      `/api/v1/sensors/${sensor?.code}/readings`,
      '/api/v1/alarms',
      '/api/v1/regions/at?lon=120.16&lat=30.27',
      '/api/v1/warnings.geojson',
      ...['commLinks', 'hotspots', 'sensingAreas', 'droneFlights', 'cameras'].map(
        (layer) => `/api/v1/layers/${layer}.geojson`,
      ),
      // The tile over eastern China at z3, for every point layer.
      ...pointLayerIds.map((layer) => `/api/v1/layers/${layer}/tiles/3/6/3.bin`),
    ];
    for (const path of reads) {
      const res = await call(path);
      expect(res.status, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    const queries: Array<[string, unknown]> = [
      ['layers.summary', undefined],
      ['search.query', { q: '杭州' }],
      // A sensitive read: read from the standby, its audit entry written to the primary.
      ['features.detail', { layer: 'teams', id: team?.id }],
      ['incidents.list', {}],
      ['monitoring.alarms', {}],
      ['dispatch.activeUnits', undefined],
      ['warnings.list', {}],
      ['publicInfo.warnings', undefined],
    ];
    for (const [path, input] of queries) {
      const res = await trpc(path, input);
      expect(res.status, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    // Every one of those reads ran on the standby (statistics reach the view within a second or so).
    await expect.poll(standbyTransactions, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + reads.length);
    const [audited] = await primary.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'features.detail.sensitive' AND target = $1",
      [`teams/${team?.id}`],
    );
    expect(audited?.n).toBe(1);
  });

  it('a write lands on the primary, streams to the standby, and its writer reads it back at once', async () => {
    const created = await call('/api/v1/incidents', {
      method: 'POST',
      body: JSON.stringify({ type: 'fire', title: '主备读写测试', lon: 120.16, lat: 30.27 }),
    });
    expect(created.status, created.body).toBe(201);
    const { code } = (JSON.parse(created.body) as { incident: { code: string } }).incident;
    // The writer's next reads go to the primary for a while (the cookie), so it sees its write.
    const own = await call('/api/v1/incidents.geojson', { headers: { cookie: created.cookie ?? '' } });
    expect(own.body).toContain(code);
    // The standby replays it within moments.
    await caughtUp();
    expect(await standby.sql.query('SELECT 1 FROM incident WHERE code = $1', [code])).toHaveLength(1);
  });
});
