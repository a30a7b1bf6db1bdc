import pg from 'pg';

/**
 * PostgreSQL LISTEN/NOTIFY between the processes that share one database: how a change made
 * through one API replica reaches the watchers of another. A payload is at most
 * `MAX_NOTIFY_PAYLOAD` bytes (the server refuses 8,000 and more); the caller splits.
 */
export const MAX_NOTIFY_PAYLOAD = 7900;

export interface Listening {
  close(): Promise<void>;
}

export interface Notifications {
  /** Sends the payloads on `channel` in order, in one statement (one round trip, one commit). */
  notify(channel: string, payloads: readonly string[]): Promise<void>;
  /**
   * Listens on `channel` on a connection of its own, reconnecting with a growing wait while the
   * server is away; what was sent meanwhile is not delivered (NOTIFY keeps nothing for the absent).
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onState?: (state: 'listening' | 'lost', error?: Error) => void,
  ): Promise<Listening>;
}

export function postgresNotifications(url: string, pool: pg.Pool): Notifications {
  return {
    async notify(channel, payloads) {
      if (payloads.length === 0) return;
      await pool.query(
        'SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n',
        [channel, payloads],
      );
    },
    async listen(channel, onPayload, onState) {
      let client: pg.Client | null = null;
      let closed = false;
      let wait = 250;
      let timer: NodeJS.Timeout | undefined;
      const schedule = () => {
        timer = setTimeout(() => void retry(), wait);
        wait = Math.min(wait * 2, 10_000);
      };
      const lost = (c: pg.Client, error?: Error) => {
        if (client !== c) return;
        client = null;
        c.end().catch(() => undefined);
        if (closed) return;
        onState?.('lost', error);
        schedule();
      };
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
        c.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        });
        c.on('error', (error) => lost(c, error));
        c.on('end', () => lost(c));
        try {
          await c.connect();
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          c.end().catch(() => undefined);
          throw error;
        }
        if (closed) return void c.end().catch(() => undefined);
        client = c;
        wait = 250;
        onState?.('listening');
      };
      const retry = async () => {
        if (closed) return;
        try {
          await connect();
        } catch (error) {
          if (closed) return;
          onState?.('lost', error as Error);
          schedule();
        }
      };
      // The first connection must work: a wrong URL is the operator's to fix, not to retry.
      await connect();
      return {
        async close() {
          closed = true;
          clearTimeout(timer);
          const c = client;
          client = null;
          await c?.end().catch(() => undefined);
        },
      };
    },
  };
}
