import { resolve } from 'node:path';
import { DatabaseOpenError, openAndMigrate, seedIfEmpty } from '@onemap/prisma';
import Fastify from 'fastify';
import { z } from 'zod';
import { type Config, ConfigError, loadConfig } from './config.js';
import { OperationsBus } from './events/operations.js';
import { relayChanges } from './events/relay.js';
import { SensorChangeBus } from './events/sensor-changes.js';
import { RetireError, retireReplica } from './mqtt/retire.js';
import { verifyAudit } from './services/audit.js';

/**
 * The operator CLI (`pnpm onemap <command>`), working on the database the server would use
 * (DATA_DIR, or DATABASE_URL). Stop the embedded server first: a data dir has one writer.
 */
const usage = `usage: pnpm onemap <command>
  migrate                  apply pending migrations
  seed [--scale N]         seed the demo data into an empty database (N from 0.01 to 10, default 1)
  audit verify             check the audit trail's hash chain; exit 3 naming the first broken entry
  mqtt retire              with a retired replica's MQTT_CLIENT_ID (and MQTT_CONNECTIONS): store what
                           the external broker queued for its sessions, then end them; exit 4 when
                           not all could be stored (no session is ended then: run it again)`;

const scaleSchema = z.coerce.number().min(0.01).max(10);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig(process.env, resolve('../web/dist'));
  if (command === 'migrate') {
    const { db, applied } = await openAndMigrate(config.database);
    await db.close();
    process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    return 0;
  }
  if (command === 'seed') {
    const flag = rest.indexOf('--scale');
    const scale = scaleSchema.safeParse(flag >= 0 ? rest[flag + 1] : config.seedScale);
    if (!scale.success) throw new ConfigError(`invalid --scale: ${scale.error.issues[0]?.message}`);
    const { db } = await openAndMigrate(config.database);
    try {
      const result = await seedIfEmpty(db, { scale: scale.data });
      process.stdout.write(
        result.seeded
          ? `seeded in ${result.ms} ms: ${Object.entries(result.counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}\n`
          : 'the database already holds data; nothing seeded\n',
      );
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'audit' && rest[0] === 'verify') {
    const { db } = await openAndMigrate(config.database);
    try {
      const result = await verifyAudit(db.sql);
      if (result.ok) {
        process.stdout.write(`audit chain intact: ${result.checked} entries\n`);
        return 0;
      }
      process.stderr.write(
        `onemap: audit chain broken at entry #${result.firstBroken?.id}: ${result.firstBroken?.reason} (${result.checked} entries before it are intact)\n`,
      );
      return 3;
    } finally {
      await db.close();
    }
  }
  if (command === 'mqtt' && rest[0] === 'retire') return retire(config);
  process.stderr.write(`${usage}\n`);
  return 2;
}

async function retire(config: Config): Promise<number> {
  const broker = config.mqttExternal;
  if (!broker)
    throw new ConfigError('mqtt retire needs MQTT_URL: the external broker the replica subscribed to');
  const { db } = await openAndMigrate(config.database);
  // The server's own logger, as fastify sets it up, for what the ingest has to say.
  const log = Fastify({ logger: { level: config.logLevel } }).log;
  const events = new SensorChangeBus();
  const operations = new OperationsBus();
  // The replicas that stay tell their watchers what is stored here, as if one of them had taken it.
  const relay = db.notifications
    ? await relayChanges({ notifications: db.notifications, buses: { sensors: events, operations }, log })
    : null;
  try {
    const result = await retireReplica({ ...broker, sql: db.sql, events, operations, log });
    process.stdout.write(
      `retired ${broker.clientId}: ${result.readings} queued reading(s) stored from ${result.messages} message(s); ${result.members.length} session(s) ended\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof RetireError)) throw error;
    process.stderr.write(`onemap: ${error.message}\n`);
    return 4;
  } finally {
    await relay?.close();
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    const known = error instanceof ConfigError || error instanceof DatabaseOpenError;
    process.stderr.write(`onemap: ${known ? error.message : (error.stack ?? String(error))}\n`);
    process.exit(1);
  },
);
