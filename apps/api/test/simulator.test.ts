import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type SensorKind, sensorKindDefaults, sensorKinds } from '@onemap/domain';
import { destination, haversineKm } from '@onemap/geo';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttBroker } from '../src/mqtt/broker.js';
import { createToken } from '../src/services/api-tokens.js';
import { activeUnits } from '../src/services/dispatch.js';
import { NATIONAL_SCOPE } from '../src/services/scope.js';
import { dbCatalogue } from '../src/simulator/catalogue.js';
import { mqttPublisher } from '../src/simulator/publisher.js';
import type { SimEvent } from '../src/simulator/scenarios.js';
import { startSimulator } from '../src/simulator/simulator.js';
import { alongRoute, planRoute, startUnitFleet } from '../src/simulator/units.js';
import { type Harness, startHarness, TEST_PASSWORD } from './harness.js';
import { startHarnessBroker } from './mqtt-harness.js';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs `pnpm simulate` (the CLI itself, in its own process) and collects its JSON events. */
function simulate(args: string[]): Promise<{ code: number | null; events: SimEvent[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--json', ...args], {
      cwd: apiRoot,
      env: { ...process.env, MQTT_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('exit', (code) =>
      resolve({
        code,
        stderr,
        events: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as SimEvent),
      }),
    );
  });
}

describe(`the demo simulator on ${testEngine}`, () => {
  let h: Harness;
  let broker: MqttBroker;
  let url: string;

  beforeAll(async () => {
    h = await startHarness();
    broker = await startHarnessBroker(h);
    await h.server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.server.app.server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await broker?.close();
    await h?.close();
  });

  const cli = (...args: string[]) =>
    simulate([
      '--url',
      url,
      '--user',
      'admin',
      '--password',
      TEST_PASSWORD,
      '--mqtt',
      `mqtt://127.0.0.1:${broker.port}`,
      ...args,
    ]);

  it('river-rise: the lowest-coded gauge of the named city rises past warning and alarm, and the alarm clears as it recedes', async () => {
    // The test data is small: take a city that has a gauge, Hangzhou when it has one.
    const [city] = await h.db.sql.query<{ name: string; code: string }>(
      `SELECT r.name, r.code FROM sensor s JOIN region r ON r.code = substr(s.region_code, 1, 4) || '00'
        WHERE s.kind = 'water_level' AND r.level = 'city'
        ORDER BY (r.code = '330100') DESC, r.code LIMIT 1`,
    );
    expect(city).toBeDefined();
    const [gauge] = await h.db.sql.query<{ code: string; id: number }>(
      `SELECT code, id FROM sensor WHERE kind = 'water_level' AND region_code LIKE $1 ORDER BY code LIMIT 1`,
      [`${city?.code.slice(0, 4)}%`],
    );
    const started = new Date(Date.now() - 1000).toISOString();

    const shortName = city?.name.replace(/市$/, '') as string;
    const run = await cli(
      '--only-scenario',
      'river-rise',
      '--city',
      shortName,
      '--speed',
      '10',
      '--hold',
      '1',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const seen = run.events.filter((e) => e.scenario === 'river-rise');
    expect(seen[0]).toMatchObject({ event: 'started', sensor: gauge?.code, place: city?.name });
    expect(seen.filter((e) => e.event === 'crossed').map((e) => e.level)).toEqual(['warning', 'alarm']);
    expect(seen.map((e) => e.event)).toContain('cleared');
    expect(seen.at(-1)?.event).toBe('done');

    // What the operator sees in OneMap: one threshold alarm that went past the alarm level (its
    // peak) and cleared by itself on the way down.
    const alarms = await h.db.sql.query<{ state: string; peak_value: number }>(
      `SELECT state, peak_value FROM alarm WHERE sensor_id = $1 AND rule = 'threshold' AND raised_at >= $2`,
      [gauge?.id, started],
    );
    const alarmAt = seen.find((e) => e.level === 'alarm')?.threshold as number;
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.state).toBe('cleared');
    expect(alarms[0]?.peak_value).toBeGreaterThanOrEqual(alarmAt);
    // Rate-of-change alarms raised by the fast rise and fall have cleared as well.
    const open = await h.db.sql.query(`SELECT rule FROM alarm WHERE sensor_id = $1 AND state <> 'cleared'`, [
      gauge?.id,
    ]);
    expect(open).toEqual([]);
    const [sensor] = await h.db.sql.query<{ state: string }>('SELECT state FROM sensor WHERE id = $1', [
      gauge?.id,
    ]);
    expect(sensor?.state).toBe('normal');
    // The gateway token made for the run does not outlive it.
    const tokens = await h.db.sql.query<{ revoked_at: Date | null }>(
      "SELECT revoked_at FROM api_token WHERE name LIKE 'simulator %'",
    );
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.revoked_at !== null)).toBe(true);
  });

  it('gas-leak: a gas detector at a hazardous-chemical plant spikes past alarm and decays back', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    const run = await cli('--only-scenario', 'gas-leak', '--speed', '20', '--hold', '0.5');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const start = run.events.find((e) => e.event === 'started');
    const [detector] = await h.db.sql.query<{ id: number; kind: string; enterprise_kind: string }>(
      `SELECT s.id, s.kind, e.kind AS enterprise_kind FROM sensor s JOIN enterprise e ON e.id = s.enterprise_id
        WHERE s.code = $1`,
      [start?.sensor],
    );
    expect(detector?.enterprise_kind).toBe('hazardous_chemicals');
    expect(detector?.kind).toMatch(/^gas_/);
    expect(run.events.filter((e) => e.event === 'crossed').map((e) => e.level)).toEqual(['warning', 'alarm']);
    const alarms = await h.db.sql.query<{ state: string }>(
      `SELECT state FROM alarm WHERE sensor_id = $1 AND rule = 'threshold' AND raised_at >= $2`,
      [detector?.id, started],
    );
    expect(alarms).toEqual([{ state: 'cleared' }]);
  });

  it('refuses an unknown scenario or city with a clear line', async () => {
    const unknown = await cli('--only-scenario', 'volcano');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario volcano/);
    const nowhere = await cli('--only-scenario', 'river-rise', '--city', 'Atlantis');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/no city called Atlantis/);
  });

  it('publishes everyday readings inside each kind’s normal range, under the rate cap', async () => {
    const token = (
      await createToken(h.db.sql, { name: 'sim-test', role: 'sensor_gateway', regionCode: '000000' }, 'test')
    ).token;
    const publisher = await mqttPublisher({
      url: `mqtt://127.0.0.1:${broker.port}`,
      password: token,
      topicRoot: 'onemap',
      clientId: 'sim-test',
    });
    const since = new Date().toISOString();
    const before = broker.stats.accepted;
    const sim = await startSimulator({
      catalogue: dbCatalogue(h.db.sql),
      publisher,
      rate: 40,
      scenarios: [],
      scenarioOptions: { speed: 1 },
      onEvent: () => undefined,
    });
    expect(sim.ratePerS).toBeLessThanOrEqual(40);
    expect(sim.simulated).toBeGreaterThan(0);
    await expect.poll(() => broker.stats.accepted - before, { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    await sim.stop();
    await publisher.close();

    const rows = await h.db.sql.query<{ kind: string; value: number }>(
      `SELECT s.kind, r.value FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id WHERE r.ts >= $1`,
      [since],
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const { kind, value } of rows) {
      expect(sensorKinds.codes).toContain(kind);
      const [lo, hi] = sensorKindDefaults[kind as SensorKind].normal;
      expect(value, kind).toBeGreaterThanOrEqual(lo);
      expect(value, kind).toBeLessThanOrEqual(hi);
    }
    expect(broker.stats.rejected).toBe(0);
  });

  it('refuses a run with nothing to do', async () => {
    const idle = await cli('--rate', '0');
    expect(idle.code).toBe(2);
    expect(idle.stderr).toMatch(/nothing to do/);
  });

  it('drives a dispatched team to the scene, where the geofence sees it arrive, and home again', async () => {
    const [team] = await h.db.sql.query<{ id: number; code: string; lon: number; lat: number }>(
      `SELECT id, code, ST_X(base_location) AS lon, ST_Y(base_location) AS lat FROM rescue_team
        WHERE status = 'available' AND type = 'fire_rescue' AND region_code LIKE '33%' ORDER BY id LIMIT 1`,
    );
    if (!team) throw new Error('no available fire team in Zhejiang in the test data');
    const scene = destination([team.lon, team.lat], 4, 60);
    const [incident] = await h.db.sql.query<{ id: number }>(
      `INSERT INTO incident (code, title, class, type, level, status, region_code, occurred_at, location)
       VALUES ('INC-SIM-1', '模拟火灾', 'accident', 'fire', 'IV', 'responding', '330106', now(),
               ST_SetSRID(ST_MakePoint($1, $2), 4326)) RETURNING id`,
      scene,
    );
    await h.db.sql.query("UPDATE rescue_team SET status = 'dispatched' WHERE id = $1", [team.id]);
    // Dispatched a while ago: its turn-out is over.
    const [assignment] = await h.db.sql.query<{ id: number }>(
      `INSERT INTO assignment (incident_id, team_id, task, dispatched_by, dispatched_at)
       VALUES ($1, $2, '灭火', 'test', now() - interval '10 minutes') RETURNING id`,
      [incident?.id, team.id],
    );
    const token = (
      await createToken(h.db.sql, { name: 'sim-units', role: 'sensor_gateway', regionCode: '000000' }, 'test')
    ).token;
    const publisher = await mqttPublisher({
      url: `mqtt://127.0.0.1:${broker.port}`,
      password: token,
      topicRoot: 'onemap',
      clientId: 'sim-units',
    });
    const events: string[] = [];
    // 4 km at 45 km/h is 5.3 minutes; at 600 times real time, half a second.
    const fleet = startUnitFleet({
      source: () => activeUnits(h.db.sql, NATIONAL_SCOPE),
      publisher,
      speed: 600,
      intervalS: 0.1,
      emit: (e) => events.push(e.message),
    });
    const statusOf = async () =>
      (
        await h.db.sql.query<{ status: string; arrival_source: string | null }>(
          'SELECT status, arrival_source FROM assignment WHERE id = $1',
          [assignment?.id],
        )
      )[0];
    try {
      await expect
        .poll(statusOf, { timeout: 20_000 })
        .toEqual({ status: 'on_scene', arrival_source: 'geofence' });
      const [track] = await h.db.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM unit_position WHERE team_id = $1',
        [team.id],
      );
      expect(track?.n).toBeGreaterThan(3);
      await h.db.sql.query("UPDATE rescue_team SET status = 'returning' WHERE id = $1", [team.id]);
      await h.db.sql.query("UPDATE assignment SET status = 'returning' WHERE id = $1", [assignment?.id]);
      await expect
        .poll(statusOf, { timeout: 20_000 })
        .toEqual({ status: 'completed', arrival_source: 'geofence' });
      expect(events.some((m) => m.includes(team.code) && m.includes('heads home'))).toBe(true);
    } finally {
      await fleet.stop();
      await publisher.close();
    }
  });
});

describe('unit routes', () => {
  it('bend off the straight line but start and end where asked, the same for the same trip', () => {
    const from: [number, number] = [120, 30];
    const to = destination(from, 10, 45);
    const route = planRoute(from, to, 7);
    expect(route[0]).toEqual(from);
    expect(route.at(-1)).toEqual(to);
    expect(route).toHaveLength(4);
    expect(planRoute(from, to, 7)).toEqual(route);
    const length = route.slice(1).reduce((km, p, i) => km + haversineKm(route[i] as [number, number], p), 0);
    expect(length).toBeGreaterThan(10);
    expect(length).toBeLessThan(10 * 1.35);
  });

  it('are walked a distance at a time, ending at the target', () => {
    const from: [number, number] = [120, 30];
    const to = destination(from, 6, 90);
    const route = planRoute(from, to, 2);
    const mid = alongRoute(route, 2);
    expect(mid.done).toBe(false);
    expect(haversineKm(from, mid.at)).toBeLessThanOrEqual(2.0001);
    const end = alongRoute(route, 100);
    expect(end).toMatchObject({ at: to, done: true });
  });
});
