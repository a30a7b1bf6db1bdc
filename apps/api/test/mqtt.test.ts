import { testEngine } from '@onemap/prisma/testing';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttBroker } from '../src/mqtt/broker.js';
import { readingsGroupCommit } from '../src/mqtt/group-commit.js';
import { createToken } from '../src/services/api-tokens.js';
import { type Harness, startHarness } from './harness.js';
import { connectGateway, startHarnessBroker } from './mqtt-harness.js';

describe(`the embedded MQTT broker on ${testEngine}`, () => {
  let h: Harness;
  let broker: MqttBroker;
  let gateway: string;
  let sensor: { code: string };
  let sichuan: { code: string };

  beforeAll(async () => {
    h = await startHarness();
    broker = await startHarnessBroker(h);
    gateway = (
      await createToken(h.db.sql, { name: 'zj-mqtt', role: 'sensor_gateway', regionCode: '330000' }, 'test')
    ).token;
    [sensor] = (await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '33%' AND kind = 'rainfall' ORDER BY id LIMIT 1",
    )) as [{ code: string }];
    [sichuan] = (await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '51%' AND kind = 'rainfall' ORDER BY id LIMIT 1",
    )) as [{ code: string }];
  });
  afterAll(async () => {
    await broker?.close();
    await h?.close();
  });

  const connect = (password: string) => connectGateway(broker, password);
  const stored = async (code: string) =>
    (
      await h.db.sql.query<{ value: number }>(
        'SELECT r.value FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.code = $1 ORDER BY r.ts',
        [code],
      )
    ).map((r) => r.value);

  it('stores readings published by a real MQTT client before acknowledging them (QoS 1)', async () => {
    const client = await connect(gateway);
    const ts = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    await client.publishAsync(
      `onemap/sensors/${sensor.code}/readings`,
      JSON.stringify({ ts: ts(30), value: 3.5 }),
      { qos: 1 },
    );
    // The PUBACK has arrived: the reading is already in the database.
    expect(await stored(sensor.code)).toEqual([3.5]);
    await client.publishAsync(
      `onemap/sensors/${sensor.code}/readings`,
      JSON.stringify([
        { ts: ts(20), value: 4.5 },
        { ts: ts(10), value: 61 },
      ]),
      { qos: 1 },
    );
    expect(await stored(sensor.code)).toEqual([3.5, 4.5, 61]);
    const [s] = await h.db.sql.query<{ state: string; last_value: number }>(
      'SELECT state, last_value FROM sensor WHERE code = $1',
      [sensor.code],
    );
    expect(s).toEqual({ state: 'alarm', last_value: 61 });
    await client.endAsync();
  });

  it('counts malformed and refused messages without dropping the connection, and stores nothing for them', async () => {
    const client = await connect(gateway);
    const before = { ...broker.stats };
    await client.publishAsync(`onemap/sensors/${sensor.code}/readings`, '{not json', { qos: 1 });
    await client.publishAsync(
      `onemap/sensors/${sichuan.code}/readings`,
      JSON.stringify({ ts: new Date().toISOString(), value: 1 }),
      { qos: 1 },
    );
    await client.publishAsync(
      `onemap/sensors/${sensor.code}/readings`,
      JSON.stringify({ ts: 'soon', value: 'wet' }),
      { qos: 1 },
    );
    expect(broker.stats.malformed - before.malformed).toBe(1);
    expect(broker.stats.rejected - before.rejected).toBe(2);
    expect(client.connected).toBe(true);
    expect(await stored(sichuan.code)).toEqual([]);
    await client.endAsync();
  });

  it('refuses a wrong token, a role that may not write, and subscriptions', async () => {
    await expect(connect('omt_wrong')).rejects.toThrow(/Bad username or password|bad credentials/i);
    const analyst = (
      await createToken(h.db.sql, { name: 'reader', role: 'analyst', regionCode: '330000' }, 'test')
    ).token;
    await expect(connect(analyst)).rejects.toThrow(/Not authorized|not authorized/i);
    const client = await connect(gateway);
    // Nothing internal is offered over MQTT: the broker grants the subscription QoS 128 (failure).
    await expect(client.subscribeAsync('onemap/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    expect(client.connected).toBe(true);
    await client.endAsync();
  });

  describe('group commit', () => {
    let gauges: string[];
    beforeAll(async () => {
      gauges = (
        await h.db.sql.query<{ code: string }>(
          `SELECT code FROM sensor WHERE region_code LIKE '33%' AND kind IN ('water_level', 'temperature', 'humidity')
            ORDER BY code LIMIT 20`,
        )
      ).map((r) => r.code);
      expect(gauges.length).toBeGreaterThanOrEqual(10);
    });
    const count = async (codes: string[], since: string) =>
      Number(
        (
          await h.db.sql.query<{ n: string }>(
            `SELECT count(*) AS n FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id
              WHERE s.code = ANY($1::text[]) AND r.ts >= $2`,
            [codes, since],
          )
        )[0]?.n,
      );

    it('stores every reading of many concurrent publishers, several messages to a transaction, each acknowledged only once stored', async () => {
      const since = new Date(Date.now() - 3600_000).toISOString();
      // A long gathering window, so that a PUBACK sent before the commit would have time to arrive.
      const slow = await startHarnessBroker(h, { maxDelayMs: 200 });
      const clients = await Promise.all(Array.from({ length: 10 }, () => connectGateway(slow, gateway)));
      const start = Date.now() - 3000_000;
      // What has been committed, as the bus announces it right after each commit.
      const latest = new Map<string, string>();
      const off = h.events.subscribe((changes) => {
        for (const c of changes) {
          if (c.lastReadingAt && c.lastReadingAt > (latest.get(c.code) ?? ''))
            latest.set(c.code, c.lastReadingAt);
        }
      });
      let unstoredAtAck = 0;
      let expected = 0;
      await Promise.all(
        clients.map(async (client, c) => {
          const sends = Array.from({ length: 15 }, (_, m) => {
            // One sensor per publisher, its readings ever newer: a message is stored exactly when the
            // sensor's latest reading has reached the message's newest.
            const code = gauges[c] as string;
            // Alternate single readings and arrays of readings, all with distinct timestamps.
            const n = m % 3 === 0 ? 4 : 1;
            const items = Array.from({ length: n }, (_, k) => ({
              ts: new Date(start + ((c * 15 + m) * 4 + k) * 1000).toISOString(),
              value: 1 + k / 10,
            }));
            expected += n;
            const newest = items[n - 1]?.ts as string;
            return client
              .publishAsync(`onemap/sensors/${code}/readings`, JSON.stringify(n === 1 ? items[0] : items), {
                qos: 1,
              })
              .then(() => {
                // The PUBACK is here: the transaction holding this message must have committed.
                if ((latest.get(code) ?? '') < newest) unstoredAtAck++;
              });
          });
          await Promise.all(sends);
        }),
      );
      off();
      await Promise.all(clients.map((c) => c.endAsync()));
      expect(unstoredAtAck).toBe(0);
      expect(await count(gauges, since)).toBe(expected);
      const { commits, messages, largestBatch } = slow.ingest.commits;
      await slow.close();
      expect(messages).toBe(10 * 15);
      // Concurrent messages shared transactions.
      expect(commits).toBeLessThan(messages);
      expect(largestBatch).toBeGreaterThan(1);
    });

    it('keeps the good messages of a burst when bad ones are in it, and counts the bad ones', async () => {
      const since = new Date(Date.now() - 3600_000).toISOString();
      const good = gauges.slice(0, 5);
      const before = { ...broker.stats };
      const alreadyStored = await count(good, since);
      const clients = await Promise.all(Array.from({ length: 4 }, () => connect(gateway)));
      const ts = (k: number) => new Date(Date.now() - 1000_000 + k * 1000).toISOString();
      await Promise.all([
        ...good.map((code, i) =>
          (clients[i % 2] as MqttClient).publishAsync(
            `onemap/sensors/${code}/readings`,
            JSON.stringify([
              { ts: ts(i * 2), value: 2 },
              { ts: ts(i * 2 + 1), value: 2.5 },
            ]),
            { qos: 1 },
          ),
        ),
        (clients[2] as MqttClient).publishAsync(`onemap/sensors/${good[0]}/readings`, '[{"ts": 1', {
          qos: 1,
        }),
        (clients[2] as MqttClient).publishAsync(
          `onemap/sensors/${good[1]}/readings`,
          Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
          { qos: 1 },
        ),
        (clients[3] as MqttClient).publishAsync(
          `onemap/sensors/${good[2]}/readings`,
          JSON.stringify([
            { ts: ts(100), value: 'high' },
            { ts: new Date(Date.now() + 86_400_000).toISOString(), value: 3 },
          ]),
          { qos: 1 },
        ),
        (clients[3] as MqttClient).publishAsync(
          `onemap/sensors/${sichuan.code}/readings`,
          JSON.stringify({ ts: ts(101), value: 1 }),
          { qos: 1 },
        ),
      ]);
      expect(clients.every((c) => c.connected)).toBe(true);
      await Promise.all(clients.map((c) => c.endAsync()));
      expect((await count(good, since)) - alreadyStored).toBe(good.length * 2);
      expect(broker.stats.malformed - before.malformed).toBe(2);
      expect(broker.stats.rejected - before.rejected).toBe(3);
      expect(broker.stats.accepted - before.accepted).toBe(good.length * 2);
    });

    it('answers each message of a shared transaction with its own rejections', async () => {
      const commit = readingsGroupCommit({
        sql: h.db.sql,
        events: h.events,
        maxDelayMs: 50,
        maxReadings: 10_000,
      });
      const ts = (k: number) => new Date(Date.now() - 2000_000 + k * 1000).toISOString();
      const zhejiang = { prefix: '33' };
      const [a, b, c] = await Promise.all([
        commit.submit({ items: [{ sensorCode: gauges[0], ts: ts(1), value: 1 }], scope: zhejiang }),
        commit.submit({
          items: [
            { sensorCode: gauges[1], ts: ts(2), value: 1 },
            { sensorCode: gauges[1], ts: ts(3), value: Number.NaN },
            { sensorCode: 'NO-SUCH-SENSOR', ts: ts(4), value: 1 },
          ],
          scope: zhejiang,
        }),
        // Another region's publisher in the same batch: its own scope still applies.
        commit.submit({
          items: [
            { sensorCode: sichuan.code, ts: ts(5), value: 1 },
            { sensorCode: gauges[2], ts: ts(6), value: 1 },
          ],
          scope: { prefix: '51' },
        }),
      ]);
      expect(commit.stats).toMatchObject({ commits: 1, messages: 3 });
      expect(a).toEqual({ accepted: 1, rejected: [] });
      expect(b?.accepted).toBe(1);
      expect(b?.rejected.map((r) => r.index)).toEqual([1, 2]);
      expect(b?.rejected[1]?.reason).toMatch(/unknown sensor NO-SUCH-SENSOR/);
      expect(c?.accepted).toBe(1);
      expect(c?.rejected).toEqual([{ index: 1, reason: `sensorCode: unknown sensor ${gauges[2]}` }]);
    });
  });
});
