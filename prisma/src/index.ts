export { migrate, readMigrations } from './migrate.js';
export { type Listening, MAX_NOTIFY_PAYLOAD, type Notifications } from './notifications.js';
export {
  type Database,
  type DatabaseConfig,
  type DatabaseKind,
  DatabaseOpenError,
  openAndMigrate,
  openDatabase,
} from './open.js';
export { inReadScope, isWrite, type ReadScope, type ReplicaRoutingOptions } from './routing.js';
export { type SeedOptions, type SeedSummary, seedIfEmpty } from './seed/index.js';
export type { SqlClient } from './sql.js';
