import { type Database, DatabaseOpenError, openAndMigrate, seedIfEmpty } from '@onemap/prisma';
import type { Config } from './config.js';
import { SensorChangeBus } from './events/sensor-changes.js';
import { type MqttBroker, startMqttBroker } from './mqtt/broker.js';
import { createServer } from './server.js';
import { defaultAuthPolicy } from './services/sessions.js';
import { seedDemoUsers } from './services/users.js';

/**
 * Start order: listen (503 while starting) → open the database → migrate → seed if empty → ready.
 * Shutdown order on SIGINT/SIGTERM: stop accepting and let in-flight requests finish, then close the
 * database so every acknowledged write is on disk.
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
  let mqtt: MqttBroker | null = null;
  const events = new SensorChangeBus();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`onemap: second ${signal}, exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    await mqtt?.close();
    await server.app.close();
    await db?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const opened = await openAndMigrate(config.database);
    db = opened.db;
    if (stopping) return;
    const seeded = config.demo ? await seedIfEmpty(db, { scale: config.seedScale }) : null;
    const demoUsers = config.demo ? await seedDemoUsers(db.sql, config.demoPassword) : 0;
    if (config.mqttPort > 0) {
      mqtt = await startMqttBroker({
        port: config.mqttPort,
        host: config.host,
        sql: db.sql,
        events,
        log: server.app.log,
      }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE'
          ? new DatabaseOpenError(
              `MQTT port ${config.mqttPort} is already in use (set MQTT_PORT, 0 to turn it off)`,
            )
          : error;
      });
    }
    server.ready({ db, version, events });
    server.app.log.info(
      {
        db: db.kind,
        migrationsApplied: opened.applied,
        seeded: seeded?.counts ?? null,
        demoUsers,
        mqttPort: mqtt?.port ?? null,
        startupMs: Math.round(performance.now() - t0),
      },
      `OneMap ready on http://localhost:${config.port}`,
    );
  } catch (error) {
    server.fail((error as Error).message);
    await mqtt?.close();
    await server.app.close();
    await db?.close().catch(() => undefined);
    throw error;
  }
}
