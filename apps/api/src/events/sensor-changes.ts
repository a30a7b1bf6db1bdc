import type { SensorChange } from '@onemap/domain';

/**
 * In-process fan-out of sensor changes from ingest (HTTP, MQTT) to live subscribers. With several
 * API replicas this is where PostgreSQL LISTEN/NOTIFY plugs in; embedded there is one process.
 */
export interface RegionalSensorChange extends SensorChange {
  regionCode: string;
}

type Listener = (changes: readonly RegionalSensorChange[]) => void;

export class SensorChangeBus {
  readonly #listeners = new Set<Listener>();

  publish(changes: readonly RegionalSensorChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) listener(changes);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}

/**
 * The changes in a region as an async stream of batches, coalesced over `windowMs` so a burst of
 * readings costs one message, and deduplicated per sensor (the newest wins, keeping `alarmsMoved`).
 */
export async function* regionalChanges(
  bus: SensorChangeBus,
  regionPrefix: string,
  signal: AbortSignal | undefined,
  windowMs = 50,
): AsyncGenerator<SensorChange[]> {
  const pending = new Map<number, SensorChange>();
  let wake: (() => void) | null = null;
  const off = bus.subscribe((changes) => {
    for (const { regionCode, ...change } of changes) {
      if (!regionCode.startsWith(regionPrefix)) continue;
      // The newest value wins, but an alarm moved by an earlier one must still be told.
      const earlier = pending.get(change.id);
      pending.set(change.id, earlier?.alarmsMoved ? { ...change, alarmsMoved: true } : change);
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
