import { randomUUID } from 'node:crypto';
import type { ChangeRelayStatus } from '@onemap/domain';
import { MAX_NOTIFY_PAYLOAD, type Notifications } from '@onemap/prisma';
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeBus } from './change-bus.js';

/**
 * The change fan-out between API replicas sharing one PostgreSQL: what one replica publishes on
 * its buses goes out by NOTIFY on one channel, and every other replica delivers it to its own live
 * subscribers. NOTIFY rides the database every replica already needs (no second system to run), is
 * delivered in commit order within a few milliseconds, and costs one statement per tick however
 * many changes were published in it. What it does not do is keep anything for a replica that is
 * not listening: when its connection comes back, the replica ends its live streams (`gap`), and
 * the browsers subscribe again and reload their layers, as after any lost stream.
 */
export const CHANGES_CHANNEL = 'onemap_changes';

/** Which bus a relayed batch belongs to; one letter, as it is paid for in every payload. */
type BusKey = 's' | 'o';

interface Envelope {
  /** The replica that published it, which ignores its own. */
  o: string;
  /** A sequence number: NOTIFY folds identical payloads of one transaction into one. */
  n: number;
  b: BusKey;
  c: unknown[];
}

export interface ChangeRelay {
  status(): ChangeRelayStatus;
  close(): Promise<void>;
}

export async function relayChanges<S, O>(options: {
  notifications: Notifications;
  buses: { sensors: ChangeBus<S>; operations: ChangeBus<O> };
  log: FastifyBaseLogger;
}): Promise<ChangeRelay> {
  const { notifications, buses, log } = options;
  const origin = randomUUID();
  const stats: ChangeRelayStatus = { listening: false, sent: 0, received: 0, dropped: 0 };
  let sequence = 0;
  let queue: string[] = [];
  let flushing: Promise<void> | null = null;

  const flush = async () => {
    while (queue.length > 0) {
      const payloads = queue;
      queue = [];
      try {
        await notifications.notify(CHANGES_CHANNEL, payloads);
        stats.sent += payloads.length;
      } catch (error) {
        stats.dropped += payloads.length;
        log.warn({ err: (error as Error).message, payloads: payloads.length }, 'relaying changes failed');
      }
    }
    flushing = null;
  };
  const send = (bus: BusKey) => (changes: readonly unknown[]) => {
    const { payloads, tooLarge } = envelopes(origin, bus, changes, () => sequence++);
    if (tooLarge > 0) {
      stats.dropped += tooLarge;
      log.warn({ changes: tooLarge }, 'a change too large to relay was not sent to the other replicas');
    }
    queue.push(...payloads);
    // Everything published in this tick goes out in one statement, after the tick.
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
  };

  let listenedBefore = false;
  const listening = await notifications.listen(
    CHANGES_CHANNEL,
    (payload) => {
      let envelope: Envelope;
      try {
        envelope = JSON.parse(payload) as Envelope;
      } catch {
        log.warn({ payload: payload.slice(0, 80) }, 'an unreadable change notification was ignored');
        return;
      }
      if (envelope.o === origin) return;
      stats.received += envelope.c.length;
      if (envelope.b === 's') buses.sensors.deliver(envelope.c as S[]);
      else buses.operations.deliver(envelope.c as O[]);
    },
    (state, error) => {
      stats.listening = state === 'listening';
      if (state === 'lost') {
        log.warn({ err: error?.message }, 'lost the change channel; reconnecting');
        return;
      }
      if (!listenedBefore) {
        listenedBefore = true;
        return;
      }
      log.info('listening again for changes from the other replicas');
      // What the others published meanwhile never reached this replica's watchers: their streams
      // end, and their clients subscribe again and reload their layers.
      buses.sensors.gap();
      buses.operations.gap();
    },
  );
  buses.sensors.relayTo(send('s'));
  buses.operations.relayTo(send('o'));

  return {
    status: () => ({ ...stats }),
    async close() {
      buses.sensors.relayTo(null);
      buses.operations.relayTo(null);
      await flushing;
      await listening.close();
      stats.listening = false;
    },
  };
}

/** The changes as NOTIFY payloads, each under the server's size limit. */
function envelopes(
  origin: string,
  bus: BusKey,
  changes: readonly unknown[],
  nextSequence: () => number,
): { payloads: string[]; tooLarge: number } {
  const out: string[] = [];
  let tooLarge = 0;
  let items: string[] = [];
  let bytes = 0;
  const head = () => `{"o":"${origin}","n":${nextSequence()},"b":"${bus}","c":[`;
  // The head's size with the longest sequence number it can carry, and the closing `]}`.
  const overhead = Buffer.byteLength(`{"o":"${origin}","n":${Number.MAX_SAFE_INTEGER},"b":"s","c":[]}`);
  const close = () => {
    if (items.length > 0) out.push(`${head()}${items.join(',')}]}`);
    items = [];
    bytes = 0;
  };
  for (const change of changes) {
    const item = JSON.stringify(change);
    const size = Buffer.byteLength(item) + 1;
    if (overhead + size > MAX_NOTIFY_PAYLOAD) {
      tooLarge++;
      continue;
    }
    if (overhead + bytes + size > MAX_NOTIFY_PAYLOAD) close();
    items.push(item);
    bytes += size;
  }
  close();
  return { payloads: out, tooLarge };
}
