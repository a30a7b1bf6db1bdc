import type { SensorChange } from '@onemap/domain';

type Listener = (changes: readonly SensorChange[]) => void;

/**
 * The live sensor stream fanned out in the page: the one subscription (features/live) publishes
 * each batch here, and whoever follows sensors — the alarm list, an open sensor's chart — listens,
 * instead of each opening its own stream to the server.
 */
class SensorChangeFeed {
  readonly #listeners = new Set<Listener>();
  readonly #resyncListeners = new Set<() => void>();

  publish(changes: readonly SensorChange[]): void {
    for (const listener of this.#listeners) listener(changes);
  }

  /** The stream came back after a gap: changes were missed, listeners should reload what they show. */
  resynced(): void {
    for (const listener of this.#resyncListeners) listener();
  }

  subscribe(listener: Listener, onResync?: () => void): () => void {
    this.#listeners.add(listener);
    if (onResync) this.#resyncListeners.add(onResync);
    return () => {
      this.#listeners.delete(listener);
      if (onResync) this.#resyncListeners.delete(onResync);
    };
  }
}

export const sensorChangeFeed = new SensorChangeFeed();
