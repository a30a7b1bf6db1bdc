import mqtt, { type MqttClient } from 'mqtt';
import {
  type ExternalMqttOptions,
  memberClientIds,
  memberConnectOptions,
  memberFilters,
  settleMessages,
} from './external.js';
import { MqttReadingsIngest } from './ingest.js';

/**
 * Retiring an API replica for good. Behind an external broker each replica's members hold persistent
 * sessions in the shared group, and the broker goes on handing an absent member its share, queued
 * for it and already acknowledged to the gateways. A replica that never comes back would strand it.
 *
 * So each member of the retired replica connects once more under its client id, resuming its
 * session: the broker delivers what it queued. The member unsubscribes at once, so the group's new
 * messages go to the replicas that stay. It ingests what was queued exactly as a replica does
 * (acknowledged once committed). Once nothing has arrived for `quietMs`, it ends the session (a
 * clean connect), so the broker keeps nothing more for it. When a message cannot be stored or a
 * connection is lost, no session is ended and nothing is lost: running it again resumes them.
 */
export interface RetireOptions
  extends Omit<ExternalMqttOptions, 'maxDelayMs' | 'minBackoffMs' | 'maxBackoffMs'> {
  /** How long a member must receive nothing before its queue counts as drained. */
  quietMs?: number;
}

export interface RetireResult {
  /** The client ids whose sessions were ended. */
  members: string[];
  /** Messages of queued readings and unit positions ingested (including malformed ones, refused). */
  messages: number;
  readings: number;
}

export class RetireError extends Error {
  override name = 'RetireError';
}

export async function retireReplica(options: RetireOptions): Promise<RetireResult> {
  const quietMs = options.quietMs ?? 3000;
  const ingest = new MqttReadingsIngest({ ...options, maxDelayMs: 0 });
  const ids = memberClientIds(options);
  const failures: Error[] = [];
  /** Connected under `clientId`; `handle` is in place before the broker can deliver anything. */
  const connect = (clientId: string, clean: boolean, handle?: MqttClient['handleMessage']) =>
    new Promise<MqttClient>((resolve, reject) => {
      const client = mqtt.connect(options.url, {
        ...memberConnectOptions(options, clientId, clean),
        reconnectPeriod: 0,
      });
      if (handle) client.handleMessage = handle;
      let connected = false;
      const failed = (why: string) => {
        if (connected) return;
        client.end(true);
        reject(new RetireError(`cannot connect to the MQTT broker at ${options.url} as ${clientId}: ${why}`));
      };
      client.once('connect', () => {
        connected = true;
        resolve(client);
      });
      client.on('error', (error) => failed(error.message));
      client.once('close', () => failed('the connection closed'));
    });

  // Drain every member first; end no session unless every queue was ingested.
  await Promise.all(
    ids.map(async (clientId) => {
      let lastMessageAt = Date.now();
      const settle = settleMessages(options, ingest, (_packet, error) => failures.push(error));
      // The broker delivers the queue right after accepting the connection.
      const client = await connect(clientId, false, (packet, done) => {
        lastMessageAt = Date.now();
        settle(packet, (error) => {
          lastMessageAt = Date.now();
          done(error);
        });
      });
      // A connection lost while draining may leave part of the queue undelivered: end no session then.
      let ending = false;
      client.on('close', () => {
        if (!ending) failures.push(new Error(`lost the connection of ${clientId}`));
      });
      await client.unsubscribeAsync(memberFilters(options));
      while (Date.now() - lastMessageAt < quietMs && failures.length === 0)
        await new Promise((r) => setTimeout(r, 100));
      await ingest.flush();
      ending = true;
      await client.endAsync();
    }),
  );
  if (failures.length > 0)
    throw new RetireError(
      `the queue was not fully stored (${failures[0]?.message}${failures.length > 1 ? `, and ${failures.length - 1} more` : ''}); no session was ended: run it again`,
    );
  for (const clientId of ids) await (await connect(clientId, true)).endAsync();
  return { members: ids, messages: ingest.stats.messages, readings: ingest.stats.accepted };
}
