import type { Page } from '@playwright/test';
import { messages } from '../../apps/web/src/i18n/messages';
import { tokenFor, trpcQuery } from '../support/api';
import { expect, openContext, PHONE, test } from '../support/fixtures';

const zh = messages.zh;
/** Central Hangzhou: inside Zhejiang, so its duty officer sees what is reported there. */
const HANGZHOU = { latitude: 30.26, longitude: 120.2 };

/** A real 16 × 12 JPEG, as small as a photo gets (made once with sharp). */
const TINY_JPEG = Buffer.from(
  '/9j/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/' +
    '2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAAR' +
    'CAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABQT/xAAZEAADAAMAAAAAAAAAAAAAAAAAAQQCITH/xAAVAQEB' +
    'AAAAAAAAAAAAAAAAAAAFBv/EABYRAQEBAAAAAAAAAAAAAAAAAAQAAv/aAAwDAQACEQMRAD8Anjw4PR4cB40tD0aWgdIs1EvV' +
    '/9k=',
  'base64',
);

interface QueuedReport {
  id: number;
  reference: string;
  category: string;
  description: string;
  lon: number;
  lat: number;
  hasPhoto: boolean;
  regionCode: string | null;
}

/** The report intake's POSTs a page makes, to prove a refused file never left the phone. */
function countReportPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reports') posts++;
  });
  return () => posts;
}

/** CSP violations a page reports (the suite's own fixture watches only its default page). */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('a member of the public reports from a phone; the duty officer finds it in the queue with its photo', async ({
  browser,
  baseURL,
  request,
}) => {
  // A phone-sized map rendered in software, twice.
  test.setTimeout(240_000);
  const { context, outside } = await openContext(browser, baseURL, {
    ...PHONE,
    viewport: { width: 360, height: 740 },
    // Camera moves land at once, so a tap lands where the test aims.
    reducedMotion: 'reduce',
    geolocation: HANGZHOU,
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const csp = cspViolations(page);
  const description = `仓库屋顶冒出浓烟（e2e ${Date.now().toString(36)}）`;

  await page.goto('/public');
  await page.getByTestId('public-report-open').tap();
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByTestId('report-emergency')).toContainText('119');
  await expect(page.getByTestId('report-emergency')).toContainText(zh['report.emergencyNote']);

  await page.getByTestId('report-category').selectOption('fire');
  await page.getByTestId('report-description').fill(description);

  // The device's position first (the map flies there), then a tap beside it moves the pin.
  await page.getByTestId('report-locate').tap();
  const coordinates = page.getByTestId('report-coordinates');
  await expect(coordinates).toContainText('30.26000');
  await expect(coordinates).toContainText(zh['report.locationAccuracy'].split('{')[0] as string);
  const map = page.getByTestId('report-map');
  const box = await map.boundingBox();
  if (!box) throw new Error('the report map is not on screen');
  await map.tap({ position: { x: box.width / 2 + 40, y: box.height / 2 - 30 } });
  await expect(coordinates).not.toContainText('30.26000');
  await expect(coordinates).not.toContainText(zh['report.locationAccuracy'].split('{')[0] as string);
  const shown = (await coordinates.textContent()) ?? '';
  const [lat, lon] = [...shown.matchAll(/-?\d+\.\d{5}/g)].map((m) => Number(m[0]));
  expect(lon).toBeGreaterThan(HANGZHOU.longitude);
  expect(lat).toBeGreaterThan(HANGZHOU.latitude);

  await page.getByTestId('report-photo').setInputFiles({
    name: 'IMG_0001.jpg',
    mimeType: 'image/jpeg',
    buffer: TINY_JPEG,
  });
  await expect(page.getByRole('img', { name: zh['report.photoPreview'] })).toBeVisible();
  await page.getByTestId('report-contact').fill('13800000000');
  await page.getByTestId('report-submit').tap();

  const receipt = page.getByTestId('report-receipt');
  await expect(receipt).toBeVisible();
  const reference = (await page.getByTestId('report-reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^R[0-9A-Z]{10}$/);
  await expect(receipt).toContainText(zh['report.receipt.referenceHint']);
  await expect(page.getByTestId('report-received-at')).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

  // The duty officer of Zhejiang sees it where it was reported, with its photo.
  const token = await tokenFor(request, 'zj_duty');
  const queue = await trpcQuery<{ reports: QueuedReport[] }>(request, token, 'reports.queue', {
    status: ['pending'],
    limit: 1000,
  });
  const queued = queue.reports.find((r) => r.reference === reference);
  expect(queued, `${reference} in zj_duty's queue`).toMatchObject({
    category: 'fire',
    description,
    hasPhoto: true,
  });
  expect(queued?.regionCode).toMatch(/^33/);
  expect(queued?.lon).toBeCloseTo(lon as number, 4);
  expect(queued?.lat).toBeCloseTo(lat as number, 4);
  const photo = await request.get(`/api/v1/reports/${queued?.id}/photo`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(photo.status()).toBe(200);
  expect(photo.headers()['content-type']).toBe('image/jpeg');

  expect(outside, 'requests that left localhost').toEqual([]);
  expect(csp, 'CSP violations').toEqual([]);
  await context.close();
});

test('the report form refuses in words: missing fields, a file that is no photo, a photo the server cannot read', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // No geolocation permission: the browser refuses the position.
  const { context, outside } = await openContext(browser, baseURL, {
    ...PHONE,
    viewport: { width: 360, height: 740 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const csp = cspViolations(page);
  const posts = countReportPosts(page);

  // Opened directly: the API serves the app for /report to a browser.
  await page.goto('/report');
  await expect(page.getByTestId('report-form')).toBeVisible();

  await page.getByTestId('report-submit').tap();
  await expect(page.getByTestId('report-error-category')).toHaveText(zh['report.error.category']);
  await expect(page.getByTestId('report-error-description')).toHaveText(zh['report.error.description']);
  await expect(page.getByTestId('report-error-location')).toHaveText(zh['report.error.location']);

  await page.getByTestId('report-locate').tap();
  await expect(page.getByTestId('report-locate-error')).toHaveText(zh['report.locate.denied']);

  await page.getByTestId('report-category').selectOption('flood');
  await page.getByTestId('report-description').fill('路口积水没过膝盖');
  await page.getByTestId('report-map').tap();
  await expect(page.getByTestId('report-error-location')).toHaveCount(0);
  await expect(page.getByTestId('report-error-category')).toHaveCount(0);

  // A text file renamed .jpg: the browser calls it image/jpeg, its bytes say otherwise.
  await page.getByTestId('report-photo').setInputFiles({
    name: 'scene.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('this is not a photo, only text'),
  });
  await expect(page.getByTestId('report-error-photo')).toHaveText(zh['report.error.photoContent']);
  await expect(page.getByRole('img', { name: zh['report.photoPreview'] })).toHaveCount(0);

  // A file that starts like a JPEG passes the phone's check; the server cannot decode it: 415.
  await page.getByTestId('report-photo').setInputFiles({
    name: 'broken.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.concat([TINY_JPEG.subarray(0, 4), Buffer.from('garbage, not the rest of a JPEG')]),
  });
  await expect(page.getByTestId('report-error-photo')).toHaveCount(0);
  await page.getByTestId('report-submit').tap();
  await expect(page.getByTestId('report-refusal')).toHaveText(zh['report.refused.notImage']);
  await expect(page.getByTestId('report-error-photo')).toHaveText(zh['report.error.photoContent']);
  expect(posts(), 'POSTs: only the one the server refused').toBe(1);

  // Without the photo the report goes (as JSON).
  await page.getByTestId('report-photo-remove').tap();
  await expect(page.getByTestId('report-error-photo')).toHaveCount(0);
  await page.getByTestId('report-submit').tap();
  await expect(page.getByTestId('report-reference')).toHaveText(/^R[0-9A-Z]{10}$/);
  expect(posts()).toBe(2);

  expect(outside, 'requests that left localhost').toEqual([]);
  expect(csp, 'CSP violations').toEqual([]);
  await context.close();
});
