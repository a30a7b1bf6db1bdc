import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlClient } from './sql.js';

/**
 * Read routing for a primary with streaming replicas. Callers choose: `db.sql` is the primary,
 * `db.read` is for reads that tolerate replication lag (map layers, lists, search). A read scope
 * (one per HTTP request) remembers whether anything was written through the primary; once it has,
 * every `db.read` in that scope goes to the primary too, so a request sees its own writes.
 */
export interface ReadScope {
  /** Something was written through the primary in this scope. */
  wrote: boolean;
  /** The same client wrote moments ago, in an earlier request: read from the primary too. */
  wroteRecently?: boolean;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `fn` in `scope`: what it and everything it awaits writes sends its later reads to the primary. */
export function inReadScope<R>(scope: ReadScope, fn: () => R): R {
  return scopes.run(scope, fn);
}

/**
 * Whether a statement may change data. Only SELECT and a WITH without a data-changing part are
 * reads; anything else (including DDL and unknown verbs) counts as a write, the safe side.
 */
export function isWrite(text: string): boolean {
  const head = text.trimStart().slice(0, 6).toLowerCase();
  if (head === 'select') return false;
  if (head.startsWith('with')) return /\b(insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i.test(text);
  return true;
}

/** The primary, telling the current read scope when it is written to. */
export function trackWrites(primary: SqlClient): SqlClient {
  const wrote = () => {
    const scope = scopes.getStore();
    if (scope) scope.wrote = true;
  };
  return {
    query(text, params) {
      if (isWrite(text)) wrote();
      return primary.query(text, params);
    },
    exec(script) {
      wrote();
      return primary.exec(script);
    },
    transaction(fn) {
      wrote();
      return primary.transaction(fn);
    },
  };
}

export interface ReplicaRoutingOptions {
  /** A replica failed to answer; its reads go to the primary for `downForMs`. */
  onReplicaDown?: (index: number, error: Error) => void;
  downForMs?: number;
}

/**
 * Lag-tolerant reads spread round-robin over the replicas, or the primary when the scope has
 * written or no replica is up. A replica that cannot answer (connection refused, shutting down,
 * a query cancelled by a recovery conflict) is skipped for a while and the read is retried on the
 * primary; a genuine SQL error is the caller's, from whichever server ran it.
 */
export function routeReads(
  primary: SqlClient,
  replicas: readonly SqlClient[],
  options: ReplicaRoutingOptions = {},
): SqlClient {
  const downUntil = replicas.map(() => 0);
  const downForMs = options.downForMs ?? 10_000;
  let next = 0;
  const pick = (): number | null => {
    const now = Date.now();
    for (let i = 0; i < replicas.length; i++) {
      const index = (next + i) % replicas.length;
      if ((downUntil[index] as number) <= now) {
        next = index + 1;
        return index;
      }
    }
    return null;
  };
  return {
    async query(text, params) {
      const scope = scopes.getStore();
      const index = scope?.wrote || scope?.wroteRecently || isWrite(text) ? null : pick();
      if (index === null) return primary.query(text, params);
      try {
        return await (replicas[index] as SqlClient).query(text, params);
      } catch (error) {
        if (!replicaUnavailable(error)) throw error;
        downUntil[index] = Date.now() + downForMs;
        options.onReplicaDown?.(index, error as Error);
        return primary.query(text, params);
      }
    },
    exec: (script) => primary.exec(script),
    transaction: (fn) => primary.transaction(fn),
  };
}

/**
 * SQLSTATE classes that say "this server cannot answer now" rather than "this query is wrong":
 * 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, cannot
 * connect now), 40001 (on a standby: cancelled by a conflict with recovery). An error the server
 * did not send (no `severity`) is the driver's: refused, reset, timed out.
 */
function replicaUnavailable(error: unknown): boolean {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (typeof severity !== 'string' || typeof code !== 'string') return true;
  return /^(08|53|57)/.test(code) || code === '40001';
}
