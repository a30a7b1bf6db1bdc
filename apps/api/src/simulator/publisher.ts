import mqtt, { type MqttClient } from 'mqtt';
import type { PositionPublisher } from './units.js';

/** One reading as it goes on the wire. */
export interface Reading {
  ts: string;
  value: number;
}

/**
 * Publishes readings like a gateway does: QoS 1, one topic per sensor; and unit positions like a
 * vehicle tracker, one topic per team.
 */
export interface Publisher extends PositionPublisher {
  /** Resolves on the broker's PUBACK (for OneMap's broker: once the reading is stored). */
  publish(code: string, readings: Reading[]): Promise<void>;
  /** Messages sent and not yet acknowledged. */
  readonly inFlight: number;
  close(): Promise<void>;
}

export interface MqttPublisherOptions {
  url: string;
  username?: string;
  /** An OneMap API token for the embedded broker; the external broker's own password otherwise. */
  password?: string;
  topicRoot: string;
  clientId: string;
}

export async function mqttPublisher(options: MqttPublisherOptions): Promise<Publisher> {
  const client: MqttClient = await mqtt.connectAsync(options.url, {
    clientId: options.clientId,
    username: options.username ?? 'onemap-simulator',
    password: options.password,
    protocolVersion: 4,
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
  });
  // Reconnects on its own; the QoS 1 messages not yet acknowledged are sent again then.
  client.on('error', () => undefined);
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    async publish(code, readings) {
      inFlight++;
      try {
        const body = readings.length === 1 ? readings[0] : readings;
        await client.publishAsync(`${options.topicRoot}/sensors/${code}/readings`, JSON.stringify(body), {
          qos: 1,
        });
      } finally {
        inFlight--;
      }
    },
    async publishPosition(teamCode, position) {
      await client.publishAsync(`${options.topicRoot}/units/${teamCode}/position`, JSON.stringify(position), {
        qos: 1,
      });
    },
    async close() {
      await client.endAsync();
    },
  };
}
