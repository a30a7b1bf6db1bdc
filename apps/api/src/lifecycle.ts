import { type Database, DatabaseOpenError, openAndMigrate, seedIfEmpty } from '@onemap/prisma';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { OperationsBus } from './events/operations.js';
import { type ChangeRelay, relayChanges } from './events/relay.js';
import { SensorChangeBus } from './events/sensor-changes.js';
import { type MonitoringJobs, startMonitoringJobs } from './jobs/monitoring.js';
import { startMqttBroker } from './mqtt/broker.js';
import { connectExternalBroker } from './mqtt/external.js';
import type { MqttLink } from './mqtt/ingest.js';
import { createServer } from './server.js';
import { IngestStatsRecorder } from './services/ingest-stats.js';
import { applyKindRules } from './services/sensor-rules.js';
import { defaultAuthPolicy } from './services/sessions.js';
import { seedDemoUsers } from './services/users.js';
import { startInProcessSimulator } from './simulator/in-process.js';

/**
 * Start order: listen (503 while starting) → open the database → migrate → seed if empty → ready.
 * Shutdown order on SIGINT/SIGTERM: stop accepting and let in-flight requests finish, let a running
 * offline sweep or retention run finish and stop them, then close the database so every
 * acknowledged write is on disk.
 */
export async function start(config: Config, version: string): Promise<void> {
  const t0 = performance.now();
  const server = await createServer({
    webDist: config.webDist,
    version,
    logLevel: config.logLevel,
    auth: { ...defaultAuthPolicy, sessionTtlMs: config.sessionHours * 3600_000 },
    rateLimits: config.rateLimits,
  });
  try {
    await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new DatabaseOpenError(`port ${config.port} is already in use (set PORT)`);
    if (code === 'EACCES') throw new DatabaseOpenError(`no permission to listen on port ${config.port}`);
    throw error;
  }

  let db: Database | null = null;
  let mqtt: MqttLink | null = null;
  let simulator: { stop(): Promise<void> } | null = null;
  let jobs: MonitoringJobs | null = null;
  let relay: ChangeRelay | null = null;
  const events = new SensorChangeBus();
  const operations = new OperationsBus();
  const ingestStats = new IngestStatsRecorder();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`onemap: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    await simulator?.stop();
    await mqtt?.close();
    await server.app.close();
    await jobs?.stop();
    await relay?.close();
    await db?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const log = server.app.log;
    const opened = await openAndMigrate(
      config.database.kind === 'postgres'
        ? {
            ...config.database,
            replicaRouting: {
              onReplicaDown: (index, error) =>
                log.warn(
                  { replica: index, err: error.message },
                  'a read replica did not answer; its reads go to the primary for a while',
                ),
            },
          }
        : config.database,
    );
    db = opened.db;
    if (stopping) return;
    // Other replicas may share this database: what this one publishes reaches their watchers.
    if (db.notifications)
      relay = await relayChanges({
        notifications: db.notifications,
        buses: { sensors: events, operations },
        log,
      });
    const seeded = config.demo ? await seedIfEmpty(db, { scale: config.seedScale }) : null;
    const demoUsers = config.demo ? await seedDemoUsers(db.sql, config.demoPassword) : 0;
    const rulesApplied = await applyKindRules(db.sql);
    if (config.mqttExternal) {
      mqtt = connectExternalBroker({
        ...config.mqttExternal,
        sql: db.sql,
        events,
        operations,
        log: server.app.log,
        ingestStats,
      });
    } else if (config.mqttPort > 0) {
      mqtt = await startMqttBroker({
        port: config.mqttPort,
        host: config.host,
        sql: db.sql,
        events,
        operations,
        log: server.app.log,
        ingestStats,
      }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE'
          ? new DatabaseOpenError(
              `MQTT port ${config.mqttPort} is already in use (set MQTT_PORT, 0 to turn it off)`,
            )
          : error;
      });
    }
    const link = mqtt;
    const changeRelay = relay;
    server.ready({
      db,
      version,
      events,
      operations,
      ingestStats,
      mqtt: () => link?.status() ?? { mode: 'off', connected: false, since: new Date(t0).toISOString() },
      relay: changeRelay ? () => changeRelay.status() : undefined,
    });
    jobs = startMonitoringJobs({ db, events, log: server.app.log, config: config.monitoring });
    if (config.simulate)
      simulator = await startSimulatorFor(config.simulate.rate, config, db, link, server.app.log);
    server.app.log.info(
      {
        db: db.kind,
        migrationsApplied: opened.applied,
        seeded: seeded?.counts ?? null,
        demoUsers,
        rulesApplied,
        mqtt: mqtt?.status() ?? null,
        readReplicas: db.replicas,
        relay: relay !== null,
        startupMs: Math.round(performance.now() - t0),
      },
      `OneMap ready on http://localhost:${config.port}`,
    );
  } catch (error) {
    server.fail((error as Error).message);
    await simulator?.stop();
    await mqtt?.close();
    await server.app.close();
    await jobs?.stop();
    await relay?.close();
    await db?.close().catch(() => undefined);
    throw error;
  }
}

/** The demo simulator publishes to whichever broker the API ingests from. */
function startSimulatorFor(
  rate: number,
  config: Config,
  db: Database,
  link: MqttLink | null,
  log: FastifyBaseLogger,
): Promise<{ stop(): Promise<void> }> | null {
  const status = link?.status();
  if (!status || status.mode === 'off') {
    log.warn('ONEMAP_SIMULATE needs MQTT (MQTT_PORT or MQTT_URL); the simulator is not started');
    return null;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return startInProcessSimulator({
    sql: db.sql,
    log,
    rate,
    broker: config.mqttExternal
      ? { kind: 'external', ...config.mqttExternal }
      : { kind: 'embedded', url: `mqtt://${host}:${status.port}` },
  });
}
