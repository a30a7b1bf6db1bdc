import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAndMigrate } from '@onemap/prisma';
import { testEngine } from '@onemap/prisma/testing';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../src/services/audit.js';
import { freePort, runApi, runCli, signIn, waitHealthy } from '../support/api-process.js';

/**
 * The real process, as `pnpm start` runs it: start-up order, health, clean shutdown on SIGTERM and
 * the one-line errors an operator sees for the usual mistakes.
 */

type Summary = { result: { data: Array<{ layer: string; total: number }> } };

/** Signs in as a demo user (default password) and reads the layer summary. */
async function summaryAs(port: number, username: string): Promise<Summary> {
  const token = await signIn(port, username);
  const res = await fetch(`http://127.0.0.1:${port}/trpc/layers.summary`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as Summary;
}

describe.runIf(testEngine === 'pglite')('the embedded process', () => {
  it('starts on a fresh DATA_DIR (503 while starting), serves data, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'onemap-proc-'));
    const port = await freePort();
    const first = runApi({ PORT: String(port), DATA_DIR: dataDir });
    const health = await waitHealthy(port, 180_000);
    expect(health.body).toMatchObject({ status: 'ok', db: 'pglite' });
    expect(health.sawStarting).toBe(true);
    const summary = await summaryAs(port, 'admin');
    expect(summary.result.data.find((s) => s.layer === 'sensors')?.total).toBe(1000);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    // The same dir reopens with its data, without seeding again.
    const second = runApi({ PORT: String(port), DATA_DIR: dataDir });
    await waitHealthy(port, 120_000);
    const again = await summaryAs(port, 'admin');
    expect(again.result.data).toEqual(summary.result.data);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  }, 360_000);

  it('exits with one clear line when the port is taken', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = runApi({ PORT: String(port), DATA_DIR: await mkdtemp(join(tmpdir(), 'onemap-port-')) });
    expect(await run.exit).not.toBe(0);
    await new Promise((resolve) => blocker.close(resolve));
    expect(run.stderr().trim()).toBe(`onemap: port ${port} is already in use (set PORT)`);
  }, 60_000);

  it('exits with one clear line when the MQTT port is taken', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const mqttPort = (blocker.address() as { port: number }).port;
    const run = runApi({
      PORT: String(await freePort()),
      MQTT_PORT: String(mqttPort),
      DATA_DIR: await mkdtemp(join(tmpdir(), 'onemap-mqtt-')),
    });
    expect(await run.exit).not.toBe(0);
    await new Promise((resolve) => blocker.close(resolve));
    expect(run.stderr().trim()).toBe(
      `onemap: MQTT port ${mqttPort} is already in use (set MQTT_PORT, 0 to turn it off)`,
    );
  }, 180_000);

  it('exits with one clear line for an unusable DATA_DIR or a bad PORT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onemap-file-'));
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const badDir = runApi({ PORT: String(await freePort()), DATA_DIR: file });
    expect(await badDir.exit).not.toBe(0);
    expect(badDir.stderr().trim()).toMatch(
      /^onemap: DATA_DIR .*not-a-dir is not a writable directory \(\w+\)$/,
    );

    const badPort = runApi({ PORT: 'eighty' });
    expect(await badPort.exit).not.toBe(0);
    expect(badPort.stderr().trim()).toMatch(/^onemap: invalid PORT: /);
  }, 60_000);

  it('exits with one clear line for a DATABASE_URL it cannot reach or parse', async () => {
    const unreachable = runApi({
      PORT: String(await freePort()),
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    });
    expect(await unreachable.exit).not.toBe(0);
    expect(unreachable.stderr().trim()).toMatch(
      /^onemap: cannot connect to DATABASE_URL postgresql:\/\/nobody@127\.0\.0\.1:1\/none: .+$/,
    );
    const garbage = runApi({ PORT: String(await freePort()), DATABASE_URL: 'mysql://x' });
    expect(await garbage.exit).not.toBe(0);
    expect(garbage.stderr().trim()).toBe('onemap: DATABASE_URL must start with postgresql:// (got mysql://)');
  }, 60_000);
});

describe.runIf(testEngine === 'pglite')('the operator CLI', () => {
  it('verifies the audit chain, and names the first tampered entry with a non-zero exit', async () => {
    const DATA_DIR = await mkdtemp(join(tmpdir(), 'onemap-audit-'));
    const { db } = await openAndMigrate({ kind: 'pglite', dataDir: DATA_DIR });
    for (const action of ['auth.login', 'admin.users.create', 'admin.users.update']) {
      await appendAudit(db.sql, {
        actor: 'admin',
        actorRole: 'admin',
        action,
        outcome: 'success',
        details: { n: 1 },
      });
    }
    await db.close();
    const intact = await runCli(['audit', 'verify'], { DATA_DIR });
    expect(intact.code).toBe(0);
    expect(intact.out.trim()).toBe('audit chain intact: 3 entries');

    const again = await openAndMigrate({ kind: 'pglite', dataDir: DATA_DIR });
    await again.db.sql.query('UPDATE audit_log SET details = \'{"n": 2}\' WHERE id = 2');
    await again.db.close();
    const tampered = await runCli(['audit', 'verify'], { DATA_DIR });
    expect(tampered.code).toBe(3);
    expect(tampered.err).toMatch(/^onemap: audit chain broken at entry #2: /);
  }, 180_000);

  it('seeds an empty database at a chosen scale, once, and refuses a bad scale', async () => {
    const DATA_DIR = await mkdtemp(join(tmpdir(), 'onemap-cli-'));
    const first = await runCli(['seed', '--scale', '0.02'], { DATA_DIR });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^seeded in \d+ ms: regions 3253, enterprises 200, sensors 1000,/);
    const second = await runCli(['seed'], { DATA_DIR });
    expect(second.out.trim()).toBe('the database already holds data; nothing seeded');
    const bad = await runCli(['seed', '--scale', '99'], { DATA_DIR });
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe('onemap: invalid --scale: Too big: expected number to be <=10');
  }, 180_000);
});

describe.runIf(testEngine === 'postgres')('the process against PostgreSQL', () => {
  it('seeds demo data only when ONEMAP_DEMO=1', async () => {
    const { createTestDatabase } = await import('@onemap/prisma/testing');
    // Two fresh databases: one started plainly, one with the demo switch.
    for (const demo of ['0', '1']) {
      const db = await createTestDatabase();
      const url = db.url;
      expect(url).toBeTruthy();
      const port = await freePort();
      const run = runApi({ PORT: String(port), DATABASE_URL: url as string, ONEMAP_DEMO: demo });
      const health = await waitHealthy(port, 120_000);
      expect(health.body).toMatchObject({ status: 'ok', db: 'postgres' });
      const [row] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor');
      expect(row?.n).toBe(demo === '1' ? 1000 : 0);
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      await db.close();
    }
  }, 300_000);
});
