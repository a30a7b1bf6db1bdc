import type { SqlClient } from '@onemap/prisma';

export interface Statement {
  text: string;
  params: unknown[] | undefined;
}

/**
 * A SqlClient that notes every statement a service sends through it. The benches call a service once
 * through it, then time the noted statements on their own: "the same SQL, run directly", without
 * restating (and drifting from) the service's SQL.
 */
export function recordingSql(sql: SqlClient, log: Statement[] = []): { sql: SqlClient; log: Statement[] } {
  const wrapped: SqlClient = {
    query(text, params) {
      log.push({ text, params });
      return sql.query(text, params);
    },
    exec(script) {
      log.push({ text: script, params: undefined });
      return sql.exec(script);
    },
    transaction: (fn) => sql.transaction((tx) => fn(recordingSql(tx, log).sql)),
  };
  return { sql: wrapped, log };
}

/** Runs the noted statements one after another, as a direct client would. */
export async function replay(sql: SqlClient, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await sql.query(s.text, s.params);
}
