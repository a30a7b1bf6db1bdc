import { createServer, type Server } from 'node:net';
import { allows, type Principal } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { Aedes, type Client } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';
import type { SensorChangeBus } from '../events/sensor-changes.js';
import { ingestReadings } from '../services/readings.js';
import { scopeOf } from '../services/scope.js';
import { resolveSecret } from '../services/sessions.js';

/**
 * The embedded MQTT broker for sensor gateways. A gateway signs in with an API token as its MQTT
 * password and publishes `{ ts, value }` (or an array of them) to `onemap/sensors/{code}/readings`.
 * Each message is stored through the same ingest path as HTTP batches before the broker
 * acknowledges it, so a QoS 1 PUBACK means the readings are on disk. Nothing internal is published
 * back: subscriptions are refused.
 */
export const READINGS_TOPIC = /^onemap\/sensors\/([^/+#]{1,64})\/readings$/;

export interface MqttIngestStats {
  messages: number;
  accepted: number;
  rejected: number;
  malformed: number;
}

export interface MqttBroker {
  port: number;
  stats: MqttIngestStats;
  close(): Promise<void>;
}

export async function startMqttBroker(options: {
  port: number;
  host: string;
  sql: SqlClient;
  events: SensorChangeBus;
  log: FastifyBaseLogger;
}): Promise<MqttBroker> {
  const principals = new WeakMap<Client, Principal>();
  const stats: MqttIngestStats = { messages: 0, accepted: 0, rejected: 0, malformed: 0 };
  const broker = await Aedes.createBroker({
    authenticate: (client, _username, password, done) => {
      resolveSecret(options.sql, password?.toString('utf8'))
        .then(({ principal }) => {
          if (principal.kind === 'anonymous') return done(authError('bad credentials', 4), false);
          if (!allows(principal, 'ingest.write'))
            return done(authError('not authorized to publish readings', 5), false);
          principals.set(client, principal);
          done(null, true);
        })
        .catch((error: Error) => done(authError(error.message, 3), false));
    },
    // A refused subscription is answered with QoS 128 (failure), not a dropped connection.
    authorizeSubscribe: (_client, _subscription, callback) => callback(null, null),
    authorizePublish: (client, packet, callback) => {
      const principal = client ? principals.get(client) : undefined;
      const match = READINGS_TOPIC.exec(packet.topic);
      if (!principal || !match) return callback(new Error(`publishing to ${packet.topic} is not allowed`));
      stats.messages++;
      const items = parsePayload(packet.payload, match[1] as string);
      if (!items) {
        stats.malformed++;
        return callback(null);
      }
      ingestReadings(options.sql, items, scopeOf(principal), { onChanges: (c) => options.events.publish(c) })
        .then((result) => {
          stats.accepted += result.accepted;
          stats.rejected += result.rejected.length;
          // Stored (or refused item by item): acknowledge. MQTT has no per-item answer; counts tell.
          callback(null);
        })
        .catch((error: Error) => {
          options.log.error({ err: error, topic: packet.topic }, 'mqtt ingest failed');
          callback(error);
        });
    },
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stats,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function authError(message: string, returnCode: number) {
  return Object.assign(new Error(message), { returnCode }) as Error & { returnCode: 3 | 4 | 5 };
}

/** `{ ts, value }` or an array of them, for the sensor named by the topic; null when not that shape. */
export function parsePayload(payload: Buffer | string, sensorCode: string): unknown[] | null {
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return null;
  }
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0 || list.length > 10_000) return null;
  return list.map((item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? { ...(item as object), sensorCode } : item,
  );
}
