import type { Database } from '../open.js';
import { generateSeed } from './generate.js';
import { insertSeedRows } from './insert.js';
import { loadSourceData } from './source-data.js';

export interface SeedOptions {
  /** Multiplies the default counts (~50,000 sensors at 1). */
  scale?: number;
  now?: Date;
}

export interface SeedSummary {
  seeded: boolean;
  counts: Record<string, number>;
  ms: number;
}

/**
 * Seeds the demo data when the database holds no regions. All of it goes in one transaction, so
 * a crash mid-seed leaves an empty database that the next start seeds again, never half a country.
 */
export async function seedIfEmpty(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const t0 = performance.now();
  const [row] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
  if ((row?.n ?? 0) > 0) return { seeded: false, counts: {}, ms: 0 };
  const { regions, places } = await loadSourceData();
  const rows = generateSeed(regions, places, { scale: options.scale ?? 1, now: options.now ?? new Date() });
  await db.sql.transaction((tx) => insertSeedRows(tx, rows));
  const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, (v as unknown[]).length]));
  return { seeded: true, counts, ms: Math.round(performance.now() - t0) };
}

export { generateSeed } from './generate.js';
