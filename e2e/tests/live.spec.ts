import { decodePointBatch, sensorKinds, sensorStates } from '@onemap/domain';
import type { Page } from '@playwright/test';
import { tokenFor } from '../support/api';
import { expect, signIn, test, waitForMap } from '../support/fixtures';

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The colour on screen at a place on the map: the page as the user sees it, every canvas composed. */
async function colourAt(page: Page, lon: number, lat: number): Promise<[number, number, number]> {
  const at = await page.evaluate(([x, y]) => window.onemap?.project(x, y), [lon, lat] as const);
  if (!at) throw new Error('no map');
  const png = await page.screenshot({
    clip: { x: Math.round(at.x) - 1, y: Math.round(at.y) - 1, width: 3, height: 3 },
  });
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    const [r, g, b] = context.getImageData(1, 1, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString('base64'));
}
const reddish = ([r, g, b]: [number, number, number]) => r > 150 && r > g * 1.6 && r > b * 1.6;

test('a reading above the alarm threshold turns its sensor to alarm live, without reloading tiles', async ({
  page,
  request,
}) => {
  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.waitForFunction(() => window.onemap?.liveStatus() === 'open', undefined, { timeout: 20_000 });

  // A Zhejiang water-level sensor in normal state that the page has loaded: the duty officer's
  // world tile holds only their region.
  const duty = await tokenFor(request, 'zj_duty');
  const admin = await tokenFor(request, 'admin');
  const tile = await request.get('/api/v1/layers/sensors/tiles/0/0/0.bin', bearer(duty));
  const batch = decodePointBatch(new Uint8Array(await tile.body()));
  const candidates: number[] = [];
  for (let i = 0; i < batch.count; i++) {
    if (
      batch.category[i] === sensorKinds.indexOf('water_level') &&
      batch.state[i] === sensorStates.indexOf('normal')
    ) {
      candidates.push(batch.ids[i] as number);
    }
  }
  let target: { id: number; code: string; alarm: number; lon: number; lat: number } | null = null;
  for (const id of candidates) {
    if ((await page.evaluate((i) => window.onemap?.stateOf('sensors', i), id)) !== 'normal') continue;
    const input = encodeURIComponent(JSON.stringify({ layer: 'sensors', id }));
    const detail = await request.get(`/trpc/features.detail?input=${input}`, bearer(duty));
    const code = ((await detail.json()) as { result: { data: { code: string | null } } }).result.data.code;
    if (!code) continue;
    const sensor = await request.get(`/api/v1/sensors/${encodeURIComponent(code)}`, bearer(admin));
    const { properties } = (await sensor.json()) as {
      properties: { regionCode: string; thresholds?: { alarm: number | null } };
    };
    const alarm = properties.thresholds?.alarm;
    if (properties.regionCode.startsWith('33') && typeof alarm === 'number') {
      const i = batch.ids.indexOf(id);
      target = { id, code, alarm, lon: batch.lon[i] as number, lat: batch.lat[i] as number };
      break;
    }
  }
  expect(target, 'a loaded normal Zhejiang water-level sensor with an alarm threshold').not.toBeNull();
  const { id, code, alarm, lon, lat } = target as NonNullable<typeof target>;
  // Close in on it, so that what is drawn at its place is its own dot.
  await page.evaluate((c) => window.onemap?.map?.jumpTo({ center: c, zoom: 14 }), [lon, lat] as [
    number,
    number,
  ]);
  await waitForMap(page);
  expect(reddish(await colourAt(page, lon, lat)), 'its dot before the reading').toBe(false);

  const tileRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/layers/sensors/tiles/')) tileRequests.push(r.url());
  });
  const ingest = await request.post('/api/v1/ingest/readings', {
    ...bearer(admin),
    data: [{ sensorCode: code, ts: new Date().toISOString(), value: alarm + 1 }],
  });
  expect(ingest.ok(), await ingest.text()).toBe(true);

  await page.waitForFunction((i) => window.onemap?.stateOf('sensors', i) === 'alarm', id, {
    timeout: 5_000,
  });
  // Drawn, not only known: the dot at its place turns red.
  await expect.poll(async () => reddish(await colourAt(page, lon, lat)), { timeout: 5_000 }).toBe(true);
  expect(tileRequests, 'sensor tiles requested after the reading').toEqual([]);
  expect(await page.evaluate(() => window.onemap?.liveStatus())).toBe('open');
});
