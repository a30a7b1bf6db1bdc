import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './api-process.js';

const exec = promisify(execFile);

/** The newest installed PostgreSQL's programs (Debian keeps initdb and pg_ctl off the PATH), or null. */
export function postgresPrograms(): string | null {
  if (process.env.ONEMAP_TEST_PG_BIN) return process.env.ONEMAP_TEST_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const newest = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b))
    .pop();
  const bin = newest ? join(root, newest, 'bin') : null;
  return bin && existsSync(join(bin, 'pg_basebackup')) ? bin : null;
}

export interface StandbyPair {
  /** A database URL on the primary. */
  primary(database: string): string;
  /** The same database on the hot standby, which streams it from the primary (read only). */
  standby(database: string): string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL primary and a hot standby made from it with pg_basebackup and streaming from it, as
 * docs/deploy.md lays out, each a server of its own on a free port in a temporary folder. Run as
 * the postgres user where this process is root (PostgreSQL refuses to run as root).
 */
export async function startStandbyPair(bin: string): Promise<StandbyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'onemap-standby-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: gid } = await exec('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
  }
  const pg = async (program: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    try {
      await exec(file, argv);
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${program} failed: ${e.stderr || e.message}`);
    }
  };
  const ports = { primary: await freePort(), standby: await freePort() };
  const dataDir = { primary: join(dir, 'primary'), standby: join(dir, 'standby') };
  const start = (which: 'primary' | 'standby') =>
    pg('pg_ctl', ['-D', dataDir[which], '-l', join(dir, `${which}.log`), '-w', '-t', '60', 'start']);
  const started: Array<'primary' | 'standby'> = [];
  const stop = async () => {
    for (const which of started.reverse())
      await pg('pg_ctl', ['-D', dataDir[which], '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pg('initdb', [
      '-D',
      dataDir.primary,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '-N',
    ]);
    // A test server: TCP on loopback only, and no waiting on the disk.
    await appendFile(
      join(dataDir.primary, 'postgresql.conf'),
      [
        `port = ${ports.primary}`,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        'fsync = off',
        'max_wal_senders = 4',
        '',
      ].join('\n'),
    );
    await start('primary');
    started.push('primary');
    await pg('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres'],
      ...['-D', dataDir.standby, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    await appendFile(join(dataDir.standby, 'postgresql.conf'), `port = ${ports.standby}\n`);
    await start('standby');
    started.push('standby');
  } catch (error) {
    await stop();
    throw error;
  }
  const url = (port: number, database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    primary: (database) => url(ports.primary, database),
    standby: (database) => url(ports.standby, database),
    stop,
  };
}
