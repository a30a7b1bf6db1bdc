// What the figures came from: a ratio travels between machines, an absolute number does not, and
// the load average says how much the other work on a shared machine weighed on the run.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

function quiet(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machine() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadavg: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    chromium: quiet('/usr/bin/chromium', ['--version']),
    postgres: quiet('psql', [
      '-XAtc',
      'SHOW server_version',
      'postgresql://postgres@127.0.0.1:5432/postgres',
    ]),
    date: new Date().toISOString(),
    gitRev: quiet('git', ['rev-parse', '--short', 'HEAD']),
    gitDirty: (quiet('git', ['status', '--porcelain']) ?? '') !== '',
  };
}
