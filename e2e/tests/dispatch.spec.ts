import type { Locator, Page } from '@playwright/test';
import { tokenFor, trpcQuery } from '../support/api';
import { expect, openContext, PHONE, signIn, test, waitForMap } from '../support/fixtures';
import { runSimulator, type SimulatorRun } from '../support/simulator';

/** Beside West Lake, Hangzhou (in zj_duty's province), a little apart each run. */
const near = (k: number) => ({ latitude: 30.2741 + (k % 97) * 1e-4, longitude: 120.1551 + (k % 89) * 1e-4 });
/** Units drive 300 times faster than real: a 50 km trip takes about 13 s. */
const SPEED = '300';

interface ReportRow {
  id: number;
  reference: string;
  hasPhoto: boolean;
}

/** The id of the incident whose details are open, from its card. */
async function incidentId(details: Locator): Promise<string> {
  const testId = await details.locator('[data-testid^="incident-card-"]').getAttribute('data-testid');
  return (testId as string).replace('incident-card-', '');
}

async function openDispatch(page: Page, tab: 'incidents' | 'reports') {
  await page.getByTestId('panel-entry-dispatch').click();
  await page.getByTestId(`dispatch-${tab}`).click();
}

test('from a public report on a phone to a closed incident, with a second operator watching live', async ({
  page,
  browser,
  baseURL,
  request,
}, info) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('no baseURL');
  const stamp = Date.now();

  // 1. Someone on the street reports smoke from their phone, where they stand.
  const phone = await openContext(browser, baseURL, {
    ...PHONE,
    geolocation: near(stamp),
    permissions: ['geolocation'],
  });
  let reference: string;
  try {
    const p = await phone.context.newPage();
    await p.goto('/public');
    await p.getByTestId('public-report-open').click();
    await p.getByTestId('report-category').selectOption('fire');
    await p.getByTestId('report-description').fill(`仓库冒出浓烟，有明火 ${stamp}`);
    await p.getByTestId('report-locate').click();
    await expect(p.getByTestId('report-coordinates')).toContainText('30.');
    await p.getByTestId('report-submit').click();
    reference = ((await p.getByTestId('report-reference').textContent()) ?? '').trim();
    expect(reference).toMatch(/^R[0-9A-Z]{10}$/);
  } finally {
    await phone.context.close();
  }
  expect(phone.outside, 'requests of the phone that left localhost').toEqual([]);

  // 2. A second operator (the national commander) watches the incidents on another screen.
  const watcher = await openContext(browser, baseURL);
  const watch = await watcher.context.newPage();
  let sim: SimulatorRun | null = null;
  try {
    await signIn(watch, 'commander');
    await openDispatch(watch, 'incidents');

    // 3. The duty officer finds the report in the queue and opens an incident from it.
    await signIn(page, 'zj_duty');
    await waitForMap(page);
    await openDispatch(page, 'reports');
    const row = page.getByTestId(`report-${reference}`);
    await expect(row).toContainText(String(stamp));
    await row.getByTestId(`report-open-${reference}`).click();
    const intake = page.getByTestId('incident-intake');
    await expect(intake.getByTestId('intake-from-reports')).toBeVisible();
    await expect(intake.getByTestId('intake-type')).toHaveValue('fire');
    const title = `西湖边仓库火灾 ${stamp}`;
    await intake.getByTestId('intake-title').fill(title);
    await intake.getByTestId('intake-deaths').fill('0');
    await expect(intake.getByTestId('intake-suggestion')).toContainText('Ⅳ级');
    // Seeded fires nearby are offered as possible duplicates: looked at, and this one is new.
    const duplicates = intake.getByTestId('intake-duplicates');
    await page.waitForTimeout(600); // the duplicate check runs once typing stops
    if (await duplicates.isVisible()) await intake.getByTestId('intake-confirm').check();
    await intake.getByTestId('intake-submit').click();

    const details = page.getByTestId('incident-details');
    await expect(details).toHaveAttribute('data-incident', /^INC/);
    const code = (await details.getAttribute('data-incident')) as string;
    await expect(details.getByTestId('incident-status')).toHaveText('已接报');
    await expect(details.getByTestId('incident-timeline')).toContainText(reference);

    // The report is the incident's verified source now, off the queue.
    const duty = await tokenFor(request, 'zj_duty');
    const queue = await trpcQuery<{ reports: ReportRow[] }>(request, duty, 'reports.queue', {
      status: ['verified'],
    });
    expect(queue.reports.map((r) => r.reference)).toContain(reference);

    // The watcher sees the new incident arrive without reloading, and opens it.
    const watched = watch.getByTestId(`incident-open-${code}`);
    await expect(watched).toBeVisible({ timeout: 10_000 });
    await watched.click();
    const watchedDetails = watch.getByTestId('incident-details');
    await expect(watchedDetails.getByTestId('incident-status')).toHaveText('已接报');

    // 4. Verified, then the recommended team sent.
    await details.getByTestId('incident-to-verified').click();
    await expect(details.getByTestId('incident-status')).toHaveText('已核实');
    const recommended = details.locator('.recommended-teams li').first();
    await expect(recommended).toBeVisible();
    const teamCode = ((await recommended.getAttribute('data-testid')) as string).replace('recommended-', '');
    await expect(recommended).toContainText('分钟');
    await details.getByTestId(`choose-${teamCode}`).check();
    await details.getByTestId('dispatch-task').fill('灭火救援，疏散周边人员');
    await details.getByTestId('dispatch-send').click();
    const assignment = details.getByTestId(`assignment-${teamCode}`);
    await expect(assignment).toHaveAttribute('data-status', 'dispatched');
    // Sent, it is no longer offered.
    await expect(details.getByTestId(`recommended-${teamCode}`)).toBeHidden();
    await expect(details.getByTestId('incident-status')).toHaveText('处置中');
    await expect(watchedDetails.getByTestId('incident-status')).toHaveText('处置中', { timeout: 10_000 });
    await expect(watchedDetails.getByTestId(`assignment-${teamCode}`)).toBeVisible();

    // 5. The team drives there (the simulator plays its tracker); the map follows it live.
    sim = runSimulator(baseURL, ['--rate', '0', '--units', '--speed', SPEED, '--unit-interval', '1']);
    await sim.waitFor(
      'the team heading out',
      (e) => e.event === 'unit' && e.message.startsWith(teamCode),
      30_000,
    );
    await expect
      .poll(() => page.evaluate(() => window.onemap?.trailCodes() ?? []), { timeout: 30_000 })
      .toContain(teamCode);
    await expect(assignment).toHaveAttribute('data-status', 'en_route', { timeout: 30_000 });

    // 6. On scene by the geofence, on both screens.
    await expect(assignment).toHaveAttribute('data-status', 'on_scene', { timeout: 90_000 });
    const shot = info.outputPath('dispatch-1920x1080.png');
    await page.screenshot({ path: shot });
    await info.attach('dispatch', { path: shot, contentType: 'image/png' });
    await expect(watchedDetails.getByTestId(`assignment-${teamCode}`)).toHaveAttribute(
      'data-status',
      'on_scene',
      {
        timeout: 10_000,
      },
    );
    await expect(details.getByTestId('incident-teams-on-scene')).toContainText('1');

    // A reassessment: three dead call for Ⅲ级; declaring Ⅳ级 is refused, Ⅲ级 stands, both screens see it.
    await details.getByTestId('incident-assess').click();
    await details.getByTestId('assess-deaths').fill('3');
    await expect(details.getByTestId('assess-suggestion')).toContainText('Ⅲ级');
    await details.getByTestId('assess-level').selectOption('IV');
    await details.getByTestId('assess-save').click();
    await expect(details.getByTestId('incident-assessment').locator('.field-error')).toContainText('低于');
    await details.getByTestId('assess-level').selectOption('III');
    await details.getByTestId('assess-save').click();
    await expect(details.getByTestId(`incident-card-${await incidentId(details)}`)).toHaveAttribute(
      'data-level',
      'III',
    );
    await expect(watchedDetails.locator('[data-testid^="incident-card-"]')).toHaveAttribute(
      'data-level',
      'III',
      {
        timeout: 10_000,
      },
    );

    // 7. Under control; the team heads home; the incident is closed.
    await details.getByTestId('incident-to-stabilized').click();
    await expect(details.getByTestId('incident-status')).toHaveText('已控制');
    await details.getByTestId(`assignment-${teamCode}-to-returning`).click();
    await expect(assignment).toHaveAttribute('data-status', 'returning');
    await details.getByTestId('incident-note').fill('明火已扑灭，现场移交属地');
    await details.getByTestId('incident-note-add').click();
    await details.getByTestId('incident-to-closed').click();
    await expect(details.getByTestId('incident-status')).toHaveText('已结案');
    await expect(watchedDetails.getByTestId('incident-status')).toHaveText('已结案', { timeout: 10_000 });
    await expect(watchedDetails.getByTestId('incident-timeline')).toContainText('明火已扑灭');
    // Home again, the geofence ends the assignment.
    await expect(assignment).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  } finally {
    await sim?.stop();
    await watcher.context.close();
  }
  expect(watcher.outside, 'requests of the second screen that left localhost').toEqual([]);
});
