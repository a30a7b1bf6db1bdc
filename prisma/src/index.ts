export { migrate, readMigrations } from './migrate.js';
export {
  type Database,
  type DatabaseConfig,
  type DatabaseKind,
  DatabaseOpenError,
  openAndMigrate,
  openDatabase,
} from './open.js';
export { type SeedOptions, type SeedSummary, seedIfEmpty } from './seed/index.js';
export type { SqlClient } from './sql.js';
