#!/usr/bin/env node
// `pnpm onemap <command>`: the operator CLI (apps/api/src/cli.ts), run from the repository root.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  DATA_DIR: resolve(process.env.INIT_CWD ?? root, process.env.DATA_DIR ?? 'data'),
};
const cli = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...process.argv.slice(2)], {
  cwd: resolve(root, 'apps/api'),
  env,
  stdio: 'inherit',
});
cli.on('exit', (code) => process.exit(code ?? 1));
