import { openDatabase } from '@onemap/prisma';
for (const dir of ['/tmp/prof/copy', '/tmp/prof/B']) {
  const db = await openDatabase({ kind: 'pglite', dataDir: dir });
  const [r] = await db.sql.query(`SELECT pg_relation_size('sensor_reading') AS heap, pg_indexes_size('sensor_reading') AS idx, (SELECT count(*)::int FROM sensor_reading) AS n, pg_total_relation_size('sensor_reading_hourly') AS hourly, (SELECT count(*)::int FROM sensor_reading_hourly) AS h`);
  console.log(dir, r);
  await db.close();
}
