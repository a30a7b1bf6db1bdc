import {
  type CandidateTeam,
  type IncidentDetail,
  incidentStatuses,
  incidentTransitions,
  type OperationsChange,
  type Recommendation,
  recommendTeams,
  type TeamType,
} from '@onemap/domain';
import { destination, estimateTravel } from '@onemap/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/services/api-tokens.js';
import { callerFor, type Harness, startHarness, trpcMutation, trpcQuery } from './harness.js';
import { connectGateway, startHarnessBroker } from './mqtt-harness.js';

/** West Lake, Hangzhou: inside 330100 (杭州市), in zj_duty's region. */
const HANGZHOU: [number, number] = [120.1551, 30.2741];
/** Guangzhou: outside zj_duty's region. */
const GUANGZHOU: [number, number] = [113.2644, 23.1291];

let h: Harness;
let duty: string;
let commander: string;
let field: string;
let analyst: string;
let gatewayToken: string;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
  duty = await h.tokenFor('zj_duty');
  commander = await h.tokenFor('commander');
  field = await h.tokenFor('hz_field');
  analyst = await h.tokenFor('analyst');
  gatewayToken = (
    await createToken(h.db.sql, { name: 'zj-avl', role: 'sensor_gateway', regionCode: '330000' }, 'test')
  ).token;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function post(url: string, body: unknown, token: string) {
  const res = await h.server.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

async function get(url: string, token: string) {
  const res = await h.server.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** A fresh place near Hangzhou for each scenario, so duplicates of one do not meet another's. */
function freshPlace(): [number, number] {
  seq++;
  const p = destination(HANGZHOU, 8 + (seq % 7) * 4, (seq * 47) % 360);
  return [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
}

async function takeIn(
  at: [number, number],
  extra: Record<string, unknown> = {},
  token = duty,
): Promise<IncidentDetail> {
  const res = await trpcMutation(
    h,
    'incidents.takeIn',
    { type: 'fire', title: `测试火灾 ${seq}`, lon: at[0], lat: at[1], confirmNotDuplicate: true, ...extra },
    token,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.result?.data as { incident: IncidentDetail } | undefined)?.incident as IncidentDetail;
}

async function transition(id: number, to: string, extra: Record<string, unknown> = {}, token = duty) {
  return trpcMutation(h, 'incidents.transition', { id, to, ...extra }, token);
}

async function incident(id: number): Promise<IncidentDetail> {
  const res = await trpcQuery(h, 'incidents.get', { id }, duty);
  expect(res.status).toBe(200);
  return res.body.result?.data as IncidentDetail;
}

/** A team of ours at a known place, available, in Hangzhou. */
async function addTeam(code: string, type: TeamType, at: [number, number], status = 'available') {
  await h.db.sql.query(
    `INSERT INTO rescue_team (code, name, type, status, members, capabilities, region_code, base_location, location)
     VALUES ($1, $1, $2, $3, 20, '{}', '330106', ST_SetSRID(ST_MakePoint($4, $5), 4326), ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
    [code, type, status, at[0], at[1]],
  );
}

async function teamStatus(code: string): Promise<string> {
  const [row] = await h.db.sql.query<{ status: string }>('SELECT status FROM rescue_team WHERE code = $1', [
    code,
  ]);
  return row?.status as string;
}

describe('taking an incident in over the open interface', () => {
  it('derives the region, suggests the level from the figures and starts the timeline', async () => {
    const at = freshPlace();
    const res = await post(
      '/api/v1/incidents',
      {
        type: 'hazchem_leak',
        title: '化工厂泄漏',
        lon: at[0],
        lat: at[1],
        casualties: { deaths: 2, missing: 1 },
      },
      duty,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const detail = res.body.incident as IncidentDetail;
    expect(detail.regionCode).toMatch(/^3301/);
    expect(detail.level).toBe('III'); // 3 dead incl. missing → 较大
    expect(detail.suggestion.level).toBe('III');
    expect(detail.status).toBe('reported');
    expect(detail.code).toMatch(/^INC\d{8}-\d{6}$/);
    expect(detail.timeline.map((e) => [e.kind, e.actor])).toEqual([['created', 'zj_duty']]);
    const read = await get(`/api/v1/incidents/${detail.id}`, duty);
    expect(read.status).toBe(200);
    expect((read.body as unknown as IncidentDetail).code).toBe(detail.code);
    const list = await get('/api/v1/incidents.geojson?status=reported', duty);
    const codes = (list.body.features as Array<{ properties: { code: string; status: string } }>).map(
      (f) => f.properties,
    );
    expect(codes.some((p) => p.code === detail.code)).toBe(true);
    expect(codes.every((p) => p.status === 'reported')).toBe(true);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const [before] = await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM incident');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'meteor', title: 'x', lon: 120, lat: 30 }, 'type'],
      [{ type: 'fire', title: 'x', lon: 200, lat: 30 }, 'lon'],
      [{ type: 'fire', title: 'x', lon: 120, lat: -91 }, 'lat'],
      [{ type: 'fire', title: '', lon: 120, lat: 30 }, 'title'],
      [{ type: 'fire', title: 'x', lon: 120, lat: 30, level: 'IV', casualties: { deaths: 40 } }, 'level'],
      [{ type: 'fire', title: 'x', lon: 120, lat: 30, level: 'V' }, 'level'],
      [{ type: 'fire', title: 'x', lon: 120, lat: 30, casualties: { deaths: -1 } }, 'casualties.deaths'],
      [{ type: 'fire', title: 'x', lon: 120, lat: 30, occurredAt: '2999-01-01T00:00:00Z' }, 'occurredAt'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/v1/incidents', body, duty);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.fields).toContain(field);
    }
    const [after] = await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM incident');
    expect(after?.n).toBe(before?.n);
  });

  it("refuses a location outside the caller's region, and callers without the permission", async () => {
    const outside = await post(
      '/api/v1/incidents',
      { type: 'fire', title: 'x', lon: GUANGZHOU[0], lat: GUANGZHOU[1] },
      duty,
    );
    expect(outside.status).toBe(403);
    const analystTry = await post(
      '/api/v1/incidents',
      { type: 'fire', title: 'x', lon: 120.1, lat: 30.2 },
      analyst,
    );
    expect(analystTry.status).toBe(403);
    const anonymous = await h.server.app.inject({ method: 'POST', url: '/api/v1/incidents', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('possible duplicates', () => {
  it('are shown before saving and refuse an unconfirmed intake', async () => {
    const at = freshPlace();
    const first = await takeIn(at);
    const near = destination(at, 1.2, 90);
    const probe = await trpcQuery(
      h,
      'incidents.duplicates',
      { type: 'fire', lon: near[0], lat: near[1] },
      duty,
    );
    const found = probe.body.result?.data as Array<{ code: string; distanceKm: number }>;
    expect(found.map((d) => d.code)).toContain(first.code);
    expect(found.find((d) => d.code === first.code)?.distanceKm).toBeCloseTo(1.2, 1);
    // Another type at the same place is not a duplicate.
    const other = await trpcQuery(
      h,
      'incidents.duplicates',
      { type: 'flood', lon: near[0], lat: near[1] },
      duty,
    );
    expect(other.body.result?.data).toEqual([]);

    const refused = await trpcMutation(
      h,
      'incidents.takeIn',
      { type: 'fire', title: '又一个火灾', lon: near[0], lat: near[1] },
      duty,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toContain(first.code);
    const confirmed = await takeIn(near);
    expect(confirmed.timeline[0]?.details.possibleDuplicates).toContain(first.code);
  });
});

describe('the incident lifecycle', () => {
  // The domain's table is tested against an independent listing in packages/domain; here the API
  // must apply it, every pair.
  const legal: Readonly<Record<string, readonly string[]>> = incidentTransitions;
  const all = incidentStatuses.codes;
  const paths: Record<string, string[]> = {
    reported: [],
    verified: ['verified'],
    responding: ['verified', 'responding'],
    stabilized: ['verified', 'responding', 'stabilized'],
    closed: ['verified', 'responding', 'stabilized', 'closed'],
    cancelled: ['cancelled'],
    merged: ['merged'],
  };

  it('refuses every illegal transition with a reason and changes nothing', async () => {
    const target = await takeIn(freshPlace());
    for (const from of all) {
      const i = await takeIn(freshPlace());
      for (const step of paths[from] as string[]) {
        const res = await transition(i.id, step, step === 'merged' ? { into: target.id } : {});
        expect(res.status, `${from} via ${step}: ${JSON.stringify(res.body)}`).toBe(200);
      }
      for (const to of all) {
        if ((legal[from] as string[]).includes(to)) continue;
        const res = await transition(i.id, to, to === 'merged' ? { into: target.id } : {});
        expect(res.status, `${from} → ${to}`).toBe(409);
        expect(res.body.error?.message.length).toBeGreaterThan(10);
        expect((await incident(i.id)).status).toBe(from);
      }
    }
  });

  it('records each legal transition by whom and when, offering only legal next steps', async () => {
    const i = await takeIn(freshPlace());
    expect(i.nextStatuses).toEqual(['verified', 'cancelled', 'merged']);
    for (const to of ['verified', 'responding', 'stabilized', 'responding', 'stabilized', 'closed']) {
      const res = await transition(i.id, to, { note: `to ${to}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const done = await incident(i.id);
    expect(done.status).toBe('closed');
    expect(done.closedAt).not.toBeNull();
    expect(done.nextStatuses).toEqual([]);
    const transitions = done.timeline.filter((e) => e.kind === 'transition');
    expect(transitions.map((e) => e.details.to)).toEqual([
      'verified',
      'responding',
      'stabilized',
      'responding',
      'stabilized',
      'closed',
    ]);
    expect(transitions.every((e) => e.actor === 'zj_duty' && typeof e.details.note === 'string')).toBe(true);
    const notes = await trpcMutation(h, 'incidents.note', { id: i.id, text: '事后复盘：处置及时' }, duty);
    expect(notes.status).toBe(200);
    expect((await incident(i.id)).timeline.at(-1)?.kind).toBe('note');
  });

  it('merges a duplicate into an open incident, needing to be told which', async () => {
    const survivor = await takeIn(freshPlace());
    const duplicate = await takeIn(freshPlace());
    const missing = await transition(duplicate.id, 'merged');
    expect(missing.status).toBe(400);
    expect(missing.body.error?.data.fields?.map((f) => f.path)).toEqual(['into']);
    const self = await transition(duplicate.id, 'merged', { into: duplicate.id });
    expect(self.status).toBe(400);
    const ok = await transition(duplicate.id, 'merged', { into: survivor.id });
    expect(ok.status).toBe(200);
    const merged = await incident(duplicate.id);
    expect(merged.mergedInto?.code).toBe(survivor.code);
    expect((await incident(survivor.id)).timeline.some((e) => e.kind === 'merged_in')).toBe(true);
  });

  it('refuses a level below what new figures require, and records an assessment', async () => {
    const i = await takeIn(freshPlace());
    const low = await trpcMutation(
      h,
      'incidents.assess',
      { id: i.id, level: 'IV', casualties: { deaths: 12 } },
      duty,
    );
    expect(low.status).toBe(400);
    expect(low.body.error?.data.fields?.map((f) => f.path)).toEqual(['level']);
    expect((await incident(i.id)).casualties.deaths).toBe(0);
    const ok = await trpcMutation(
      h,
      'incidents.assess',
      { id: i.id, level: 'II', casualties: { deaths: 12 } },
      duty,
    );
    expect(ok.status).toBe(200);
    const after = await incident(i.id);
    expect(after.level).toBe('II');
    expect(after.timeline.at(-1)?.details).toMatchObject({
      level: { from: 'IV', to: 'II' },
      casualties: { deaths: { from: 0, to: 12 } },
      suggestedLevel: 'II',
    });
  });

  it('opens an incident from an alarm and links it in the timeline', async () => {
    const [alarm] = await h.db.sql.query<{ id: number; lon: number; lat: number }>(
      `INSERT INTO alarm (sensor_id, rule, level, state, raised_at, raised_value)
       SELECT id, 'level', 'alarm', 'open', now(), 9.9 FROM sensor WHERE region_code LIKE '3301%' LIMIT 1
       RETURNING id, (SELECT ST_X(location) FROM sensor WHERE id = sensor_id) AS lon,
                     (SELECT ST_Y(location) FROM sensor WHERE id = sensor_id) AS lat`,
    );
    if (!alarm) throw new Error('no sensor in Hangzhou to raise an alarm on');
    const i = await takeIn([alarm.lon, alarm.lat], { source: 'alarm', fromAlarmId: alarm.id, type: 'flood' });
    expect(i.timeline.map((e) => e.kind)).toEqual(['created', 'alarm_linked']);
    const foreign = await trpcMutation(
      h,
      'incidents.takeIn',
      {
        type: 'flood',
        title: 'x',
        lon: alarm.lon,
        lat: alarm.lat,
        fromAlarmId: 999_999,
        confirmNotDuplicate: true,
      },
      duty,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error?.data.fields?.map((f) => f.path)).toEqual(['fromAlarmId']);
  });
});

describe('opening an incident from public reports', () => {
  it('verifies the reports as its source and links them in its timeline, all or none', async () => {
    const at = freshPlace();
    const ids: number[] = [];
    for (const k of [0, 1]) {
      const p = destination(at, 0.2 * k, 45);
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        remoteAddress: `10.9.${seq}.${k + 1}`,
        payload: { category: 'fire', description: '看到浓烟', lon: p[0], lat: p[1] },
      });
      expect(res.statusCode, res.body).toBe(202);
      const [row] = await h.db.sql.query<{ id: number }>(
        'SELECT id FROM public_report WHERE reference = $1',
        [(res.json() as { reference: string }).reference],
      );
      ids.push(row?.id as number);
    }
    const refused = await trpcMutation(
      h,
      'incidents.takeIn',
      {
        type: 'fire',
        title: '浓烟',
        lon: at[0],
        lat: at[1],
        confirmNotDuplicate: true,
        fromReportIds: [...ids, 99_999_999],
      },
      duty,
    );
    expect(refused.status).toBe(404);
    const [pending] = await h.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM public_report WHERE id = ANY($1::int[]) AND status = 'pending'",
      [ids],
    );
    expect(pending?.n).toBe(2);
    const i = await takeIn(at, { source: 'report', fromReportIds: ids });
    expect(i.timeline.filter((e) => e.kind === 'report_linked').map((e) => e.details.reportId)).toEqual(ids);
    const rows = await h.db.sql.query<{ status: string; incident_id: number }>(
      'SELECT status, incident_id FROM public_report WHERE id = ANY($1::int[])',
      [ids],
    );
    expect(rows.every((r) => r.status === 'verified' && r.incident_id === i.id)).toBe(true);
  });
});

describe('recommendation', () => {
  it('ranks fitting available teams by arrival time, the same as ranking every team', async () => {
    const at = freshPlace();
    // A fixture around the scene: specialists far, generalists near, a busy team nearest of all.
    const fixture: Array<[string, TeamType, number, number, string?]> = [
      ['RKHZ-1', 'hazchem', 12, 10],
      ['RKHZ-2', 'hazchem', 30, 200],
      ['RKFR-1', 'fire_rescue', 3, 45],
      ['RKFR-2', 'fire_rescue', 7, 90],
      ['RKMD-1', 'medical', 5, 300],
      ['RKFR-BUSY', 'fire_rescue', 0.5, 0, 'on_scene'],
      ['RKFF-1', 'forest_fire', 1, 180], // does not fit a chemical leak
    ];
    for (const [code, type, km, bearing, status] of fixture) {
      await addTeam(code, type, destination(at, km, bearing), status);
    }
    const place = (km: number, bearing: number) => destination(at, km, bearing);
    for (const [code, km] of [
      ['RK-H1', 4],
      ['RK-H2', 2],
    ] as const) {
      const p = place(km, 30);
      await h.db.sql.query(
        `INSERT INTO hospital (code, name, grade, beds, region_code, location)
         VALUES ($1, $1, 'grade3', 800, '330106', ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
        [code, p[0], p[1]],
      );
    }
    const [depot] = await h.db.sql.query<{ id: number }>(
      `INSERT INTO supply_depot (code, name, tier, region_code, location)
       VALUES ('RK-D1', 'RK-D1', 'city', '330106', ST_SetSRID(ST_MakePoint($1, $2), 4326)) RETURNING id`,
      place(6, 120),
    );
    await h.db.sql.query(
      `INSERT INTO depot_inventory (depot_id, item, unit, quantity) VALUES ($1, '帐篷', '顶', 300), ($1, '冲锋舟', '艘', 4)`,
      [depot?.id],
    );
    const i = await takeIn(at, { type: 'hazchem_leak' });
    const res = await get(`/api/v1/incidents/${i.id}/recommendations?limit=5`, duty);
    expect(res.status).toBe(200);
    const r = res.body as unknown as Recommendation;
    const codes = r.teams.map((t) => t.teamCode);
    expect(codes).not.toContain('RKFR-BUSY');
    expect(codes).not.toContain('RKFF-1');
    expect(codes.slice(0, 3)).toEqual(['RKFR-1', 'RKMD-1', 'RKFR-2']);
    const etas = r.teams.map((t) => t.etaMinutes);
    expect([...etas].sort((a, b) => a - b)).toEqual(etas);
    expect(r.teams[0]?.why.zh).toContain('综合性消防救援队');

    // Against the pure ranking of every team in the region, not just the nearest per type.
    const everyTeam = await h.db.sql.query<CandidateTeam>(
      `SELECT code, type, status, capabilities, ST_X(location) AS lon, ST_Y(location) AS lat
         FROM rescue_team WHERE region_code LIKE '33%'`,
    );
    const naive = recommendTeams(
      { type: 'hazchem_leak', lon: at[0], lat: at[1], limit: 5 },
      everyTeam,
      estimateTravel,
    );
    expect(codes).toEqual(naive.map((t) => t.teamCode));
    expect(r.hospitals.length).toBeGreaterThan(0);
    expect(r.hospitals.map((x) => x.distanceKm)).toEqual(
      [...r.hospitals.map((x) => x.distanceKm)].sort((a, b) => a - b),
    );
  });

  it('answers 404 for an incident outside the region and 400 for a bad limit', async () => {
    const [gd] = await h.db.sql.query<{ id: number }>(
      "SELECT id FROM incident WHERE region_code LIKE '44%' LIMIT 1",
    );
    expect((await get(`/api/v1/incidents/${gd?.id}/recommendations`, duty)).status).toBe(404);
    expect((await get(`/api/v1/incidents/${gd?.id}`, duty)).status).toBe(404);
    const bad = await get(`/api/v1/incidents/${gd?.id}/recommendations?limit=0`, duty);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(['limit']);
  });
});

describe('dispatch', () => {
  it('refuses teams for an incident that is not verified, and a busy team refuses the whole order', async () => {
    const at = freshPlace();
    await addTeam('DSP-A', 'fire_rescue', destination(at, 2, 0));
    await addTeam('DSP-B', 'fire_rescue', destination(at, 3, 0), 'returning');
    const i = await takeIn(at);
    const early = await trpcMutation(
      h,
      'dispatch.dispatch',
      { incidentId: i.id, teamCodes: ['DSP-A'], task: '灭火' },
      duty,
    );
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toContain('verified');
    await transition(i.id, 'verified');
    const mixed = await trpcMutation(
      h,
      'dispatch.dispatch',
      { incidentId: i.id, teamCodes: ['DSP-A', 'DSP-B'], task: '灭火' },
      duty,
    );
    expect(mixed.status).toBe(409);
    expect(mixed.body.error?.message).toContain('DSP-B');
    expect(mixed.body.error?.message).toContain('Returning');
    expect(await teamStatus('DSP-A')).toBe('available');
    expect((await incident(i.id)).assignments).toEqual([]);
    const bad = await trpcMutation(
      h,
      'dispatch.dispatch',
      { incidentId: i.id, teamCodes: ['DSP-A', 'DSP-A'], task: 'x' },
      duty,
    );
    expect(bad.status).toBe(400);
    const noTask = await trpcMutation(
      h,
      'dispatch.dispatch',
      { incidentId: i.id, teamCodes: ['DSP-A'], task: ' ' },
      duty,
    );
    expect(noTask.status).toBe(400);
    expect(noTask.body.error?.data.fields?.map((f) => f.path)).toEqual(['task']);
  });

  it('two operators racing for one team: exactly one wins, the other gets a clear conflict', async () => {
    const at = freshPlace();
    await addTeam('RACE-1', 'fire_rescue', destination(at, 2, 10));
    const a = await takeIn(at);
    const b = await takeIn(destination(at, 6, 200));
    await transition(a.id, 'verified');
    await transition(b.id, 'verified', {}, commander);
    const [ra, rb] = await Promise.all([
      trpcMutation(h, 'dispatch.dispatch', { incidentId: a.id, teamCodes: ['RACE-1'], task: '灭火' }, duty),
      trpcMutation(
        h,
        'dispatch.dispatch',
        { incidentId: b.id, teamCodes: ['RACE-1'], task: '灭火' },
        commander,
      ),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body.error?.message).toContain('RACE-1');
    expect(loser.body.error?.message).toContain('Dispatched');
    const [open] = await h.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignment a JOIN rescue_team t ON t.id = a.team_id
        WHERE t.code = 'RACE-1' AND a.ended_at IS NULL`,
    );
    expect(open?.n).toBe(1);
    const winner = ra.status === 200 ? a : b;
    const w = await incident(winner.id);
    expect(w.status).toBe('responding');
    expect(w.assignments.map((x) => x.teamCode)).toEqual(['RACE-1']);
  });
});

describe('live unit tracking and the geofence', () => {
  it('moves a dispatched team en route, on scene, back and available from its positions', async () => {
    const at = freshPlace();
    const base = destination(at, 5, 0);
    await addTeam('GEO-1', 'fire_rescue', base);
    const i = await takeIn(at);
    await transition(i.id, 'verified');
    const sent = await trpcMutation(
      h,
      'dispatch.dispatch',
      { incidentId: i.id, teamCodes: ['GEO-1'], task: '灭火救援' },
      duty,
    );
    expect(sent.status).toBe(200);
    const eta0 = (await incident(i.id)).assignments[0]?.etaMinutes as number;
    expect(eta0).toBeGreaterThan(5);

    const t0 = Date.now() - 60_000;
    const ts = (k: number) => new Date(t0 + k * 5000).toISOString();
    const halfway = destination(at, 2.5, 0);
    const moved = await post(
      '/api/v1/units/positions',
      [
        { teamCode: 'GEO-1', ts: ts(1), lon: halfway[0], lat: halfway[1], speed: 42, heading: 180 },
        { teamCode: 'NOPE', ts: ts(1), lon: 120, lat: 30 },
        { teamCode: 'GEO-1', ts: ts(0), lon: 999, lat: 30 },
      ],
      gatewayToken,
    );
    expect(moved.status).toBe(200);
    expect(moved.body.accepted).toBe(1);
    expect((moved.body.rejected as Array<{ index: number; reason: string }>).map((r) => r.index)).toEqual([
      1, 2,
    ]);
    let detail = await incident(i.id);
    expect(detail.assignments[0]?.status).toBe('en_route');
    expect(detail.assignments[0]?.etaMinutes as number).toBeLessThan(eta0);

    const gate = destination(at, 0.1, 0);
    await post(
      '/api/v1/units/positions',
      [{ teamCode: 'GEO-1', ts: ts(2), lon: gate[0], lat: gate[1] }],
      gatewayToken,
    );
    detail = await incident(i.id);
    expect(detail.assignments[0]).toMatchObject({ status: 'on_scene', arrivalSource: 'geofence' });
    expect(detail.teamsOnScene).toBe(1);
    expect(detail.timeline.some((e) => e.kind === 'arrival' && e.actor === 'geofence')).toBe(true);

    // Not closed while a team is on scene.
    await transition(i.id, 'stabilized');
    const early = await transition(i.id, 'closed');
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toContain('GEO-1');

    const assignmentId = detail.assignments[0]?.id as number;
    const back = await trpcMutation(h, 'dispatch.step', { assignmentId, to: 'returning' }, field);
    expect(back.status).toBe(200);
    const illegal = await trpcMutation(h, 'dispatch.step', { assignmentId, to: 'on_scene' }, field);
    expect(illegal.status).toBe(409);
    await post(
      '/api/v1/units/positions',
      [{ teamCode: 'GEO-1', ts: ts(3), lon: base[0], lat: base[1] }],
      gatewayToken,
    );
    detail = await incident(i.id);
    expect(detail.assignments[0]).toMatchObject({ status: 'completed' });
    expect(detail.assignments[0]?.endedAt).not.toBeNull();
    expect(await teamStatus('GEO-1')).toBe('available');
    expect((await transition(i.id, 'closed')).status).toBe(200);

    // An older position arriving late joins the track but does not move the unit back.
    await post(
      '/api/v1/units/positions',
      [{ teamCode: 'GEO-1', ts: ts(-5), lon: at[0], lat: at[1] }],
      gatewayToken,
    );
    const [where] = await h.db.sql.query<{ lat: number }>(
      "SELECT ST_Y(location) AS lat FROM rescue_team WHERE code = 'GEO-1'",
    );
    expect(where?.lat).toBeCloseTo(base[1], 6);
    const track = await trpcQuery(h, 'dispatch.track', { teamCode: 'GEO-1', minutes: 60 }, duty);
    expect(track.body.result?.data).toHaveLength(4);
  });

  it('takes positions over MQTT on onemap/units/{teamCode}/position', async () => {
    const at = freshPlace();
    await addTeam('MQ-1', 'medical', at);
    const broker = await startHarnessBroker(h);
    const client = await connectGateway(broker, gatewayToken);
    try {
      const to = destination(at, 1, 90);
      await client.publishAsync(
        'onemap/units/MQ-1/position',
        JSON.stringify({ ts: new Date().toISOString(), lon: to[0], lat: to[1], speed: 30 }),
        { qos: 1 },
      );
      const [row] = await h.db.sql.query<{ lon: number; speed_kmh: number }>(
        "SELECT ST_X(location) AS lon, speed_kmh FROM rescue_team WHERE code = 'MQ-1'",
      );
      expect(row?.lon).toBeCloseTo(to[0], 6);
      expect(row?.speed_kmh).toBe(30);
      await client.publishAsync('onemap/units/MQ-1/position', 'not json', { qos: 1 });
      expect(broker.stats.malformed).toBeGreaterThanOrEqual(1);
    } finally {
      await client.endAsync();
      await broker.close();
    }
  });
});

describe('working together', () => {
  it("a second operator's stream sees the first one's intake, dispatch and unit moves", async () => {
    const abort = new AbortController();
    const watcher = callerFor(
      h,
      {
        kind: 'user',
        userId: 0,
        username: 'w',
        displayName: 'w',
        role: 'commander',
        regionCode: '330000',
      },
      abort.signal,
    );
    const stream = (await watcher.incidents.changes()) as AsyncIterable<OperationsChange[]>;
    const seen: OperationsChange[] = [];
    const reading = (async () => {
      for await (const batch of stream) seen.push(...batch);
    })().catch(() => undefined);
    try {
      const at = freshPlace();
      await addTeam('LIVE-1', 'fire_rescue', destination(at, 3, 0));
      const i = await takeIn(at);
      await transition(i.id, 'verified');
      await trpcMutation(
        h,
        'dispatch.dispatch',
        { incidentId: i.id, teamCodes: ['LIVE-1'], task: '灭火' },
        duty,
      );
      const p = destination(at, 2, 0);
      await post(
        '/api/v1/units/positions',
        [{ teamCode: 'LIVE-1', ts: new Date().toISOString(), lon: p[0], lat: p[1] }],
        gatewayToken,
      );
      const deadline = Date.now() + 3000;
      const has = () =>
        seen.some((c) => c.kind === 'incident' && c.id === i.id && c.status === 'responding') &&
        seen.some((c) => c.kind === 'assignment' && c.teamCode === 'LIVE-1') &&
        seen.some((c) => c.kind === 'unit' && c.teamCode === 'LIVE-1' && Math.abs(c.lat - p[1]) < 1e-6);
      while (!has() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(has()).toBe(true);
      // Nothing from another region reaches a Zhejiang watcher.
      expect(seen.every((c) => !('regionCode' in c))).toBe(true);
    } finally {
      abort.abort();
      await reading;
    }
  });
});
