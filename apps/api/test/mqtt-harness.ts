import mqtt, { type MqttClient } from 'mqtt';
import { type MqttBroker, startMqttBroker } from '../src/mqtt/broker.js';
import type { IngestStatsRecorder } from '../src/services/ingest-stats.js';
import type { Harness } from './harness.js';

/** The embedded MQTT broker over the harness's database and change bus, on a free local port. */
export function startHarnessBroker(
  h: Harness,
  options: { ingestStats?: IngestStatsRecorder; maxDelayMs?: number } = {},
): Promise<MqttBroker> {
  return startMqttBroker({
    port: 0,
    host: '127.0.0.1',
    sql: h.db.sql,
    events: h.events,
    operations: h.operations,
    log: h.server.app.log,
    ...options,
  });
}

/** A gateway's MQTT client on `broker`, signed in with an API token, that never reconnects. */
export function connectGateway(broker: { port: number }, password: string): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
    username: 'gateway',
    password,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
}
