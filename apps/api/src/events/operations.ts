import type { OperationsChange } from '@onemap/domain';

/**
 * In-process fan-out of operational changes (incidents, assignments, unit positions, reports) to
 * every operator watching live, like `SensorChangeBus` for sensors. With several API replicas this
 * is where PostgreSQL LISTEN/NOTIFY plugs in.
 */
export type RegionalOperationsChange = OperationsChange & { regionCode: string | null };

type Listener = (changes: readonly RegionalOperationsChange[]) => void;

export class OperationsBus {
  readonly #listeners = new Set<Listener>();

  publish(changes: readonly RegionalOperationsChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) listener(changes);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** One entry per thing: the newest change of an incident, an assignment, a unit or a report wins. */
function keyOf(c: OperationsChange): string {
  return c.kind === 'unit' ? `unit:${c.teamCode}` : `${c.kind}:${c.id}`;
}

/**
 * The changes in a region as an async stream of batches, coalesced over `windowMs` (5,000 units
 * reporting every 5 s are 1,000 positions a second: one message every 100 ms, not a thousand).
 * A change with no region (an incident not yet placed in one) goes to everyone.
 */
export async function* regionalOperations(
  bus: OperationsBus,
  regionPrefix: string,
  signal: AbortSignal | undefined,
  windowMs = 100,
): AsyncGenerator<OperationsChange[]> {
  const pending = new Map<string, OperationsChange>();
  let wake: (() => void) | null = null;
  const off = bus.subscribe((changes) => {
    for (const { regionCode, ...change } of changes) {
      if (regionCode !== null && !regionCode.startsWith(regionPrefix)) continue;
      const key = keyOf(change as OperationsChange);
      // A Map keeps first-insertion order: delete so a newer change goes last, after what it follows.
      pending.delete(key);
      pending.set(key, change as OperationsChange);
    }
    if (pending.size > 0) wake?.();
  });
  const aborted = new Promise<void>((resolve) =>
    signal?.addEventListener('abort', () => resolve(), { once: true }),
  );
  try {
    while (!signal?.aborted) {
      if (pending.size === 0) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = null;
        if (signal?.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      const batch = [...pending.values()];
      pending.clear();
      if (batch.length > 0) yield batch;
    }
  } finally {
    off();
  }
}
