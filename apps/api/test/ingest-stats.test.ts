import type { IngestStats } from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttBroker } from '../src/mqtt/broker.js';
import { createToken } from '../src/services/api-tokens.js';
import { IngestStatsRecorder, normaliseReason } from '../src/services/ingest-stats.js';
import { type Harness, startHarness, trpcQuery } from './harness.js';
import { connectGateway, startHarnessBroker } from './mqtt-harness.js';

/** Every kind of bad input, answered clearly and counted for the system-status view. */
describe(`ingest statistics on ${testEngine}`, () => {
  let h: Harness;
  let gateway: string;
  let code: string;

  beforeAll(async () => {
    h = await startHarness();
    gateway = (
      await createToken(h.db.sql, { name: 'zj-gw', role: 'sensor_gateway', regionCode: '330000' }, 'test')
    ).token;
    const [s] = await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '33%' AND kind = 'rainfall' ORDER BY id LIMIT 1",
    );
    code = s?.code as string;
  });
  afterAll(() => h?.close());

  const post = (payload: string | Buffer, contentType = 'application/json') =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      payload,
      headers: { authorization: `Bearer ${gateway}`, 'content-type': contentType },
    });
  const stats = async () => {
    const res = await trpcQuery(h, 'system.ingestStats', undefined, await h.tokenFor('analyst'));
    expect(res.status).toBe(200);
    return res.body.result?.data as IngestStats;
  };
  const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

  it('counts accepted readings and each item refused, by its reason without the variable part', async () => {
    const body = `[
      {"sensorCode": "${code}", "ts": "${ago(30)}", "value": 2.5},
      {"sensorCode": "${code}", "ts": "${ago(20)}", "value": 3},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": "12"},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": "NaN"},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": "Infinity"},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": 1e400},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": 9999},
      {"sensorCode": "${code}", "ts": "${ago(10)}", "value": 501},
      {"sensorCode": "${code}", "ts": "${new Date(Date.now() + 3600_000).toISOString()}", "value": 2},
      {"sensorCode": "NO-SUCH-SENSOR", "ts": "${ago(10)}", "value": 2},
      {"sensorCode": "SN9999999", "ts": "${ago(10)}", "value": 2}
    ]`;
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(2);
    expect(res.json().rejected).toHaveLength(9);
    const s = await stats();
    expect(s.http).toEqual({ requests: 1, accepted: 2, rejected: 9, refused: 0 });
    const count = (reason: string) => s.topReasons.find((r) => r.reason === reason)?.count;
    expect(count('sensorCode: unknown sensor')).toBe(2);
    expect(count('value: # is outside what a rainfall sensor can read (#…#)')).toBe(2);
    expect(count('ts: in the future')).toBe(1);
    expect(s.topReasons.map((r) => r.count)).toEqual(
      [...s.topReasons.map((r) => r.count)].sort((a, b) => b - a),
    );
    expect(s.ratePerS).toBeCloseTo(2 / 60, 9);
    expect(Date.parse(s.since)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses malformed JSON, bare NaN, non-UTF-8, empty, oversized and non-JSON requests whole, saying why', async () => {
    const refused = [
      { res: await post('[{"sensorCode": '), status: 400, message: /not valid JSON/ },
      {
        res: await post(`[{"sensorCode": "${code}", "ts": "${ago(5)}", "value": NaN}]`),
        status: 400,
        message: /not valid JSON/,
      },
      {
        res: await post(`[{"sensorCode": "${code}", "ts": "${ago(5)}", "value": -Infinity}]`),
        status: 400,
        message: /not valid JSON/,
      },
      {
        res: await post(Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d])),
        status: 400,
        message: /not valid UTF-8/,
      },
      { res: await post(''), status: 400, message: /empty/ },
      { res: await post(`[${'"x",'.repeat(1_500_000)}"x"]`), status: 413, message: /larger than 4 MiB/ },
      {
        res: await post(
          JSON.stringify(Array.from({ length: 10_001 }, () => ({ sensorCode: code, ts: ago(1), value: 1 }))),
        ),
        status: 413,
        message: /at most 10000 readings/,
      },
      { res: await post('{"sensorCode": "x"}'), status: 400, message: /JSON array/ },
      { res: await post('<readings/>', 'application/xml'), status: 415, message: /application\/json/ },
    ];
    for (const { res, status, message } of refused) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(message);
      expect(res.json().fields).toEqual(['(body)']);
    }
    const s = await stats();
    expect(s.http).toMatchObject({ requests: 1 + refused.length, refused: refused.length, accepted: 2 });
    const count = (reason: string) => s.topReasons.find((r) => r.reason === reason)?.count;
    expect(count('request: malformed JSON')).toBe(3);
    expect(count('request: not UTF-8')).toBe(1);
    // A non-UTF-8 body is refused before anything is stored from it.
    const [stored] = await h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_reading');
    expect(stored?.n).toBe(2);
  });

  it('counts MQTT messages from the real broker: readings judged, malformed payloads refused', async () => {
    let broker: MqttBroker | null = null;
    try {
      broker = await startHarnessBroker(h, { ingestStats: h.ingestStats });
      const client = await connectGateway(broker, gateway);
      const topic = `onemap/sensors/${code}/readings`;
      await client.publishAsync(topic, JSON.stringify({ ts: ago(3), value: 1.5 }), { qos: 1 });
      await client.publishAsync(
        topic,
        JSON.stringify([
          { ts: ago(2), value: 2 },
          { ts: ago(1), value: -3 },
        ]),
        {
          qos: 1,
        },
      );
      await client.publishAsync(topic, '{not json', { qos: 1 });
      await client.publishAsync(topic, Buffer.from([0x7b, 0xff, 0x7d]), { qos: 1 });
      await client.endAsync();
    } finally {
      await broker?.close();
    }
    const s = await stats();
    expect(s.mqtt).toEqual({ requests: 4, accepted: 2, rejected: 1, refused: 2 });
    expect(s.topReasons.find((r) => r.reason.startsWith('message:'))?.count).toBe(2);
  });

  it('leaves CAP and GeoJSON counts to their importers, through the same recorder', () => {
    const recorder = new IngestStatsRecorder(Date.parse('2026-11-01T00:00:00Z'));
    recorder.recordCap({ accepted: true });
    recorder.recordCap({ accepted: false, reason: 'info[0].area[1].circle: radius -5 is negative' });
    recorder.recordGeojson(3, [{ reason: 'features[7].geometry: not a Polygon' }]);
    const at = Date.parse('2026-11-01T00:10:00Z');
    recorder.recordReadings('http', { accepted: 60, rejected: [] }, at - 90_000); // over a minute ago
    recorder.recordReadings('http', { accepted: 120, rejected: [] }, at - 30_000);
    const s = recorder.snapshot(at);
    expect(s).toMatchObject({ cap: { accepted: 1, rejected: 1 }, geojson: { accepted: 3, rejected: 1 } });
    expect(s.ratePerS).toBe(2);
    expect(s.topReasons.map((r) => r.reason)).toEqual([
      'features[#].geometry: not a Polygon',
      'info[#].area[#].circle: radius # is negative',
    ]);
    expect(normaliseReason('value: -1.5e3 is outside what a gas_ch4 sensor can read (0…100)')).toBe(
      'value: # is outside what a gas_ch4 sensor can read (#…#)',
    );
    expect(normaliseReason('request: not UTF-8')).toBe('request: not UTF-8');
  });
});
