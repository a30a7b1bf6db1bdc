import { decodePointBatch, sensorKinds, sensorStates } from '@onemap/domain';
import type { APIRequestContext, Page } from '@playwright/test';
import { tokenFor, trpcQuery } from '../support/api';
import { expect, signIn, test, waitForMap } from '../support/fixtures';

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

interface Target {
  id: number;
  code: string;
  name: string;
  warn: number;
  alarm: number;
}

/**
 * A Zhejiang water-level sensor the page has loaded, normal, with warning and alarm thresholds and
 * no alarm standing: the duty officer's world tile holds only their region. `skip` leaves out
 * sensors an earlier scenario used.
 */
async function normalWaterGauge(
  page: Page,
  request: APIRequestContext,
  skip: string[] = [],
): Promise<Target> {
  const duty = await tokenFor(request, 'zj_duty');
  const tile = await request.get('/api/v1/layers/sensors/tiles/0/0/0.bin', bearer(duty));
  const batch = decodePointBatch(new Uint8Array(await tile.body()));
  for (let i = 0; i < batch.count; i++) {
    if (
      batch.category[i] !== sensorKinds.indexOf('water_level') ||
      batch.state[i] !== sensorStates.indexOf('normal')
    ) {
      continue;
    }
    const id = batch.ids[i] as number;
    if ((await page.evaluate((x) => window.onemap?.stateOf('sensors', x), id)) !== 'normal') continue;
    const detail = await trpcQuery<{ code: string | null }>(request, duty, 'features.detail', {
      layer: 'sensors',
      id,
    });
    if (!detail.code || skip.includes(detail.code)) continue;
    const sensor = await trpcQuery<{
      name: string;
      regionCode: string;
      rules: { warn: number | null; alarm: number | null };
    }>(request, duty, 'monitoring.sensor', { code: detail.code });
    const standing = await trpcQuery<unknown[]>(request, duty, 'monitoring.alarms', {
      state: 'open',
      sensorCode: detail.code,
    });
    const { warn, alarm } = sensor.rules;
    if (sensor.regionCode.startsWith('33') && warn !== null && alarm !== null && standing.length === 0) {
      return { id, code: detail.code, name: sensor.name, warn, alarm };
    }
  }
  throw new Error('no loaded normal Zhejiang water-level sensor with thresholds and no alarm');
}

async function postReadings(
  request: APIRequestContext,
  readings: Array<{ sensorCode: string; value: number; ts?: string }>,
) {
  const admin = await tokenFor(request, 'admin');
  const res = await request.post('/api/v1/ingest/readings', {
    ...bearer(admin),
    data: readings.map((r) => ({ ts: new Date().toISOString(), ...r })),
  });
  expect(res.ok(), await res.text()).toBe(true);
  const body = (await res.json()) as { accepted: number; rejected: unknown[] };
  expect(body.rejected).toEqual([]);
}

async function badgeCount(page: Page): Promise<number> {
  const badge = page.getByTestId('panel-entry-monitoring').getByTestId('alarm-badge');
  return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('data-count'));
}

const used: string[] = [];

test('a duty officer sees an alarm raised live, acknowledges it, reads the sensor and sees it clear', async ({
  page,
  request,
}) => {
  // Flying to a sensor redraws every layer each frame in software rendering: slow on a busy machine.
  test.setTimeout(240_000);
  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.waitForFunction(() => window.onemap?.liveStatus() === 'open', undefined, { timeout: 60_000 });
  const target = await normalWaterGauge(page, request);
  used.push(target.code);

  await page.getByTestId('panel-entry-monitoring').click();
  await page.getByTestId('monitoring-alarms').click();
  await expect(page.getByTestId('monitoring-panel-alarms')).toBeVisible();
  const before = await badgeCount(page);

  // A reading above the alarm line: the list shows the alarm within seconds, without a reload.
  const raisedAt = Date.now();
  await postReadings(request, [{ sensorCode: target.code, value: target.alarm + 1 }]);
  const row = page
    .getByTestId('monitoring-panel-alarms')
    .locator(`[data-testid="alarm-item"][data-sensor-code="${target.code}"][data-rule="threshold"]`);
  await expect(row).toBeVisible({ timeout: 5_000 });
  const seenAfterMs = Date.now() - raisedAt;
  test.info().annotations.push({ type: 'alarm visible after (ms)', description: String(seenAfterMs) });
  await expect(row).toHaveAttribute('data-level', 'alarm');
  await expect(row).toHaveAttribute('data-state', 'open');
  await expect(row).toContainText(target.name);
  await expect(row.getByTestId('alarm-values')).toContainText(`${target.alarm + 1} m`);
  // The entry badge counts it, and a notice names the sensor.
  await expect.poll(() => badgeCount(page)).toBeGreaterThan(before);
  await expect(page.getByTestId('alarm-toast').filter({ hasText: target.name }).first()).toBeVisible();

  // Acknowledge with a comment: the row then says who has it in hand.
  await row.getByTestId('alarm-ack').click();
  await row.getByTestId('alarm-ack-comment').fill('已通知巡河员现场核查');
  await row.getByTestId('alarm-ack-submit').click();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(row.getByTestId('alarm-acked')).toContainText('zj_duty');
  await expect(row.getByTestId('alarm-acked')).toContainText('已通知巡河员现场核查');

  // Open the sensor from its alarm: the drawer shows its value, chart and alarm history.
  await row.locator('.alarm-summary').click();
  await expect(page.getByTestId('detail-name')).toHaveText(target.name, { timeout: 60_000 });
  const monitor = page.getByTestId('sensor-monitor');
  await expect(monitor.getByTestId('sensor-state')).toHaveAttribute('data-state', 'alarm');
  await expect(monitor.getByTestId('sensor-latest')).toContainText(`${target.alarm + 1} m`);
  await monitor.getByTestId('range-1h').click();
  const chart = monitor.getByTestId('series-chart');
  await expect(chart).toHaveAttribute('data-points', /^[1-9]\d*$/);
  const pointsBefore = Number(await chart.getAttribute('data-points'));
  const history = monitor.locator(`[data-testid="alarm-history"] [data-rule="threshold"]`).first();
  await expect(history).toHaveAttribute('data-state', 'acknowledged');

  // The jump also broke the rate-of-change limit; this gauge's rate rule goes off for the drill.
  await monitor.getByTestId('rules-edit').click();
  await monitor.getByTestId('rules-follow-ratePerMin').uncheck();
  await expect(monitor.getByTestId('rules-input-ratePerMin')).toHaveValue('');
  await monitor.getByTestId('rules-save').click();
  const rateRule = monitor.locator('[data-testid="rules-list"] [data-rule="ratePerMin"]');
  await expect(rateRule).toHaveAttribute('data-overridden', 'true');
  await expect(rateRule).toContainText('关闭');

  // Back to normal: the alarm clears by itself, the chart gains the reading without a refetch.
  await postReadings(request, [{ sensorCode: target.code, value: target.warn - 1 }]);
  await expect(history).toHaveAttribute('data-state', 'cleared');
  await expect(monitor.getByTestId('sensor-state')).toHaveAttribute('data-state', 'normal');
  await expect(monitor.getByTestId('sensor-latest')).toContainText(`${target.warn - 1} m`);
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')))
    .toBeGreaterThan(pointsBefore);
  await page.getByTestId('alarm-filter-cleared').click();
  await expect(row).toHaveAttribute('data-state', 'cleared');

  // And the gauge goes back to its kind's rules.
  await monitor.getByTestId('rules-edit').click();
  await monitor.getByTestId('rules-reset').click();
  await expect(rateRule).toHaveAttribute('data-overridden', 'false');

  // The system status counts the readings taken over HTTP.
  await page.getByTestId('health').click();
  const status = page.getByTestId('system-status');
  await expect(status.getByTestId('system-live')).toHaveAttribute('data-state', 'open');
  await expect
    .poll(async () =>
      Number((await status.locator('tr[data-path="http"] td').nth(1).textContent())?.replace(/\D/g, '')),
    )
    .toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Escape');
  await expect(status).toBeHidden();
});

test('the sensors layer filters by state and region, and its count follows', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'zj_duty');
  await waitForMap(page);
  const inView = () => page.evaluate(() => window.onemap?.visibleCounts().sensors ?? -1);
  const all = await inView();
  expect(all).toBeGreaterThan(0);
  await page.getByTestId('sensor-filter-toggle').click();
  await page.getByTestId('filter-state-normal').click();
  await expect.poll(inView).toBeLessThan(all);
  const notNormal = await inView();
  const shown = async () =>
    Number((await page.getByTestId('layer-count-sensors').textContent())?.replace(/\D/g, ''));
  await expect.poll(shown).toBe(notNormal);
  // The legend no longer offers what the map cannot show.
  await expect(page.locator('[data-layer="sensors"] .legend')).not.toContainText('正常');
  await page.getByTestId('filter-state-normal').click();
  await expect.poll(inView).toBe(all);
  // Hangzhou is a part of Zhejiang.
  await page.getByTestId('filter-province').selectOption('330000');
  await expect.poll(inView).toBe(all);
  await page.getByTestId('filter-city').selectOption('330100');
  await expect.poll(inView).toBeLessThan(all);
  await expect.poll(inView).toBeGreaterThan(0);
  await page.getByTestId('sensor-filter-reset').click();
  await expect.poll(inView).toBe(all);
});

test('an analyst sees the alarms but cannot acknowledge them', async ({ page, request }) => {
  test.setTimeout(150_000);
  // The national map need not finish loading for the panel: the stream being open is enough.
  await signIn(page, 'analyst');
  await page.waitForFunction(() => window.onemap?.liveStatus() === 'open', undefined, { timeout: 90_000 });
  const duty = await tokenFor(request, 'zj_duty');
  const standing = await trpcQuery<unknown[]>(request, duty, 'monitoring.alarms', {
    state: 'unacknowledged',
  });
  if (standing.length === 0) {
    // The seed may hold none: raise one, as a gateway would.
    const target = await normalWaterGaugeFor(request, used);
    await postReadings(request, [{ sensorCode: target, value: 99 }]);
  }
  await page.getByTestId('panel-entry-monitoring').click();
  await page.getByTestId('monitoring-alarms').click();
  await page.getByTestId('alarm-filter-unacknowledged').click();
  await expect(page.getByTestId('alarm-item').first()).toBeVisible();
  await expect(page.getByTestId('alarm-item').first()).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('alarm-ack')).toHaveCount(0);
});

/** Any Zhejiang water-level sensor not used yet, without needing the page. */
async function normalWaterGaugeFor(request: APIRequestContext, skip: string[]): Promise<string> {
  const duty = await tokenFor(request, 'zj_duty');
  const tile = await request.get('/api/v1/layers/sensors/tiles/0/0/0.bin', bearer(duty));
  const batch = decodePointBatch(new Uint8Array(await tile.body()));
  for (let i = 0; i < batch.count; i++) {
    if (batch.category[i] !== sensorKinds.indexOf('water_level')) continue;
    const detail = await trpcQuery<{ code: string | null }>(request, duty, 'features.detail', {
      layer: 'sensors',
      id: batch.ids[i],
    });
    if (detail.code && !skip.includes(detail.code)) return detail.code;
  }
  throw new Error('no Zhejiang water-level sensor');
}
