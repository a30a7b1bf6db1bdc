import type { Page } from '@playwright/test';
import { expect, signIn, test, waitForMap } from '../support/fixtures';

/** Beside West Lake, in zj_duty's province. */
const PLACE = { lon: 120.1551, lat: 30.2741 };

async function rightClickAt(page: Page, lon: number, lat: number) {
  const map = page.getByTestId('map');
  const box = await map.boundingBox();
  if (!box) throw new Error('no map');
  const p = await page.evaluate((at) => window.onemap?.project(at.lon, at.lat), { lon, lat });
  if (!p) throw new Error('no projection');
  await page.mouse.click(box.x + p.x, box.y + p.y, { button: 'right' });
}

test('a right click on the map takes an incident in there', async ({ page }) => {
  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.evaluate(({ lon, lat }) => window.onemap?.map?.jumpTo({ center: [lon, lat], zoom: 11 }), PLACE);
  await waitForMap(page);
  await rightClickAt(page, PLACE.lon, PLACE.lat);
  const intake = page.getByTestId('incident-intake');
  await expect(intake).toBeVisible();
  expect(Number(await intake.getByTestId('intake-lon').inputValue())).toBeCloseTo(PLACE.lon, 2);
  expect(Number(await intake.getByTestId('intake-lat').inputValue())).toBeCloseTo(PLACE.lat, 2);

  // Nothing typed yet: the form says what is missing, in words, and stores nothing.
  await intake.getByTestId('intake-submit').click();
  await expect(intake.locator('.field-error').first()).toBeVisible();
  await intake.getByTestId('intake-type').selectOption('traffic_accident');
  await intake.getByTestId('intake-title').fill(`西湖大道多车相撞 ${Date.now()}`);
  await page.waitForTimeout(600); // the duplicate check runs once typing stops
  if (await intake.getByTestId('intake-duplicates').isVisible())
    await intake.getByTestId('intake-confirm').check();
  await intake.getByTestId('intake-submit').click();
  const details = page.getByTestId('incident-details');
  await expect(details).toHaveAttribute('data-incident', /^INC/);
  await expect(details.getByTestId('incident-status')).toHaveText('已接报');
});

test('an analyst’s right click takes nothing in', async ({ page }) => {
  await signIn(page, 'analyst');
  await waitForMap(page);
  await rightClickAt(page, PLACE.lon, PLACE.lat);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('incident-intake')).toHaveCount(0);
});
