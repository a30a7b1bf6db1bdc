import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './api-process.js';

/** Whether something accepts connections at `port` on `host`. */
export function accepting(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface OwnBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * A Mosquitto of the caller's own (a test's, a bench's), configured as docs/deploy.md tells operators to: sessions of
 * replicas that are away keep their share of a shared subscription without the default cap of
 * 1,000 queued messages, beyond which Mosquitto drops what it already acknowledged to gateways.
 */
export async function startMosquitto(): Promise<OwnBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'onemap-mosquitto-'));
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 0',
      'max_inflight_messages 100',
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${stderr}`);
    const up = await accepting(port, '127.0.0.1');
    if (up) break;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const mosquittoInstalled = existsSync('/usr/sbin/mosquitto');
