import { createServer, type Server } from 'node:net';
import { allows, type Principal } from '@onemap/domain';
import { Aedes, type Client } from 'aedes';
import { scopeOf } from '../services/scope.js';
import { resolveSecret } from '../services/sessions.js';
import {
  DEFAULT_TOPIC_ROOT,
  type MqttIngestOptions,
  type MqttLink,
  MqttReadingsIngest,
  readingsTopic,
  unitsTopic,
} from './ingest.js';

/**
 * The embedded MQTT broker for sensor gateways. A gateway signs in with an API token as its MQTT
 * password and publishes `{ ts, value }` (or an array of them) to `onemap/sensors/{code}/readings`;
 * a unit's tracker publishes `{ ts, lon, lat, speed?, heading? }` to `onemap/units/{teamCode}/position`.
 * Messages go through the group commit (`ingest.ts`): the QoS 1 PUBACK of a message is sent only
 * once the transaction holding its readings has committed. Nothing internal is published back:
 * subscriptions are refused.
 */
export interface MqttBroker extends MqttLink {
  port: number;
  /** Gateways connected now. */
  clients(): number;
}

/** The ingest's options (group commit tuning: the defaults suit the embedded database). */
export async function startMqttBroker(
  options: MqttIngestOptions & { port: number; host: string },
): Promise<MqttBroker> {
  const principals = new WeakMap<Client, Principal>();
  const topic = readingsTopic(DEFAULT_TOPIC_ROOT);
  const units = unitsTopic(DEFAULT_TOPIC_ROOT);
  const ingest = new MqttReadingsIngest(options);
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
      const sensorCode = topic.match(packet.topic);
      const teamCode = sensorCode ? null : units.match(packet.topic);
      if (!principal || !client || !(sensorCode || teamCode))
        return callback(new Error(`publishing to ${packet.topic} is not allowed`));
      // The callback sends the PUBACK: only once the message is settled (see ingest.ts). An error
      // closes the connection without it, and the gateway publishes again after reconnecting.
      const settled = sensorCode
        ? ingest.handle(sensorCode, packet.payload, scopeOf(principal), client.id)
        : ingest.handlePosition(teamCode as string, packet.payload, scopeOf(principal), client.id);
      settled.then(
        () => callback(null),
        (error: Error) => {
          options.log.error({ err: error, topic: packet.topic }, 'mqtt ingest failed');
          callback(error);
        },
      );
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
  const port = typeof address === 'object' && address ? address.port : options.port;
  const since = new Date().toISOString();
  return {
    port,
    stats: ingest.stats,
    ingest,
    status: () => ({ mode: 'embedded', connected: server.listening, since, port }),
    clients: () => broker.connectedClients,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ingest.flush();
    },
  };
}

function authError(message: string, returnCode: number) {
  return Object.assign(new Error(message), { returnCode }) as Error & { returnCode: 3 | 4 | 5 };
}
