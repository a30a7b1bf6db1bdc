import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../src/open.js';
import { testEngine } from '../src/testing.js';

const writer = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));

/** Starts the writer, lets it commit `rows` rows, then kills it with SIGKILL; returns the acknowledged ids. */
async function writeThenKill(dataDir: string, rows: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acknowledged: number[] = [];
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for await (const line of lines) {
    if (line.startsWith('ready')) continue;
    acknowledged.push(Number(line));
    if (acknowledged.length === rows) {
      child.kill('SIGKILL');
      break;
    }
  }
  const code = await exited;
  if (acknowledged.length < rows)
    throw new Error(`writer exited (${code}) after ${acknowledged.length} rows`);
  return acknowledged;
}

describe.runIf(testEngine === 'pglite')('embedded data dir survives kill -9', () => {
  it('keeps every acknowledged write after SIGKILL mid-stream, twice over', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'onemap-durability-'));
    const first = await writeThenKill(dataDir, 150);
    const second = await writeThenKill(dataDir, 100);
    expect(second[0]).toBeGreaterThan(first[first.length - 1] as number);
    const db = await openDatabase({ kind: 'pglite', dataDir, openTimeoutMs: 120_000 });
    try {
      const rows = await db.sql.query<{ code: string }>(
        "SELECT code FROM incident WHERE title = 'durability'",
      );
      const stored = new Set(rows.map((r) => r.code));
      for (const id of [...first, ...second]) expect(stored.has(`DUR${id}`), `DUR${id}`).toBe(true);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('refuses a data dir held by a live process, naming it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'onemap-inuse-'));
    // Our parent (the test runner) is alive and is not us: the same as a second OneMap on the dir.
    await writeFile(join(dataDir, 'onemap.lock'), String(process.ppid));
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DatabaseOpenError);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(
      `in use by process ${process.ppid}`,
    );
  });

  it('refuses a DATA_DIR that is a file, with one clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onemap-notadir-'));
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    await expect(openDatabase({ kind: 'pglite', dataDir: file })).rejects.toThrow(
      /DATA_DIR .* is not a writable directory/,
    );
  });
});
