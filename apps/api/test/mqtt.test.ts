import { testEngine } from '@onemap/prisma/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MqttBroker, startMqttBroker } from '../src/mqtt/broker.js';
import { createToken } from '../src/services/api-tokens.js';
import { type Harness, startHarness } from './harness.js';

describe(`the embedded MQTT broker on ${testEngine}`, () => {
  let h: Harness;
  let broker: MqttBroker;
  let gateway: string;
  let sensor: { code: string };
  let sichuan: { code: string };

  beforeAll(async () => {
    h = await startHarness();
    broker = await startMqttBroker({
      port: 0,
      host: '127.0.0.1',
      sql: h.db.sql,
      events: h.events,
      log: h.server.app.log,
    });
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

  const connect = (password: string) =>
    mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: 'gateway',
      password,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
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
});
