/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built app itself in production; in dev Vite forwards API paths to it.
const api = process.env.ONEMAP_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': api,
      '/api': api,
      '/healthz': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl and deck.gl alone are over a megabyte; the warning would fire on every build.
    chunkSizeWarningLimit: 2500,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
