import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OneMapServer } from '../src/server.js';

/** Serving the built web app from the API's port, without a database (static files need none). */
describe('the web app on the API port', () => {
  let server: OneMapServer;
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'onemap-dist-'));
    await mkdir(join(dist, 'assets'));
    await mkdir(join(dist, 'basemap'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>OneMap</title>');
    await writeFile(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(
      join(dist, 'basemap', 'provinces.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(5000) }),
    );
    server = await createServer({ webDist: dist, version: 'test', logLevel: 'silent' });
  });
  afterAll(() => server.app.close());

  it('serves the app, its hashed assets as immutable, and client routes as the app', async () => {
    const index = await server.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>OneMap</title>');
    const asset = await server.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const route = await server.app.inject({
      method: 'GET',
      url: '/incidents/42',
      headers: { accept: 'text/html' },
    });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>OneMap</title>');
  });

  it('serves a file added after start (a rebuilt app needs no restart)', async () => {
    await writeFile(join(dist, 'assets', 'app-5678.js'), 'console.log(2)');
    const res = await server.app.inject({ method: 'GET', url: '/assets/app-5678.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('compresses the basemap for browsers that accept gzip', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/basemap/provinces.geojson',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.byteLength).toBeLessThan(1000);
  });

  it('answers a missing file with 404 JSON and API paths (here: still starting) with JSON, never the app', async () => {
    const cases: Array<[string, number]> = [
      ['/assets/missing.js', 404],
      ['/api/v1/unknown', 503],
      ['/trpc/unknown.route', 503],
    ];
    for (const [url, status] of cases) {
      const res = await server.app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/json/);
    }
  });
});
