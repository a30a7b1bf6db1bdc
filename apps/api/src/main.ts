import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { start } from './lifecycle.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

try {
  const config = loadConfig(process.env, `${here}/../../web/dist`);
  await start(config, version);
} catch (error) {
  // Mistakes a person can fix are one line on stderr, not a stack trace.
  const known = error instanceof ConfigError || (error as Error).name === 'DatabaseOpenError';
  process.stderr.write(
    `onemap: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
}
