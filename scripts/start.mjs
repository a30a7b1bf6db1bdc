#!/usr/bin/env node
// `pnpm start`: build what is missing, then run the API (which serves the web app) on PORT.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';

function build(filter, what) {
  process.stdout.write(`onemap: building ${what}…\n`);
  const result = spawnSync(pnpm, ['--filter', filter, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(resolve(root, 'prisma/generated/client.ts'))) build('@onemap/prisma', 'the Prisma client');
if (!existsSync(resolve(root, 'apps/web/dist/index.html'))) build('@onemap/web', 'the web app');

const env = { ...process.env, DATA_DIR: resolve(root, process.env.DATA_DIR ?? 'data') };
const api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: resolve(root, 'apps/api'),
  env,
  stdio: 'inherit',
});
// The API shuts itself down cleanly on these; we only pass them on and wait.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
