import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite instances are heavy (WASM + PostGIS); two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
