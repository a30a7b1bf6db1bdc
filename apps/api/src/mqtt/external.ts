import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import { NATIONAL_SCOPE } from '../services/scope.js';
import {
  type MqttIngestOptions,
  type MqttLink,
  MqttReadingsIngest,
  readingsTopic,
  unitsTopic,
} from './ingest.js';

/**
 * OneMap as a subscriber of an external broker (Mosquitto, EMQX, a cloud IoT hub) instead of running
 * its own. It subscribes to `{root}/sensors/+/readings` at QoS 1 in a persistent session under a
 * stable client id, so the broker keeps what gateways publish while OneMap is restarting and hands
 * it over on reconnect. Each message is acknowledged to the broker only once it is settled (stored,
 * or refused for good — see ingest.ts); one the database could not take is not acknowledged, and
 * the broker delivers it again after the reconnect that follows.
 *
 * The external broker authenticates and authorises the gateways (its ACL decides who may publish
 * to which sensor's topic); what arrives through the subscription is ingested with national scope.
 *
 * Several API replicas subscribe as one shared subscription group (`$share/{group}/…`, MQTT 5 and,
 * in Mosquitto and EMQX, 3.1.1): the broker hands each message to one member, so it is stored once.
 * Mosquitto keeps handing a member with a persistent session its share while it is away, and
 * delivers it when the member comes back under the same client id: keep each replica's id stable.
 */
export interface ExternalMqttOptions extends Omit<MqttIngestOptions, 'maxDelayMs'> {
  url: string;
  username?: string;
  password?: string;
  clientId: string;
  topicRoot: string;
  /** The shared subscription group; null subscribes plainly (one replica, or a broker without them). */
  sharedGroup?: string | null;
  /**
   * Members of the shared group this replica runs (client ids `{clientId}`, `{clientId}-1`, …);
   * one when not shared, where each connection would get every message.
   */
  connections?: number;
  /** First wait before reconnecting; it doubles with each failure in a row up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * mqtt.js reads a connection's next message only once the last one is acknowledged, and a message
 * is acknowledged only once it is committed: one connection ingests one message per commit. Each
 * replica therefore joins the shared group several times: the broker spreads the messages over the
 * members, and what the members hold at once is committed as one group. Measured on PostgreSQL
 * (apps/api/bench/ingest.ts, `mqtt-external`: messages of ten readings, one replica, 2 cores):
 * 1 connection 1,900 readings/s, 8 connections 8,500/s, 32 connections 13,500/s (32,000/s through
 * the embedded broker, which has a connection per gateway).
 */
export const DEFAULT_CONNECTIONS = 32;

export function connectExternalBroker(options: ExternalMqttOptions): MqttLink {
  const ids = memberClientIds(options);
  const count = ids.length;
  // The connections each hold one message at a time; those that arrive while a batch commits form
  // the next one, so there is nothing to wait for: a lingering group commit would only add delay.
  const ingest = new MqttReadingsIngest({ ...options, maxDelayMs: 0 });
  const up = new Set<number>();
  let since = new Date().toISOString();
  const setConnected = (k: number, isUp: boolean) => {
    const before = up.size === count;
    if (isUp) up.add(k);
    else up.delete(k);
    if (before !== (up.size === count)) since = new Date().toISOString();
  };
  const clients = ids.map((id, k) => subscriber(options, ingest, id, (isUp) => setConnected(k, isUp)));
  let closing: Promise<void> | null = null;
  return {
    stats: ingest.stats,
    ingest,
    status: () => ({ mode: 'external', connected: up.size === count, since }),
    async close() {
      if (closing) return closing;
      // Messages in flight are settled first, then the sessions are left for the next start to resume.
      closing = (async () => {
        await ingest.flush();
        await Promise.all(clients.map((c) => c.endAsync()));
      })();
      await closing;
      for (let k = 0; k < count; k++) setConnected(k, false);
    },
  };
}

const topicsOf = (root: string) => ({ topic: readingsTopic(root), units: unitsTopic(root) });

/** The shared subscription's filters as a member subscribes to them. */
export function memberFilters(options: Pick<ExternalMqttOptions, 'topicRoot' | 'sharedGroup'>): string[] {
  const { topic, units } = topicsOf(options.topicRoot);
  const share = options.sharedGroup ? `$share/${options.sharedGroup}/` : '';
  return [topic.filter, units.filter].map((f) => `${share}${f}`);
}

/**
 * How a member connects: under its own client id, MQTT 3.1.1 (shared subscriptions in Mosquitto
 * and EMQX), persistent (`clean: false`) unless its session is to be ended.
 */
export function memberConnectOptions(
  options: Pick<ExternalMqttOptions, 'username' | 'password'>,
  clientId: string,
  clean = false,
): IClientOptions {
  return {
    clientId,
    clean,
    protocolVersion: 4,
    username: options.username,
    password: options.password,
    connectTimeout: 10_000,
  };
}

/** A member's client ids: `{clientId}`, `{clientId}-1`, …, one per connection. */
export function memberClientIds(
  options: Pick<ExternalMqttOptions, 'clientId' | 'sharedGroup' | 'connections'>,
) {
  const count = options.sharedGroup ? Math.max(1, options.connections ?? DEFAULT_CONNECTIONS) : 1;
  return Array.from({ length: count }, (_, k) => (k === 0 ? options.clientId : `${options.clientId}-${k}`));
}

/**
 * mqtt.js's message handler for a member: each message goes to the ingest and is acknowledged
 * (`done`) once settled; one that could not be stored is not acknowledged, and `failed` decides
 * what the connection does about it.
 */
export function settleMessages(
  options: Pick<ExternalMqttOptions, 'topicRoot' | 'log'>,
  ingest: MqttReadingsIngest,
  failed: (packet: IPublishPacket, error: Error) => void,
): MqttClient['handleMessage'] {
  const { topic, units } = topicsOf(options.topicRoot);
  return (packet, done) => {
    const sensorCode = topic.match(packet.topic);
    const teamCode = sensorCode ? null : units.match(packet.topic);
    if (!sensorCode && !teamCode) {
      options.log.warn({ topic: packet.topic }, 'mqtt message on an unexpected topic ignored');
      return done();
    }
    const settled = sensorCode
      ? ingest.handle(sensorCode, packet.payload, NATIONAL_SCOPE, packet.topic)
      : ingest.handlePosition(teamCode as string, packet.payload, NATIONAL_SCOPE, packet.topic);
    settled.then(
      () => done(),
      (error: Error) => {
        done(error);
        failed(packet, error);
      },
    );
  };
}

/** One member of the subscription: a persistent session under `clientId`. */
function subscriber(
  options: ExternalMqttOptions,
  ingest: MqttReadingsIngest,
  clientId: string,
  setConnected: (up: boolean) => void,
): MqttClient {
  const { log } = options;
  const minBackoff = options.minBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  let connected = false;
  const client: MqttClient = mqtt.connect(options.url, {
    ...memberConnectOptions(options, clientId),
    reconnectPeriod: minBackoff,
    // Subscribed on every connect below, whether or not the broker kept the session.
    resubscribe: false,
  });
  client.handleMessage = settleMessages(options, ingest, (packet, error) => {
    log.error({ err: error, topic: packet.topic }, 'mqtt ingest failed; reconnecting for redelivery');
    // Without a PUBACK the broker keeps the message, but redelivers it only on a new connection.
    client.stream?.destroy();
  });
  client.on('connect', (connack) => {
    client.options.reconnectPeriod = minBackoff;
    const filters = memberFilters(options);
    client.subscribe(filters, { qos: 1 }, (error, granted) => {
      if (error || granted?.some((g) => g.qos === 128)) {
        log.error({ err: error, filters }, 'the external MQTT broker refused the subscription');
        return;
      }
      connected = true;
      setConnected(true);
      log.info(
        { clientId, filters, sessionPresent: connack.sessionPresent },
        'subscribed to the external MQTT broker',
      );
    });
  });
  client.on('reconnect', () => {
    // mqtt.js waits reconnectPeriod before each attempt: grow it while attempts keep failing.
    client.options.reconnectPeriod = Math.min(maxBackoff, (client.options.reconnectPeriod ?? minBackoff) * 2);
  });
  client.on('close', () => {
    if (connected) log.warn({ clientId }, 'lost the external MQTT broker; reconnecting');
    connected = false;
    setConnected(false);
  });
  client.on('error', (error) => {
    log.warn({ err: error.message }, 'external MQTT broker');
  });

  return client;
}
