import {
  type Access,
  allows,
  decodePointBatch,
  type Principal,
  pointLayerIds,
  regionPrefix,
} from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router.js';
import { createServer } from '../src/server.js';
import { createToken } from '../src/services/api-tokens.js';
import { verifyAudit } from '../src/services/audit.js';
import { DEMO_USERS } from '../src/services/users.js';
import { type Harness, startHarness, TEST_PASSWORD, trpcMutation, trpcQuery } from './harness.js';

/** The demo principals, plus the public and a machine client bound to Zhejiang. */
interface Caller {
  name: string;
  principal: Principal;
  token: () => Promise<string | undefined>;
}

describe(`zero-trust access on ${testEngine}`, () => {
  let h: Harness;
  const callers: Caller[] = [];

  beforeAll(async () => {
    h = await startHarness();
    callers.push({ name: 'anonymous', principal: { kind: 'anonymous' }, token: async () => undefined });
    for (const u of DEMO_USERS) {
      callers.push({
        name: u.username,
        principal: {
          kind: 'user',
          userId: 0,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          regionCode: u.regionCode,
        },
        token: () => h.tokenFor(u.username),
      });
    }
    const gateway = await createToken(
      h.db.sql,
      { name: 'zj-gateway', role: 'field_responder', regionCode: '330000' },
      'test',
    );
    const sensors = await createToken(
      h.db.sql,
      { name: 'zj-sensors', role: 'sensor_gateway', regionCode: '330000' },
      'test',
    );
    callers.push({
      name: 'token:zj-sensors',
      principal: {
        kind: 'token',
        tokenId: sensors.summary.id,
        name: 'zj-sensors',
        role: 'sensor_gateway',
        regionCode: '330000',
      },
      token: async () => sensors.token,
    });
    callers.push({
      name: 'token:zj-gateway',
      principal: {
        kind: 'token',
        tokenId: gateway.summary.id,
        name: 'zj-gateway',
        role: 'field_responder',
        regionCode: '330000',
      },
      token: async () => gateway.token,
    });
  });
  afterAll(() => h?.close());

  describe('the authorization matrix', () => {
    const procedures = Object.entries(
      (
        appRouter as unknown as {
          _def: { procedures: Record<string, { _def: { meta?: { access?: Access }; type: string } }> };
        }
      )._def.procedures,
    );

    it('finds every procedure, and each declares an access rule', () => {
      expect(procedures.length).toBeGreaterThan(10);
      for (const [path, proc] of procedures) expect(proc._def.meta?.access, path).toBeTruthy();
    });

    it('allows and denies every tRPC procedure for every role and region as the rules say', async () => {
      for (const caller of callers) {
        for (const [path, proc] of procedures) {
          const access = proc._def.meta?.access as Access;
          // Sign-out ends the session it is called with: give it one of its own.
          const token =
            path === 'auth.logout' && caller.principal.kind === 'user'
              ? await h.tokenFor(caller.name, true)
              : await caller.token();
          if (proc._def.type === 'subscription') {
            // A subscription answers over SSE (200 with an error event when refused): check the
            // procedure itself, through the same builder, with a caller of this principal.
            const abort = new AbortController();
            const ctx = {
              db: h.db,
              version: 'test',
              events: h.events,
              operations: h.operations,
              ingestStats: h.ingestStats,
              principal: caller.principal,
              ip: null,
              secret: null,
            };
            const call = (
              appRouter.createCaller(ctx, { signal: abort.signal }) as unknown as Record<
                string,
                Record<string, () => Promise<unknown>>
              >
            )[path.split('.')[0] as string]?.[path.split('.')[1] as string];
            const outcome = await (call as () => Promise<unknown>)().then(
              () => 'allowed',
              (error: { code?: string }) => error.code,
            );
            abort.abort();
            const label = `${caller.name} → ${path} (${access})`;
            if (allows(caller.principal, access)) expect(outcome, label).toBe('allowed');
            else
              expect(outcome, label).toBe(
                caller.principal.kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN',
              );
            continue;
          }
          const res =
            proc._def.type === 'mutation'
              ? await trpcMutation(h, path, undefined, token)
              : await trpcQuery(h, path, undefined, token);
          const label = `${caller.name} → ${path} (${access})`;
          if (allows(caller.principal, access)) {
            expect([401, 403], label).not.toContain(res.status);
          } else {
            expect(res.status, label).toBe(caller.principal.kind === 'anonymous' ? 401 : 403);
          }
        }
      }
    });

    it('gives every /api route an access rule and enforces it for every caller', async () => {
      const apiRoutes = h.server.routes.filter((r) => r.url.startsWith('/api/'));
      expect(apiRoutes.length).toBeGreaterThanOrEqual(4);
      for (const route of apiRoutes) {
        expect(route.access, `${route.method} ${route.url}`).toBeTruthy();
        const samples = route.url.includes(':layer') ? ['sensors', 'shelters'] : [''];
        for (const layer of samples) {
          const url = route.url
            .replace(':layer', layer)
            .replace(':z', '0')
            .replace(':x', '0')
            .replace(':file', '0.bin')
            .replace(':code', 'SN0000001');
          const rule = route.access as Access | ((r: unknown) => Access);
          const access = typeof rule === 'function' ? rule({ params: { layer } }) : rule;
          for (const caller of callers) {
            if (route.url.endsWith('/logout') && caller.principal.kind === 'user') continue;
            const token = await caller.token();
            const res = await h.server.app.inject({
              method: route.method as 'GET' | 'POST',
              url,
              headers: token ? { authorization: `Bearer ${token}` } : {},
              ...(route.method === 'POST' ? { payload: {} } : {}),
            });
            const label = `${caller.name} → ${route.method} ${url} (${access})`;
            if (allows(caller.principal, access)) expect([401, 403], label).not.toContain(res.statusCode);
            else expect(res.statusCode, label).toBe(caller.principal.kind === 'anonymous' ? 401 : 403);
          }
        }
      }
    });

    it('records denials in the audit trail', async () => {
      const token = await h.tokenFor('analyst');
      await trpcQuery(h, 'admin.users.list', undefined, token);
      const [row] = await h.db.sql.query<{ outcome: string; action: string }>(
        `SELECT outcome, action FROM audit_log WHERE actor = 'analyst' AND action = 'admin.users.list' ORDER BY id DESC LIMIT 1`,
      );
      expect(row).toEqual({ outcome: 'denied', action: 'admin.users.list' });
    });
  });

  describe('region scope', () => {
    const countIn = async (table: string, prefix: string) => {
      const [row] = await h.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE region_code LIKE $1`,
        [`${prefix}%`],
      );
      return row?.n ?? 0;
    };
    const tables: Record<string, string> = {
      sensors: 'sensor',
      teams: 'rescue_team',
      depots: 'supply_depot',
      shelters: 'shelter',
      hospitals: 'hospital',
      incidents: 'incident',
      enterprises: 'enterprise',
      commNodes: 'comm_node',
    };

    it('counts only the caller’s region, nationally for national users', async () => {
      for (const caller of callers.filter((c) => allows(c.principal, 'map.read'))) {
        const p = caller.principal as Exclude<Principal, { kind: 'anonymous' }>;
        const res = await trpcQuery(h, 'layers.summary', undefined, await caller.token());
        const summary = res.body.result?.data as Array<{ layer: string; total: number }>;
        for (const layer of pointLayerIds) {
          const expected = await countIn(tables[layer] as string, regionPrefix(p.regionCode));
          expect(summary.find((s) => s.layer === layer)?.total, `${caller.name} ${layer}`).toBe(expected);
        }
      }
      const zj = await countIn('sensor', '33');
      const all = await countIn('sensor', '');
      expect(zj).toBeGreaterThan(0);
      expect(zj).toBeLessThan(all);
    });

    it('sends a Zhejiang duty officer only Zhejiang features in every layer tile', async () => {
      const token = await h.tokenFor('zj_duty');
      for (const layer of pointLayerIds) {
        const res = await h.server.app.inject({
          method: 'GET',
          url: `/api/v1/layers/${layer}/tiles/0/0/0.bin`,
          headers: { authorization: `Bearer ${token}` },
        });
        const ids = [...decodePointBatch(res.rawPayload).ids];
        const outside = await h.db.sql.query(
          `SELECT id FROM ${tables[layer]} WHERE id = ANY($1::int[]) AND region_code NOT LIKE '33%'`,
          [ids],
        );
        expect(outside, layer).toEqual([]);
        expect(ids.length, layer).toBe(await countIn(tables[layer] as string, '33'));
      }
    });

    it('keeps Sichuan out of a Zhejiang search, detail and link list', async () => {
      const token = await h.tokenFor('zj_duty');
      const [sc] = await h.db.sql.query<{ id: number; name: string }>(
        `SELECT id, name FROM sensor WHERE region_code LIKE '51%' ORDER BY id LIMIT 1`,
      );
      const search = await trpcQuery(h, 'search.query', { q: sc?.name }, token);
      expect(
        ((search.body.result?.data ?? []) as Array<{ kind: string }>).filter((hit) => hit.kind !== 'region'),
      ).toEqual([]);
      const detail = await trpcQuery(h, 'features.detail', { layer: 'sensors', id: sc?.id }, token);
      expect(detail.status).toBe(404);
      const asSichuan = await trpcQuery(
        h,
        'features.detail',
        { layer: 'sensors', id: sc?.id },
        await h.tokenFor('sc_duty'),
      );
      expect(asSichuan.status).toBe(200);

      const links = await h.server.app.inject({
        method: 'GET',
        url: '/api/v1/layers/commLinks.geojson',
        headers: { authorization: `Bearer ${token}` },
      });
      const ids = (links.json() as { features: Array<{ id: number }> }).features.map((f) => f.id);
      expect(ids.length).toBeGreaterThan(0);
      const foreign = await h.db.sql.query(
        `SELECT l.id FROM comm_link l JOIN comm_node a ON a.id = l.from_node_id JOIN comm_node b ON b.id = l.to_node_id
          WHERE l.id = ANY($1::int[]) AND a.region_code NOT LIKE '33%' AND b.region_code NOT LIKE '33%'`,
        [ids],
      );
      expect(foreign).toEqual([]);
    });

    it('lets the public read public layers only', async () => {
      const shelters = await h.server.app.inject({
        method: 'GET',
        url: '/api/v1/layers/shelters/tiles/0/0/0.bin',
      });
      expect(shelters.statusCode).toBe(200);
      expect(decodePointBatch(shelters.rawPayload).count).toBe(await countIn('shelter', ''));
      const sensors = await h.server.app.inject({
        method: 'GET',
        url: '/api/v1/layers/sensors/tiles/0/0/0.bin',
      });
      expect(sensors.statusCode).toBe(401);
    });
  });

  describe('classification and masking', () => {
    it('masks contacts for roles without clearance and audits cleared reads of them', async () => {
      const [e] = await h.db.sql.query<{ id: number; contact_name: string; contact_phone: string }>(
        'SELECT id, contact_name, contact_phone FROM enterprise ORDER BY id LIMIT 1',
      );
      const field = (data: unknown, key: string) =>
        (data as { fields: Array<{ key: string; value: unknown }> }).fields.find((f) => f.key === key)?.value;
      const before = await h.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'features.detail.sensitive'",
      );

      for (const masked of ['analyst', 'hz_field']) {
        const token = await h.tokenFor(masked);
        const res = await trpcQuery(h, 'features.detail', { layer: 'enterprises', id: e?.id }, token);
        if (masked === 'hz_field' && res.status === 404) continue; // outside Hangzhou
        expect(field(res.body.result?.data, 'contactPhone'), masked).toMatch(/^\d{3}\*{4}\d{4}$/);
        expect(field(res.body.result?.data, 'contactPhone')).not.toBe(e?.contact_phone);
        expect(field(res.body.result?.data, 'contactName')).toBe(
          `${e?.contact_name[0]}${'*'.repeat((e?.contact_name.length ?? 2) - 1)}`,
        );
      }
      const afterMasked = await h.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'features.detail.sensitive'",
      );
      expect(afterMasked[0]?.n).toBe(before[0]?.n);

      const res = await trpcQuery(
        h,
        'features.detail',
        { layer: 'enterprises', id: e?.id },
        await h.tokenFor('commander'),
      );
      expect(field(res.body.result?.data, 'contactPhone')).toBe(e?.contact_phone);
      expect(field(res.body.result?.data, 'contactName')).toBe(e?.contact_name);
      const [audit] = await h.db.sql.query<{ actor: string; target: string }>(
        "SELECT actor, target FROM audit_log WHERE action = 'features.detail.sensitive' ORDER BY id DESC LIMIT 1",
      );
      expect(audit).toEqual({ actor: 'commander', target: `enterprises/${e?.id}` });
    });
  });

  describe('sign-in', () => {
    it('answers wrong password and unknown user alike, then locks both out with 429', async () => {
      const admin = await h.tokenFor('admin');
      await trpcMutation(
        h,
        'admin.users.create',
        {
          username: 'lock.test',
          displayName: 'Lock test',
          password: TEST_PASSWORD,
          role: 'analyst',
          regionCode: '330000',
        },
        admin,
      );
      const attempt = (username: string, password: string) =>
        h.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      for (const username of ['lock.test', 'nobody.here']) {
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push(await attempt(username, 'wrong-password'));
        expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401]);
        expect(answers[0]?.json()).toEqual({
          error: 'invalid_credentials',
          message: 'wrong username or password',
        });
        const locked = await attempt(username, username === 'lock.test' ? TEST_PASSWORD : 'x');
        expect(locked.statusCode, username).toBe(429);
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      }
      const failures = await h.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure' AND actor = 'lock.test'",
      );
      expect(failures[0]?.n).toBe(6);
    });

    it('validates the body and refuses oversized ones', async () => {
      const bad = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: '' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields).toEqual(expect.arrayContaining(['username', 'password']));
      const big = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'x'.repeat(20_000) },
      });
      expect(big.statusCode).toBe(413);
      const huge = await trpcMutation(
        h,
        'admin.users.create',
        { displayName: 'x'.repeat(1_200_000) },
        await h.tokenFor('admin'),
      );
      expect(huge.status).toBe(413);
    });

    it('sets an httpOnly SameSite session cookie, Secure behind TLS, and demands the CSRF token on cookie mutations', async () => {
      const login = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'commander', password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      const cookies = login.cookies as Array<{
        name: string;
        value: string;
        httpOnly?: boolean;
        sameSite?: string;
        secure?: boolean;
      }>;
      const session = cookies.find((c) => c.name === 'onemap_session');
      const csrf = cookies.find((c) => c.name === 'onemap_csrf');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(csrf?.httpOnly).toBeFalsy();
      // Behind a TLS-terminating proxy the cookie must be Secure; over plain HTTP (a lab) it cannot be.
      expect(session?.secure).toBe(true);
      const plain = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'commander', password: TEST_PASSWORD },
      });
      expect(plain.cookies.find((c) => c.name === 'onemap_session')?.secure).toBeFalsy();
      const cookie = `onemap_session=${session?.value}; onemap_csrf=${csrf?.value}`;

      const read = await h.server.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { cookie } });
      expect(read.json().result.data.username).toBe('commander');
      const json = { 'content-type': 'application/json' };
      const forged = await h.server.app.inject({
        method: 'POST',
        url: '/trpc/auth.logout',
        payload: '',
        headers: { cookie, ...json },
      });
      expect(forged.statusCode).toBe(403);
      const wrong = await h.server.app.inject({
        method: 'POST',
        url: '/trpc/auth.logout',
        payload: '',
        headers: { cookie, ...json, 'x-csrf-token': 'guess' },
      });
      expect(wrong.statusCode).toBe(403);
      const real = await h.server.app.inject({
        method: 'POST',
        url: '/trpc/auth.logout',
        payload: '',
        headers: { cookie, ...json, 'x-csrf-token': csrf?.value ?? '' },
      });
      expect(real.statusCode).toBe(200);
      const after = await h.server.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { cookie } });
      expect(after.json().result.data).toBeNull();
      // Signing in again (or as someone else) from a browser that holds a live session needs no CSRF token.
      const live = plain.cookies.find((c) => c.name === 'onemap_session')?.value;
      const again = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'analyst', password: TEST_PASSWORD },
        headers: { cookie: `onemap_session=${live}` },
      });
      expect(again.statusCode).toBe(200);
    });

    it('refuses a sign-in posted from another site', async () => {
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: TEST_PASSWORD },
        headers: { origin: 'https://evil.example', host: 'localhost:8080' },
      });
      expect(res.statusCode).toBe(403);
    });

    it('answers a flood of sign-ins with 429, not a slow death', async () => {
      const limited = await createServer({
        webDist: '/nonexistent',
        version: 'test',
        logLevel: 'silent',
        rateLimits: { anonymous: 1000, authenticated: 1000, login: 3 },
      });
      limited.ready({
        db: h.db,
        version: 'test',
        events: h.events,
        operations: h.operations,
        ingestStats: h.ingestStats,
      });
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'flood', password: 'x' },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      await limited.app.close();
    });
  });

  describe('hostile input', () => {
    it('treats SQL in every text input as text: nothing runs, nothing is lost', async () => {
      const admin = await h.tokenFor('admin');
      const [before] = await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor');
      for (const q of [
        "'; DROP TABLE sensor; --",
        "1' OR '1'='1",
        '%\\%_',
        'Robert"); DELETE FROM app_user; --',
      ]) {
        const res = await trpcQuery(h, 'search.query', { q }, admin);
        expect(res.status, q).toBe(200);
        expect(res.body.result?.data, q).toEqual([]);
      }
      const name = "x'); DROP TABLE app_user; --";
      const created = await trpcMutation(
        h,
        'admin.users.create',
        {
          username: 'sql.test',
          displayName: name,
          password: TEST_PASSWORD,
          role: 'analyst',
          regionCode: '330000',
        },
        admin,
      );
      expect(created.status).toBe(200);
      const [stored] = await h.db.sql.query<{ display_name: string }>(
        "SELECT display_name FROM app_user WHERE username = 'sql.test'",
      );
      expect(stored?.display_name).toBe(name);
      const [after] = await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor');
      expect(after?.n).toBe(before?.n);
      const audit = await trpcQuery(h, 'admin.audit.list', { actor: "admin' OR '1'='1" }, admin);
      expect(audit.body.result?.data).toEqual([]);
    });
  });

  describe('security headers', () => {
    it('sends a strict CSP without inline scripts, no framing, nosniff', async () => {
      const res = await h.server.app.inject({ method: 'GET', url: '/healthz' });
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc.trim()).toBe("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });
  });

  describe('administration', () => {
    it('stores names literally, and a changed role ends the user’s sessions', async () => {
      const admin = await h.tokenFor('admin');
      const xss = '<img src=x onerror=alert(1)>';
      const created = await trpcMutation(
        h,
        'admin.users.create',
        {
          username: 'xss.test',
          displayName: xss,
          password: TEST_PASSWORD,
          role: 'duty_officer',
          regionCode: '510000',
        },
        admin,
      );
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const list = await trpcQuery(h, 'admin.users.list', undefined, admin);
      expect(
        ((list.body.result?.data ?? []) as Array<{ displayName: string }>).some((u) => u.displayName === xss),
      ).toBe(true);

      const token = await h.tokenFor('xss.test');
      expect((await trpcQuery(h, 'layers.summary', undefined, token)).status).toBe(200);
      await trpcMutation(h, 'admin.users.update', { username: 'xss.test', role: 'analyst' }, admin);
      expect((await trpcQuery(h, 'layers.summary', undefined, token)).status).toBe(401);

      const duplicate = await trpcMutation(
        h,
        'admin.users.create',
        {
          username: 'xss.test',
          displayName: 'again',
          password: TEST_PASSWORD,
          role: 'analyst',
          regionCode: '999999',
        },
        admin,
      );
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error?.data.fields?.[0]?.path).toBe('regionCode');
    });

    it('issues API tokens that act within their region, and revokes them', async () => {
      const admin = await h.tokenFor('admin');
      const issued = await trpcMutation(
        h,
        'admin.tokens.create',
        { name: 'sc-agency', role: 'analyst', regionCode: '510000' },
        admin,
      );
      const issuedData = issued.body.result?.data as { token: string; summary: { id: number } } | undefined;
      const token = issuedData?.token ?? '';
      const summary = issuedData?.summary ?? { id: 0 };
      expect(token).toMatch(/^omt_/);
      const [stored] = await h.db.sql.query<{ token_hash: string }>(
        'SELECT token_hash FROM api_token WHERE id = $1',
        [summary.id],
      );
      expect(stored?.token_hash).not.toContain(token.slice(4));
      const res = await trpcQuery(h, 'layers.summary', undefined, token);
      const sensors = ((res.body.result?.data ?? []) as Array<{ layer: string; total: number }>).find(
        (s) => s.layer === 'sensors',
      );
      const [sc] = await h.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM sensor WHERE region_code LIKE '51%'",
      );
      expect(sensors?.total).toBe(sc?.n);
      await trpcMutation(h, 'admin.tokens.revoke', { id: summary.id }, admin);
      expect((await trpcQuery(h, 'layers.summary', undefined, token)).status).toBe(401);
    });
  });

  describe('the audit trail', () => {
    it('chains every entry, and names the first entry changed or removed', async () => {
      const intact = await verifyAudit(h.db.sql);
      expect(intact.ok).toBe(true);
      expect(intact.checked).toBeGreaterThan(10);

      const rows = await h.db.sql.query<{ id: string; actor: string }>(
        'SELECT id::text AS id, actor FROM audit_log ORDER BY audit_log.id LIMIT 5',
      );
      const victim = rows[2] as { id: string; actor: string };
      await h.db.sql.query("UPDATE audit_log SET actor = 'mallory' WHERE id = $1", [victim.id]);
      const changed = await verifyAudit(h.db.sql);
      expect(changed).toMatchObject({ ok: false, checked: 2, firstBroken: { id: Number(victim.id) } });
      expect(changed.firstBroken?.reason).toMatch(/content does not match/);
      await h.db.sql.query('UPDATE audit_log SET actor = $2 WHERE id = $1', [victim.id, victim.actor]);
      expect((await verifyAudit(h.db.sql)).ok).toBe(true);

      await h.db.sql.query('DELETE FROM audit_log WHERE id = $1', [victim.id]);
      const removed = await verifyAudit(h.db.sql);
      expect(removed.ok).toBe(false);
      expect(removed.firstBroken?.id).toBe(Number(rows[3]?.id));
      expect(removed.firstBroken?.reason).toMatch(/does not follow/);
    });
  });
});
