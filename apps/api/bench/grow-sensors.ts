// Grows a seeded embedded database's sensors to a count beyond what the seed makes (its scale stops
// at 10, about 500,000): copies of the seeded sensors, each moved by up to ~15 km, with their
// kind, state, region and rules. For the map-rendering bench's 1,000,000 points, served by the real
// API like any sensor. Usage: node --import tsx bench/grow-sensors.ts <dataDir> <count>

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@onemap/prisma';

const [dataDir, target] = [process.argv[2], Number(process.argv[3])];
if (!dataDir || !(target > 0)) throw new Error('usage: grow-sensors.ts <dataDir> <count>');
const db = await openDatabase({ kind: 'pglite', dataDir });
try {
  const [{ n, seeded } = { n: 0, seeded: 0 }] = await db.sql.query<{ n: number; seeded: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE code NOT LIKE 'GROWN%')::int AS seeded FROM sensor`,
  );
  if (n < target) {
    // Every column but the identity ones, so that columns added later are copied too.
    const columns = (
      await db.sql.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'sensor' AND column_name NOT IN ('id', 'code', 'location')`,
      )
    ).map((c) => `"${c.column_name}"`);
    await db.sql.query(
      `INSERT INTO sensor (code, location, ${columns.join(', ')})
       SELECT 'GROWN' || $3::int || '-' || g || '-' || s.id,
              ST_SetSRID(ST_MakePoint(ST_X(s.location) + (random() - 0.5) * 0.3,
                                      ST_Y(s.location) + (random() - 0.5) * 0.3), 4326),
              ${columns.map((c) => `s.${c}`).join(', ')}
         FROM generate_series(1, $1::int) AS g CROSS JOIN sensor s
        WHERE s.code NOT LIKE 'GROWN%'
        LIMIT $2`,
      // Codes carry the count before this growth, so that growing again adds new ones.
      [Math.ceil((target - n) / seeded), target - n, n],
    );
    await db.sql.query('ANALYZE sensor');
  }
  process.stderr.write(`grow-sensors: ${n} → ${Math.max(n, target)} sensors\n`);
} finally {
  await db.close();
  rmSync(join(dataDir, 'onemap.lock'), { force: true });
}
