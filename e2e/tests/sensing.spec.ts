import type { APIRequestContext, Page } from '@playwright/test';
import { tokenFor } from '../support/api';
import { expect, jumpTo, openOneMap, test } from '../support/fixtures';

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const LAYERS = ['hotspots', 'sensingAreas', 'droneFlights', 'cameras'] as const;

interface Feature {
  id: number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

async function layer(request: APIRequestContext, token: string, id: string): Promise<Feature[]> {
  const res = await request.get(`/api/v1/layers/${id}.geojson`, bearer(token));
  expect(res.ok(), id).toBe(true);
  return ((await res.json()) as { features: Feature[] }).features;
}

/**
 * These scenarios settle the map several times each (sign-in, then close-ups): on a loaded machine
 * rendering in software, one settle can take most of a minute.
 */
const SETTLE_MS = 180_000;

async function clickAt(page: Page, lon: number, lat: number): Promise<void> {
  const at = await page.evaluate(({ lon, lat }) => window.onemap?.project(lon, lat), { lon, lat });
  const box = await page.getByTestId('map').boundingBox();
  if (!at || !box) throw new Error('map not on screen');
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

test.describe('the other sensing channels', () => {
  test.slow();

  test('lists the products, flights and camera views as layers and draws all of them', async ({
    page,
    request,
  }) => {
    await openOneMap(page, 'admin', SETTLE_MS);
    const token = await tokenFor(request, 'admin');
    const loaded = await page.evaluate(() => window.onemap?.loadedCounts() ?? {});
    const visible = await page.evaluate(() => window.onemap?.visibleCounts() ?? {});
    for (const id of LAYERS) {
      await expect(page.getByTestId(`layer-toggle-${id}`)).toHaveAttribute('aria-checked', 'true');
      const total = (await layer(request, token, id)).length;
      expect(total, id).toBeGreaterThan(0);
      // The whole country is in view: everything loaded is counted in the panel.
      expect(loaded[id], id).toBe(total);
      expect(visible[id], id).toBe(total);
      const shown = ((await page.getByTestId(`layer-count-${id}`).textContent()) ?? '').replace(
        /[,，\s]/g,
        '',
      );
      expect(Number(shown), id).toBe(total);
    }
    const panel = page.getByTestId('layer-panel');
    await expect(panel).toContainText('卫星火点');
    await expect(panel).toContainText('洪水淹没范围');
    await expect(panel).toContainText('无人机航迹');

    // Switched off, a layer is neither counted nor loaded.
    await page.getByTestId('layer-toggle-droneFlights').click();
    await expect(page.getByTestId('layer-count-droneFlights')).toHaveText('0');
    expect(await page.evaluate(() => window.onemap?.loadedCounts().droneFlights)).toBe(0);
  });

  test('shows a hotspot sent over HTTP, with its platform and acquisition time in the drawer', async ({
    page,
    request,
  }) => {
    // In the hills south of 西昌, where the seed puts no product exactly.
    const [lon, lat] = [102.2345, 27.7654];
    await openOneMap(page, 'admin', SETTLE_MS);
    await jumpTo(page, lon, lat, 11, SETTLE_MS);
    const before = await page.evaluate(() => window.onemap?.visibleCounts().hotspots ?? 0);

    const acquiredAt = new Date(Date.now() - 20 * 60_000);
    acquiredAt.setUTCSeconds(0, 0);
    const token = await tokenFor(request, 'admin');
    const ingest = await request.post('/api/v1/ingest/geojson?channel=satellite&kind=fire_hotspot', {
      ...bearer(token),
      headers: { ...bearer(token).headers, 'content-type': 'application/geo+json' },
      data: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: `e2e-${Date.now()}`,
            geometry: { type: 'Point', coordinates: [lon, lat] },
            properties: {
              acquiredAt: acquiredAt.toISOString(),
              platform: '风云四号B',
              sensor: 'AGRI',
              confidence: 92,
            },
          },
        ],
      }),
    });
    expect(await ingest.json()).toEqual({ accepted: 1, rejected: [] });

    // No reload: the layer refreshes itself (every minute) and the new hotspot is counted in view.
    await expect
      .poll(() => page.evaluate(() => window.onemap?.visibleCounts().hotspots ?? 0), { timeout: 120_000 })
      .toBe(before + 1);

    await jumpTo(page, lon, lat, 14, SETTLE_MS);
    await clickAt(page, lon, lat);
    const drawer = page.getByTestId('detail-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.locator('[data-field="platform"] dd')).toHaveText('风云四号B');
    // Acquisition time in Beijing time (UTC+8), as operators read it.
    const beijing = new Date(acquiredAt.getTime() + 8 * 3600_000)
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ');
    await expect(drawer.locator('[data-field="acquiredAt"] dd')).toContainText(beijing);
    await expect(drawer.locator('[data-field="confidence"] dd')).toContainText('高置信度');
  });

  test('opens a camera with its stream link and a still served by OneMap', async ({ page, request }) => {
    await openOneMap(page, 'commander', SETTLE_MS);
    const token = await tokenFor(request, 'commander');
    const cameras = await layer(request, token, 'cameras');
    const camera = cameras[Math.floor(cameras.length / 2)] as Feature;
    const [lon, lat] = camera.geometry.coordinates as [number, number];
    await jumpTo(page, lon, lat, 16, SETTLE_MS);
    await clickAt(page, lon, lat);

    await expect(page.getByTestId('detail-name')).toHaveText(String(camera.properties.name));
    const drawer = page.getByTestId('detail-drawer');
    await expect(drawer.locator('[data-field="bearingDeg"] dd')).toContainText(
      `${camera.properties.bearingDeg}°`,
    );
    const stream = page.getByTestId('detail-link-stream');
    await expect(stream).toHaveAttribute('href', /^(rtsp|https):\/\/.+/);
    await expect(stream).toHaveAttribute('rel', /noopener/);
    const still = page.getByTestId('detail-image-still');
    await expect(still).toHaveAttribute('src', `/api/v1/cameras/${camera.properties.code}/still`);
    // The image loaded (from this origin: the fixture fails any request that leaves localhost).
    await expect
      .poll(() => still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(640);
    await expect(page.getByTestId('detail-link-still')).toHaveAttribute(
      'href',
      `/api/v1/cameras/${camera.properties.code}/still`,
    );
  });

  test('names a footprint’s platform under the pointer', async ({ page, request }) => {
    await openOneMap(page, 'admin', SETTLE_MS);
    const token = await tokenFor(request, 'admin');
    const footprints = (await layer(request, token, 'sensingAreas')).filter(
      (f) => f.properties.kind === 'imagery_footprint',
    );
    const footprint = footprints[0] as Feature;
    const ring = (footprint.geometry.coordinates as number[][][])[0] as number[][];
    // Halfway along the first edge: on the outline, away from the corners' neighbours.
    const [a, b] = [ring[0] as number[], ring[1] as number[]];
    const [lon, lat] = [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2];
    await page.getByTestId('layer-toggle-hotspots').click();
    await page.getByTestId('layer-toggle-cameras').click();
    await page.getByTestId('layer-toggle-sensors').click();
    await jumpTo(page, lon, lat, 13, SETTLE_MS);
    const at = await page.evaluate(({ lon, lat }) => window.onemap?.project(lon, lat), { lon, lat });
    const box = await page.getByTestId('map').boundingBox();
    if (!at || !box) throw new Error('map not on screen');
    // The outline is two pixels wide: cross it, a pixel at a time, until the pointer is on it.
    const tooltip = page.locator('.map-tooltip');
    for (let dx = -4; dx <= 4 && !(await tooltip.isVisible()); dx++) {
      await page.mouse.move(box.x + at.x + dx, box.y + at.y);
      await page.waitForTimeout(300);
    }
    await expect(tooltip).toContainText(String(footprint.properties.platform));
  });
});
