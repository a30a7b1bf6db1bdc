import type { IngestRejection, IngestResult } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { OperationsBus, RegionalOperationsChange } from '../events/operations.js';
import type { RegionalSensorChange, SensorChangeBus } from '../events/sensor-changes.js';
import { ingestReadings } from '../services/readings.js';
import type { RegionScope } from '../services/scope.js';
import { ingestUnitPositions } from '../services/unit-positions.js';

/**
 * Group commit for readings that arrive one message at a time (MQTT). A commit costs about the
 * same for one reading as for a few thousand, so the messages that arrive together — from many
 * gateways, or pipelined by one — are stored in one transaction and each is answered only after
 * that transaction has committed: an acknowledged reading is durable, exactly as one message per
 * transaction would make it, at a fraction of the cost.
 *
 * A batch is written when `maxReadings` are waiting or `maxDelayMs` after its first message,
 * whichever comes first; while one batch commits the next one gathers, so under load batches grow
 * by themselves and the delay only matters when traffic is light.
 *
 * The same holds for unit positions: `readingsGroupCommit` and `positionsGroupCommit` are the two.
 */
export interface GroupCommitOptions<C> {
  sql: SqlClient;
  /** Stores the items of one scope inside the batch's transaction; per-item refusals in the result. */
  store(
    tx: SqlClient,
    items: readonly unknown[],
    scope: RegionScope,
  ): Promise<{ result: IngestResult; changes: readonly C[] }>;
  /** Tells live watchers, once the batch has committed. */
  publish(changes: C[]): void;
  /** How long the first message of a batch waits for company. */
  maxDelayMs: number;
  /** A batch is written as soon as this many items wait (a single message may exceed it). */
  maxReadings: number;
}

export interface ReadingsMessage {
  /** The message's items, e.g. readings `{ sensorCode, ts, value }` (validated in the transaction). */
  items: readonly unknown[];
  /** The publisher's region: items for sensors or teams outside it are refused as unknown. */
  scope: RegionScope;
}

interface Pending {
  message: ReadingsMessage;
  resolve(result: IngestResult): void;
  reject(error: Error): void;
}

export interface GroupCommitStats {
  commits: number;
  messages: number;
  readings: number;
  /** Messages in the largest batch so far. */
  largestBatch: number;
}

export class GroupCommit<C> {
  readonly stats: GroupCommitStats = { commits: 0, messages: 0, readings: 0, largestBatch: 0 };
  readonly #options: GroupCommitOptions<C>;
  #queue: Pending[] = [];
  #queued = 0;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;

  constructor(options: GroupCommitOptions<C>) {
    this.#options = options;
  }

  /** Resolves with this message's own result (indexes into its items) once its batch is committed. */
  submit(message: ReadingsMessage): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.#queue.push({ message, resolve, reject });
      this.#queued += message.items.length;
      this.#schedule();
    });
  }

  /** Writes whatever is waiting; resolves when every submitted message has its answer. */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (this.#writing || this.#queue.length > 0) {
      if (!this.#writing) this.#writing = this.#drain();
      await this.#writing;
    }
  }

  #schedule(): void {
    if (this.#writing) return; // the running drain takes it when the current batch has committed
    if (this.#queued >= this.#options.maxReadings) {
      this.#clearTimer();
      this.#writing = this.#drain();
    } else {
      this.#timer ??= setTimeout(() => {
        this.#timer = null;
        if (!this.#writing) this.#writing = this.#drain();
      }, this.#options.maxDelayMs);
    }
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#take();
        await this.#commit(batch);
      }
    } finally {
      this.#writing = null;
    }
  }

  /** The oldest waiting messages, up to `maxReadings` readings (at least one message). */
  #take(): Pending[] {
    let readings = 0;
    let n = 0;
    while (n < this.#queue.length) {
      const size = (this.#queue[n] as Pending).message.items.length;
      if (n > 0 && readings + size > this.#options.maxReadings) break;
      readings += size;
      n++;
    }
    this.#queued -= readings;
    return this.#queue.splice(0, n);
  }

  async #commit(batch: Pending[]): Promise<void> {
    const { sql, store, publish } = this.#options;
    const changes: C[] = [];
    let results: IngestResult[];
    try {
      // One transaction for the batch; a store takes one scope, so it runs once per scope inside it.
      results = await sql.transaction(async (tx) => {
        const out: IngestResult[] = new Array(batch.length);
        for (const [prefix, members] of groupByScope(batch)) {
          const items = members.flatMap((i) => (batch[i] as Pending).message.items);
          const stored = await store(tx, items, { prefix });
          changes.push(...stored.changes);
          const result = stored.result;
          splitResult(
            result,
            members.map((i) => (batch[i] as Pending).message.items.length),
          ).forEach((r, k) => {
            out[members[k] as number] = r;
          });
        }
        return out;
      });
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
      return;
    }
    this.stats.commits++;
    this.stats.messages += batch.length;
    this.stats.readings += batch.reduce((n, p) => n + p.message.items.length, 0);
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    // Only now is anything visible: the live stream never shows a reading that could roll back.
    publish(changes);
    batch.forEach((p, i) => {
      p.resolve(results[i] as IngestResult);
    });
  }
}

/** Sensor readings: stored, judged, and the moved sensors told to live watchers. */
export function readingsGroupCommit(options: {
  sql: SqlClient;
  events: SensorChangeBus;
  maxDelayMs: number;
  maxReadings: number;
}): GroupCommit<RegionalSensorChange> {
  return new GroupCommit<RegionalSensorChange>({
    ...options,
    async store(tx, items, scope) {
      const changes: RegionalSensorChange[] = [];
      const result = await ingestReadings(tx, items, scope, { onChanges: (c) => changes.push(...c) });
      return { result, changes };
    },
    publish: (changes) => options.events.publish(changes),
  });
}

/** Unit positions: the track stored, the units moved, the geofence applied. */
export function positionsGroupCommit(options: {
  sql: SqlClient;
  operations: OperationsBus;
  maxDelayMs: number;
  maxReadings: number;
}): GroupCommit<RegionalOperationsChange> {
  return new GroupCommit<RegionalOperationsChange>({
    ...options,
    store: ingestUnitPositions,
    publish: (changes) => options.operations.publish(changes),
  });
}

function groupByScope(batch: Pending[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  batch.forEach((p, i) => {
    const members = groups.get(p.message.scope.prefix);
    if (members) members.push(i);
    else groups.set(p.message.scope.prefix, [i]);
  });
  return groups;
}

/**
 * Splits the result for concatenated messages back into one result per message, with rejection
 * indexes relative to each message.
 */
export function splitResult(result: IngestResult, sizes: readonly number[]): IngestResult[] {
  const out: IngestResult[] = [];
  let offset = 0;
  let r = 0;
  const rejected = [...result.rejected].sort((a, b) => a.index - b.index);
  for (const size of sizes) {
    const mine: IngestRejection[] = [];
    while (r < rejected.length && (rejected[r] as IngestRejection).index < offset + size) {
      const rejection = rejected[r++] as IngestRejection;
      mine.push({ index: rejection.index - offset, reason: rejection.reason });
    }
    out.push({ accepted: size - mine.length, rejected: mine });
    offset += size;
  }
  return out;
}
