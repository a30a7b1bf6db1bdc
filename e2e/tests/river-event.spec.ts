import { messages } from '../../apps/web/src/i18n/messages';
import { sensorFeatureId, tokenFor, trpcQuery } from '../support/api';
import { expect, openContext, signIn, test, waitForMap } from '../support/fixtures';
import { runSimulator, type SimulatorRun } from '../support/simulator';
import { expectPopulationEstimate, fillWarning } from '../support/warnings';

const zh = messages.zh;
/** A city of Zhejiang, the duty officer's province, with water-level gauges in the e2e seed. */
const CITY = '杭州';
/** The river rises in 5 s rather than 40: the same readings, told faster. */
const SPEED = 8;
/**
 * Seconds the river stays at its peak (not scaled by the speed): time to see and acknowledge the
 * alarm on a busy machine before the water falls back; the warning is drafted meanwhile.
 */
const HOLD_S = 15;

interface AlarmRow {
  id: number;
  rule: string;
  level: string;
  raisedAt: string;
}

test('a river rises past alarm: the duty officer sees it live, acknowledges it and warns the city', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  // The map renders in software, twice (officer and public); CI runs it on two cores.
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('no baseURL');
  const stamp = Date.now().toString(36);

  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.waitForFunction(() => window.onemap?.liveStatus() === 'open', undefined, { timeout: 60_000 });
  await page.getByTestId('panel-entry-monitoring').click();
  await page.getByTestId('monitoring-alarms').click();
  const alarms = page.getByTestId('monitoring-panel-alarms');
  // The standing alarms are loaded before the river rises, so its alarm arrives as news (a toast).
  await expect(alarms.getByTestId('alarm-list').or(alarms.getByTestId('alarm-none'))).toBeVisible();

  let sim: SimulatorRun | null = null;
  try {
    const startedAt = Date.now();
    sim = runSimulator(baseURL, [
      ...['--only-scenario', 'river-rise', '--city', CITY],
      ...['--speed', String(SPEED), '--hold', String(HOLD_S)],
    ]);
    const started = await sim.waitFor('the river event', (e) => e.event === 'started');
    // The gauge it picked, and the city it stands in.
    const { sensor: code, place: city } = started;
    if (!code || !city) throw new Error(`the simulator named no gauge or city: ${started.message}`);

    // The gauge as the duty officer's own account reads it: in their province, on their map.
    const duty = await tokenFor(request, 'zj_duty');
    const gauge = await trpcQuery<{ name: string; regionCode: string }>(request, duty, 'monitoring.sensor', {
      code,
    });
    const featureId = await sensorFeatureId(request, duty, code);
    const cityCode = `${gauge.regionCode.slice(0, 4)}00`;

    const crossed = await sim.waitFor(
      'the gauge crossing its alarm line',
      (e) => e.event === 'crossed' && e.level === 'alarm',
    );
    const crossedAt = Date.now();
    // The alarm the river raised: by the server's own record, not an older one of the same gauge.
    const raisedByRiver = async () => {
      const open = await trpcQuery<AlarmRow[]>(request, duty, 'monitoring.alarms', {
        state: 'open',
        sensorCode: code,
      });
      return open.find((a) => a.rule === 'threshold' && Date.parse(a.raisedAt) >= startedAt);
    };
    await expect.poll(async () => (await raisedByRiver())?.level).toBe('alarm');
    const raised = (await raisedByRiver()) as AlarmRow;

    // Within seconds, without a reload: the list, a notice naming the gauge, the map's dot.
    const row = alarms.locator(`[data-testid="alarm-item"][data-alarm-id="${raised.id}"]`);
    await expect(row).toHaveAttribute('data-level', 'alarm', { timeout: 5_000 });
    test.info().annotations.push({
      type: 'alarm visible after (ms)',
      description: String(Date.now() - crossedAt),
    });
    await expect(row).toHaveAttribute('data-sensor-code', code);
    await expect(row).toHaveAttribute('data-state', 'open');
    await expect(row).toContainText(gauge.name);
    await expect(
      page.locator(`[data-testid="alarm-toast"][data-sensor-code="${code}"]`).first(),
    ).toContainText(gauge.name);
    await expect
      .poll(() => page.evaluate((id) => window.onemap?.stateOf('sensors', id), featureId), { timeout: 5_000 })
      .toBe('alarm');

    // The officer takes it in hand.
    const comment = '已通知巡河员现场核查，准备发布洪水预警';
    await row.getByTestId('alarm-ack').click();
    await row.getByTestId('alarm-ack-comment').fill(comment);
    await row.getByTestId('alarm-ack-submit').click();
    await expect(row).toHaveAttribute('data-state', 'acknowledged');
    await expect(row.getByTestId('alarm-acked')).toContainText('zj_duty');
    await expect(row.getByTestId('alarm-acked')).toContainText(comment);

    // An incident can be opened from the alarm: a flood at the gauge, in the dispatch panel.
    await row.getByTestId('alarm-open-incident').click();
    const intake = page.getByTestId('incident-intake');
    await expect(intake.getByTestId('intake-type')).toHaveValue('flood');
    await expect(intake.getByTestId('intake-title')).toHaveValue(gauge.name);
    await expect(intake.getByTestId('intake-lon')).not.toHaveValue('');
    await intake.getByTestId('intake-close').click();
    await page.getByTestId('panel-entry-monitoring').click();

    // A warning over the gauge's city, drafted, estimated, then published.
    const headline = `${city}洪水橙色预警（${gauge.name} ${stamp}）`;
    await page.getByRole('tab', { name: zh['monitoring.tab.warnings'] }).click();
    await expect(page.getByTestId('warnings-workbench')).toBeVisible();
    await fillWarning(page, {
      event: '洪水',
      headline,
      severity: 'Severe',
      description: `${gauge.name}水位${crossed.value} ${crossed.unit ?? ''}，已超过报警水位${crossed.threshold} ${crossed.unit ?? ''}。`,
      instruction: '沿河低洼地带人员立即转移，远离河道和堤防。',
    });
    await page.getByTestId('warning-region-search').fill(CITY);
    await page.getByTestId(`warning-region-option-${cityCode}`).click();
    await expect(
      page.locator(`[data-testid="warning-area-parts"] li[data-code="${cityCode}"]`),
    ).toContainText(city);
    await expect(page.getByTestId('warning-area-desc')).toHaveValue(city);
    await expectPopulationEstimate(page);
    await page.getByTestId('warning-save-draft').click();
    const warningRow = page.locator('[data-testid^="warning-row-"]', { hasText: headline });
    await expect(warningRow).toHaveAttribute('data-status', 'draft');
    await warningRow.getByTestId('warning-publish').click();
    await expect(page.getByTestId('warnings-scope-active')).toHaveAttribute('aria-pressed', 'true');
    await expect(warningRow).toHaveAttribute('data-status', 'published');

    // The public, signed in as no one, finds it.
    const { context: publicContext, outside } = await openContext(browser, baseURL);
    try {
      const pub = await publicContext.newPage();
      await pub.goto('/public');
      const publicList = pub.getByTestId('public-warnings');
      // A cold page boots the map first: the list may take a while on a slow machine.
      const item = publicList.locator('li', { hasText: headline });
      await expect(item).toBeVisible({ timeout: 60_000 });
      await expect(item).toContainText(city);
      await item.getByRole('button').first().click();
      await expect(item).toContainText('沿河低洼地带人员立即转移');
    } finally {
      await publicContext.close();
    }
    expect(outside, 'requests of the public page that left localhost').toEqual([]);

    // The river recedes and the event ends as scripted: the gauge back to normal.
    const exit = await sim.exited;
    expect(exit, `the simulator did not end as scripted\n${sim.output()}`).toBe(0);
    await expect
      .poll(() => page.evaluate((id) => window.onemap?.stateOf('sensors', id), featureId))
      .toBe('normal');
  } finally {
    await sim?.stop();
  }
});
