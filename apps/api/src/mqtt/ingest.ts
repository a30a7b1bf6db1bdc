import { type IngestResult, MAX_INGEST_BATCH, type MqttLinkStatus } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { FastifyBaseLogger } from 'fastify';
import type { OperationsBus } from '../events/operations.js';
import type { SensorChangeBus } from '../events/sensor-changes.js';
import type { IngestStatsRecorder } from '../services/ingest-stats.js';
import type { RegionScope } from '../services/scope.js';
import {
  type GroupCommit,
  type GroupCommitStats,
  positionsGroupCommit,
  readingsGroupCommit,
} from './group-commit.js';

/**
 * What MQTT ingest does with one PUBLISH, the same whether it arrived at the embedded broker or
 * through the subscription to an external one: parse the payload, store it through the group
 * commit, count and log what was refused. MQTT 3.1.1 has no negative acknowledgement, so a message
 * is acknowledged once it is *settled*: its accepted readings are committed and its refused ones
 * (malformed payload, bad items) are counted and logged — sending it again would not change the
 * answer. Only a failure to store (the database is down) withholds the acknowledgement, so the
 * publisher sends it again.
 */
export const DEFAULT_TOPIC_ROOT = 'onemap';

/** The readings topics under `root` (`{root}/sensors/{sensorCode}/readings`): filter and matcher. */
export function readingsTopic(root: string): { filter: string; match(topic: string): string | null } {
  const prefix = `${root}/sensors/`;
  return {
    filter: `${prefix}+/readings`,
    match(topic) {
      if (!topic.startsWith(prefix) || !topic.endsWith('/readings')) return null;
      const code = topic.slice(prefix.length, -'/readings'.length);
      return /^[^/+#]{1,64}$/.test(code) ? code : null;
    },
  };
}

/** The unit position topics under `root` (`{root}/units/{teamCode}/position`): filter and matcher. */
export function unitsTopic(root: string): { filter: string; match(topic: string): string | null } {
  const prefix = `${root}/units/`;
  return {
    filter: `${prefix}+/position`,
    match(topic) {
      if (!topic.startsWith(prefix) || !topic.endsWith('/position')) return null;
      const code = topic.slice(prefix.length, -'/position'.length);
      return /^[^/+#]{1,32}$/.test(code) ? code : null;
    },
  };
}

export interface MqttIngestStats {
  messages: number;
  accepted: number;
  rejected: number;
  /** Messages whose payload is not `{ ts, value }` or an array of up to 10,000 of them. */
  malformed: number;
  /** Unit position messages, and the positions stored and refused. */
  positionMessages: number;
  positionsAccepted: number;
  positionsRejected: number;
}

export interface MqttIngestOptions {
  sql: SqlClient;
  events: SensorChangeBus;
  /** Where unit positions (and what the geofence made of them) are told to live watchers. */
  operations: OperationsBus;
  log: FastifyBaseLogger;
  /** Where each settled message is counted for the system-status view. */
  ingestStats?: IngestStatsRecorder;
  /** Group commit: how long a lone message waits for others, and the readings that flush at once. */
  maxDelayMs?: number;
  maxReadings?: number;
}

/** The MQTT side of ingest as the API runs it: the embedded broker, or the external subscription. */
export interface MqttLink {
  stats: MqttIngestStats;
  ingest: MqttReadingsIngest;
  status(): MqttLinkStatus;
  /** Stops taking messages and settles those in flight. */
  close(): Promise<void>;
}

/** What became of one message: null when its payload was malformed. */
export type MessageOutcome = IngestResult | null;

/** One log line per publisher per this many ms about refused messages; the rest are counted in it. */
const LOG_EVERY_MS = 10_000;

export class MqttReadingsIngest {
  readonly stats: MqttIngestStats = {
    messages: 0,
    accepted: 0,
    rejected: 0,
    malformed: 0,
    positionMessages: 0,
    positionsAccepted: 0,
    positionsRejected: 0,
  };
  readonly #commit: GroupCommit<unknown>;
  readonly #positions: GroupCommit<unknown>;
  readonly #log: FastifyBaseLogger;
  readonly #ingestStats: IngestStatsRecorder | undefined;
  readonly #lastLogged = new Map<string, { at: number; suppressed: number }>();

  constructor(options: MqttIngestOptions) {
    this.#log = options.log;
    this.#ingestStats = options.ingestStats;
    const tuning = {
      sql: options.sql,
      maxDelayMs: options.maxDelayMs ?? 10,
      maxReadings: options.maxReadings ?? 5000,
    };
    this.#commit = readingsGroupCommit({ ...tuning, events: options.events });
    this.#positions = positionsGroupCommit({ ...tuning, operations: options.operations });
  }

  get commits(): GroupCommitStats {
    return this.#commit.stats;
  }

  /**
   * Settles one message for `sensorCode` from `publisher` (a client id, for the log). Resolves when
   * it may be acknowledged; rejects when it could not be stored.
   */
  async handle(
    sensorCode: string,
    payload: Buffer | string,
    scope: RegionScope,
    publisher: string,
  ): Promise<MessageOutcome> {
    this.stats.messages++;
    const items = parsePayload(payload, sensorCode);
    if (!items) {
      this.stats.malformed++;
      this.#refused(publisher, { sensorCode, reason: 'payload is not { ts, value } or an array of them' });
      this.#ingestStats?.recordMqttMessage(null);
      return null;
    }
    const result = await this.#commit.submit({ items, scope });
    this.stats.accepted += result.accepted;
    this.stats.rejected += result.rejected.length;
    this.#ingestStats?.recordMqttMessage(result);
    if (result.rejected.length > 0) {
      this.#refused(publisher, {
        sensorCode,
        rejected: result.rejected.length,
        of: items.length,
        reason: result.rejected[0]?.reason,
      });
    }
    return result;
  }

  /**
   * Settles one position message of unit `teamCode` (`{ ts, lon, lat, speed?, heading? }` or an
   * array of them), like `handle` does readings.
   */
  async handlePosition(
    teamCode: string,
    payload: Buffer | string,
    scope: RegionScope,
    publisher: string,
  ): Promise<MessageOutcome> {
    this.stats.positionMessages++;
    const items = parseItems(payload, { teamCode });
    if (!items) {
      this.stats.malformed++;
      this.#refused(publisher, { teamCode, reason: 'payload is not { ts, lon, lat } or an array of them' });
      return null;
    }
    const result = await this.#positions.submit({ items, scope });
    this.stats.positionsAccepted += result.accepted;
    this.stats.positionsRejected += result.rejected.length;
    if (result.rejected.length > 0) {
      this.#refused(publisher, {
        teamCode,
        rejected: result.rejected.length,
        reason: result.rejected[0]?.reason,
      });
    }
    return result;
  }

  /** Stores what is waiting; call before closing the database. */
  async flush(): Promise<void> {
    await Promise.all([this.#commit.flush(), this.#positions.flush()]);
  }

  #refused(publisher: string, details: Record<string, unknown>): void {
    const now = Date.now();
    const last = this.#lastLogged.get(publisher);
    if (last && now - last.at < LOG_EVERY_MS) {
      last.suppressed++;
      return;
    }
    this.#log.warn(
      { publisher, ...details, suppressedSinceLast: last?.suppressed ?? 0 },
      'mqtt readings refused',
    );
    this.#lastLogged.set(publisher, { at: now, suppressed: 0 });
    // A broker with many short-lived publishers must not keep one entry each forever.
    if (this.#lastLogged.size > 10_000) this.#lastLogged.clear();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `{ ts, value }` or an array of them, for the sensor named by the topic; null when not that shape. */
export function parsePayload(payload: Buffer | string, sensorCode: string): unknown[] | null {
  return parseItems(payload, { sensorCode });
}

/** A JSON object or an array of them, each given what the topic names; null when not that shape. */
function parseItems(payload: Buffer | string, named: Record<string, string>): unknown[] | null {
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : utf8.decode(payload));
  } catch {
    return null;
  }
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0 || list.length > MAX_INGEST_BATCH) return null;
  return list.map((item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? { ...(item as object), ...named } : item,
  );
}
