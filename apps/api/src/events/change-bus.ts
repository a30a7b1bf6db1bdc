/**
 * Fan-out of committed changes to live subscribers (the SSE streams). Embedded there is one
 * process; with several API replicas a relay (relay.ts) carries what is published here to the
 * other replicas, which `deliver` it to their own subscribers.
 */
export class ChangeBus<T> {
  readonly #listeners = new Set<(changes: readonly T[]) => void>();
  /** Aborted at the next gap, then replaced: every stream opened before a gap ends with it. */
  #untilGap = new AbortController();
  #relay: ((changes: readonly T[]) => void) | null = null;

  /** A change committed by this process: to its subscribers and, through the relay, everyone's. */
  publish(changes: readonly T[]): void {
    if (changes.length === 0) return;
    this.deliver(changes);
    this.#relay?.(changes);
  }

  /** To this process's subscribers only: for changes another replica committed and relayed. */
  deliver(changes: readonly T[]): void {
    for (const listener of this.#listeners) listener(changes);
  }

  /** Where published changes go besides this process's subscribers; null detaches. */
  relayTo(relay: ((changes: readonly T[]) => void) | null): void {
    this.#relay = relay;
  }

  subscribe(listener: (changes: readonly T[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Changes may have been missed (the relay's connection was cut): every live stream on this bus
   * ends, and its client subscribes again and reloads what it shows, as after any lost stream.
   */
  gap(): void {
    this.#untilGap.abort();
    this.#untilGap = new AbortController();
  }

  /** A signal that aborts at the bus's next gap, or when `signal` does. */
  untilGap(signal: AbortSignal | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.#untilGap.signal]) : this.#untilGap.signal;
  }

  get listeners(): number {
    return this.#listeners.size;
  }
}

/**
 * A listener's changes as an async stream of batches: each change is kept under a key until the
 * next batch (a newer one replaces it, `merge` deciding what of the earlier one survives), and a
 * batch goes out `windowMs` after the first change since the last, so a burst costs one message.
 * Ends when `signal` aborts; `listen` is undone then.
 */
export async function* coalesce<K, T>(
  listen: (put: (key: K, value: T, merge?: (earlier: T) => T) => void) => () => void,
  signal: AbortSignal | undefined,
  windowMs: number,
): AsyncGenerator<T[]> {
  const pending = new Map<K, T>();
  let wake: (() => void) | null = null;
  const off = listen((key, value, merge) => {
    const earlier = pending.get(key);
    // Deleted first: a Map keeps insertion order, and a newer change goes after what it follows.
    pending.delete(key);
    pending.set(key, earlier !== undefined && merge ? merge(earlier) : value);
    wake?.();
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
