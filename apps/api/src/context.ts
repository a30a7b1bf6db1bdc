import type { Database } from '@onemap/prisma';

/** What every request handler may use. Services receive the pieces they need, never the request. */
export interface AppContext {
  db: Database;
  version: string;
}
