import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium.mjs';

/**
 * The scenarios run against the real built app served by the real API process, on a fresh embedded
 * database seeded at a tenth of the default scale (rendering in software is slow; see DESIGN.md).
 */
export const E2E_PORT = Number(process.env.ONEMAP_E2E_PORT ?? 8099);
export const E2E_SCALE = '0.1';
const dataDir = process.env.ONEMAP_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'onemap-e2e-'));

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: './artifacts/report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'node --import tsx src/main.ts',
    cwd: '../apps/api',
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ONEMAP_SEED_SCALE: E2E_SCALE,
      ONEMAP_LOG_LEVEL: 'warn',
      // Every scenario signs in; the production limit (20 a minute per address) would throttle the suite.
      ONEMAP_RATE_LIMIT_LOGIN: '1000',
      MQTT_PORT: process.env.ONEMAP_E2E_MQTT_PORT ?? '18884',
      // The suite runs longer than the offline grace after a start; sensors nobody feeds in a test must
      // not all turn offline (and raise thousands of alarms) midway through it.
      ONEMAP_OFFLINE_GRACE_S: '7200',
    },
  },
});
