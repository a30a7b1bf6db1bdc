import type { Database } from '@onemap/prisma';
import type { FastifyBaseLogger } from 'fastify';
import type { SensorChangeBus } from '../events/sensor-changes.js';
import { sweepOffline } from '../services/offline.js';
import { rollUpReadings, rollUpUntil } from '../services/reading-rollup.js';
import { pruneReadings, type RetentionPolicy } from '../services/retention.js';

/**
 * The periodic side of monitoring: the offline sweep (every `offlineSweepS`, publishing the sensors
 * it marks so maps turn them grey live), the roll-up of completed hours into the hourly aggregates
 * (checked every minute, working once an hour) and readings retention (every ten minutes). Each run
 * starts only after the previous one has finished; `stop()` waits for a running one, so the
 * database can be closed right after.
 */
export interface MonitoringJobsConfig {
  /** 0: no offline detection. */
  offlineSweepS: number;
  /** After a start, sensors not heard since get this long to reconnect before silence counts. */
  offlineGraceS: number;
  retention: RetentionPolicy;
}

export interface MonitoringJobs {
  stop(): Promise<void>;
}

const RETENTION_EVERY_MS = 10 * 60_000;
const ROLLUP_EVERY_MS = 60_000;
/** The first retention run waits for start-up (and a first sweep) to settle. */
const RETENTION_FIRST_MS = 60_000;

export function startMonitoringJobs(options: {
  db: Database;
  events: SensorChangeBus;
  log: FastifyBaseLogger;
  config: MonitoringJobsConfig;
  startedAt?: number;
}): MonitoringJobs {
  const { db, events, log, config } = options;
  const startedAt = options.startedAt ?? Date.now();
  const jobs: Repeating[] = [];
  if (config.offlineSweepS > 0) {
    jobs.push(
      repeat('offline sweep', config.offlineSweepS * 1000, config.offlineSweepS * 1000, log, async () => {
        const changes = await sweepOffline(db.sql, {
          now: Date.now(),
          startedAt,
          graceMs: config.offlineGraceS * 1000,
        });
        if (changes.length > 0) log.info({ sensors: changes.length }, 'sensors went offline');
        events.publish(changes);
      }),
    );
  }
  // Only hours that have ended (plus the grace) are rolled up, so a run in an hour this process has
  // already rolled up does nothing; the first one after a start, or after an hour ends, does the work.
  let rolledUntil = -1;
  jobs.push(
    repeat('readings roll-up', ROLLUP_EVERY_MS / 6, ROLLUP_EVERY_MS, log, async () => {
      const now = Date.now();
      const until = rollUpUntil(now);
      if (until === rolledUntil) return;
      const rolled = await rollUpReadings(db.sql, { now, chunk: db.kind === 'pglite' ? 500 : 2000 });
      rolledUntil = until;
      if (rolled.sensors > 0) log.info(rolled, 'readings rolled up into hourly aggregates');
    }),
  );
  if (config.retention.rawDays > 0 || config.retention.aggregateDays > 0) {
    jobs.push(
      repeat('readings retention', RETENTION_FIRST_MS, RETENTION_EVERY_MS, log, async () => {
        const deleted = await pruneReadings(db.sql, config.retention, { now: Date.now() });
        if (deleted.raw + deleted.hourly === 0) return;
        log.info(deleted, 'old readings deleted');
        // The embedded database has no autovacuum: reclaim the space for new readings here.
        if (db.kind === 'pglite') await db.sql.exec('VACUUM sensor_reading, sensor_reading_hourly');
      }),
    );
  }
  return {
    async stop() {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}

interface Repeating {
  stop(): Promise<void>;
}

function repeat(
  name: string,
  firstMs: number,
  everyMs: number,
  log: FastifyBaseLogger,
  task: () => Promise<void>,
): Repeating {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    running = task()
      .catch((error: Error) => log.error({ err: error }, `${name} failed`))
      .finally(() => {
        running = null;
        if (!stopped) schedule(everyMs);
      });
  };
  const schedule = (ms: number) => {
    timer = setTimeout(run, ms);
    timer.unref();
  };
  schedule(firstMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
