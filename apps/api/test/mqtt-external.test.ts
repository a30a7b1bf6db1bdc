import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { testEngine } from '@onemap/prisma/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectExternalBroker } from '../src/mqtt/external.js';
import type { MqttLink } from '../src/mqtt/ingest.js';
import { brokerAvailable, brokerUrl } from './external-broker.js';
import { type Harness, startHarness } from './harness.js';

/**
 * OneMap subscribed to a real external broker (external-broker.ts). Each run uses its own topic
 * root and client ids, so runs side by side do not see each other's readings.
 */
describe.skipIf(!brokerAvailable)(`OneMap subscribed to an external MQTT broker on ${testEngine}`, () => {
  const run = randomBytes(4).toString('hex');
  const topicRoot = `onemap-test-${run}`;
  const clientId = `onemap-api-test-${run}`;
  let h: Harness;
  let gauges: string[];
  let gateway: mqtt.MqttClient;
  const links: MqttLink[] = [];

  const link = (url = brokerUrl.href, minBackoffMs = 1000) => {
    const l = connectExternalBroker({
      url,
      clientId,
      topicRoot,
      sql: h.db.sql,
      events: h.events,
      operations: h.operations,
      log: h.server.app.log,
      minBackoffMs,
      maxBackoffMs: 2000,
    });
    links.push(l);
    return l;
  };
  const publish = (code: string, body: unknown) =>
    gateway.publishAsync(
      `${topicRoot}/sensors/${code}/readings`,
      typeof body === 'string' ? body : JSON.stringify(body),
      { qos: 1 },
    );
  const stored = async (code: string) =>
    (
      await h.db.sql.query<{ value: number }>(
        'SELECT r.value FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.code = $1 ORDER BY r.ts',
        [code],
      )
    ).map((r) => r.value);
  /** Ends a persistent session at the shared broker by connecting once with a clean one. */
  const dropSession = async (id: string) => {
    const client = await mqtt.connectAsync(brokerUrl.href, { clientId: id, clean: true, reconnectPeriod: 0 });
    await client.endAsync();
  };
  const ts = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

  beforeAll(async () => {
    h = await startHarness();
    gauges = (
      await h.db.sql.query<{ code: string }>(
        "SELECT code FROM sensor WHERE kind = 'water_level' ORDER BY code LIMIT 4",
      )
    ).map((r) => r.code);
    gateway = await mqtt.connectAsync(brokerUrl.href, {
      clientId: `gateway-test-${run}`,
      reconnectPeriod: 0,
    });
  });
  afterAll(async () => {
    for (const l of links) await l.close();
    await gateway?.endAsync();
    // Leave no persistent session behind at the shared broker.
    await dropSession(clientId);
    await h?.close();
  });

  it('stores the readings gateways publish to the broker, with national scope, and reports the link', async () => {
    const l = link();
    await expect.poll(() => l.status().connected, { timeout: 15_000 }).toBe(true);
    expect(l.status().mode).toBe('external');
    await publish(gauges[0] as string, { ts: ts(60), value: 2.5 });
    await publish(gauges[1] as string, [
      { ts: ts(50), value: 3 },
      { ts: ts(40), value: 3.25 },
    ]);
    await expect.poll(() => stored(gauges[0] as string), { timeout: 15_000 }).toEqual([2.5]);
    await expect.poll(() => stored(gauges[1] as string), { timeout: 15_000 }).toEqual([3, 3.25]);
    await l.close();
    expect(l.status().connected).toBe(false);
  });

  it('receives what was published while it was away, from its persistent session', async () => {
    const code = gauges[2] as string;
    // The session from the first test is kept by the broker; OneMap is not connected now.
    await publish(code, { ts: ts(30), value: 1.5 });
    await publish(code, { ts: ts(20), value: 1.75 });
    expect(await stored(code)).toEqual([]);
    const l = link();
    await expect.poll(() => stored(code), { timeout: 15_000 }).toEqual([1.5, 1.75]);
    await l.close();
  });

  it('counts a malformed message and still stores the good ones around it', async () => {
    const code = gauges[3] as string;
    const l = link();
    await expect.poll(() => l.status().connected, { timeout: 15_000 }).toBe(true);
    await publish(code, { ts: ts(15), value: 2 });
    await publish(code, '{"ts": oops');
    await publish(code, [
      { ts: ts(10), value: 2.25 },
      { ts: ts(9), value: 'high' },
    ]);
    await expect.poll(() => stored(code), { timeout: 15_000 }).toEqual([2, 2.25]);
    await expect.poll(() => l.stats.malformed, { timeout: 5000 }).toBe(1);
    expect(l.stats.rejected).toBe(1);
    await l.close();
  });

  it('reconnects after losing the broker and then gets what it missed', async () => {
    const code = gauges[0] as string;
    // A TCP relay between OneMap and the broker, to cut the line without touching the broker.
    const sockets = new Set<Socket>();
    let relay: Server | null = null;
    const openRelay = (port: number) =>
      new Promise<number>((resolve) => {
        const server = createServer((inbound) => {
          const outbound = tcpConnect(Number(brokerUrl.port || 1883), brokerUrl.hostname);
          for (const s of [inbound, outbound]) {
            sockets.add(s);
            s.on('error', () => undefined);
            s.on('close', () => {
              inbound.destroy();
              outbound.destroy();
            });
          }
          inbound.pipe(outbound).pipe(inbound);
        });
        relay = server;
        server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
      });
    const cut = () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        relay?.close(() => resolve());
      });

    const port = await openRelay(0);
    const l = link(`mqtt://127.0.0.1:${port}`, 200);
    await expect.poll(() => l.status().connected, { timeout: 15_000 }).toBe(true);
    const before = (await stored(code)).length;
    await cut();
    await expect.poll(() => l.status().connected, { timeout: 5000 }).toBe(false);
    await publish(code, { ts: ts(5), value: 3.5 });
    await openRelay(port);
    await expect.poll(() => l.status().connected, { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await stored(code)).slice(before), { timeout: 15_000 }).toEqual([3.5]);
    await l.close();
    await cut();
  });

  it('joins a shared group as several members, so messages held at once are committed together', async () => {
    // A topic root of its own: the plain subscriptions above must not take these messages too.
    const root = `${topicRoot}-shared`;
    const shared = connectExternalBroker({
      url: brokerUrl.href,
      clientId: `${clientId}-shared`,
      topicRoot: root,
      sharedGroup: `onemap-test-${run}`,
      connections: 4,
      sql: h.db.sql,
      events: h.events,
      operations: h.operations,
      log: h.server.app.log,
    });
    links.push(shared);
    await expect.poll(() => shared.status().connected, { timeout: 15_000 }).toBe(true);
    const code = gauges[3] as string;
    const before = (await stored(code)).length;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        gateway.publishAsync(
          `${root}/sensors/${code}/readings`,
          JSON.stringify({ ts: ts(600 - i), value: 1 + (i % 10) / 10 }),
          { qos: 1 },
        ),
      ),
    );
    await expect.poll(async () => (await stored(code)).length - before, { timeout: 30_000 }).toBe(200);
    // One member alone would commit one message at a time.
    expect(shared.ingest.commits.largestBatch).toBeGreaterThan(1);
    expect(shared.ingest.commits.commits).toBeLessThan(200);
    await shared.close();
    for (const id of [`${clientId}-shared`, ...[1, 2, 3].map((k) => `${clientId}-shared-${k}`)]) {
      await dropSession(id);
    }
  });
});
