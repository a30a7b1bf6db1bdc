import type { Page } from '@playwright/test';
import { messages } from '../../apps/web/src/i18n/messages';
import { tokenFor } from '../support/api';
import { expect, openContext, PHONE, signIn, test, waitForMap } from '../support/fixtures';
import { expectPopulationEstimate, fillWarning } from '../support/warnings';

const zh = messages.zh;
/** Central Hangzhou, where the duty officer of Zhejiang drafts the warnings. */
const HANGZHOU: [number, number] = [120.2, 30.26];

/** Clicks the map at a place, as a person would with the mouse. */
async function clickMapAt(page: Page, lon: number, lat: number): Promise<void> {
  const at = await page.evaluate(([x, y]) => window.onemap?.project(x, y), [lon, lat] as const);
  const box = await page.getByTestId('map').boundingBox();
  if (!at || !box) throw new Error('map not on screen');
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

/** A CAP 1.2 alert as another agency's system sends it, in force from now for a day. */
function capAlert(identifier: string, headline: string): string {
  const now = new Date();
  const cap = (d: Date) => `${d.toISOString().slice(0, 19)}+00:00`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>e2e-observatory@weather.example.cn</sender>
  <sent>${cap(now)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <effective>${cap(new Date(now.getTime() - 60_000))}</effective>
    <expires>${cap(new Date(now.getTime() + 86_400_000))}</expires>
    <senderName>测试气象台</senderName>
    <headline>${headline}</headline>
    <description>预计今天夜里沿江地区将出现8级以上大风。</description>
    <area>
      <areaDesc>杭州市区</areaDesc>
      <polygon>30.42,119.98 30.45,120.28 30.30,120.42 30.08,120.38 30.05,120.10 30.42,119.98</polygon>
    </area>
  </info>
</alert>`;
}

test('a duty officer drafts, publishes and cancels warnings; the public sees them; imported CAP shows as imported', async ({
  page,
  browser,
  baseURL,
  request,
}, info) => {
  // Two pages render maps in software (SwiftShader): about 2 minutes on a quiet machine, far more
  // on a busy one.
  test.setTimeout(540_000);
  const stamp = Date.now().toString(36);
  const drawn = `杭州市暴雨橙色预警（绘制 ${stamp}）`;
  const byRegion = `杭州市台风蓝色预警（行政区 ${stamp}）`;

  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.getByTestId('panel-entry-monitoring').click();
  await page.getByRole('tab', { name: zh['monitoring.tab.warnings'] }).click();
  await expect(page.getByTestId('warnings-workbench')).toBeVisible();

  // 1. A warning over Hangzhou drawn as a polygon on the map, saved as a draft, then published.
  // Clicks land where `project` says as soon as the camera has jumped; the tiles may still load.
  await page.evaluate((center) => window.onemap?.map?.jumpTo({ center, zoom: 9 }), HANGZHOU);
  await fillWarning(page, { event: '暴雨', headline: drawn, severity: 'Severe' });
  await expect(page.getByTestId('warning-category')).toHaveValue('Met');
  await page.getByTestId('warning-draw-polygon').click();
  await expect(page.getByTestId('draw-toolbar')).toBeVisible();
  const first: [number, number] = [120.05, 30.15];
  const corners: Array<[number, number]> = [first, [120.35, 30.15], [120.35, 30.38], [120.05, 30.38]];
  for (const [lon, lat] of corners) await clickMapAt(page, lon, lat);
  const vertices = (n: number) => zh['draw.vertices'].replace('{count}', String(n));
  await expect(page.getByTestId('draw-status')).toHaveText(vertices(4));
  // Backspace takes the last vertex back.
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('draw-status')).toHaveText(vertices(3));
  await clickMapAt(page, ...(corners[3] as [number, number]));
  await expect(page.getByTestId('draw-status')).toHaveText(vertices(4));
  // Back on the first vertex: the ring closes.
  await clickMapAt(page, ...first);
  await expect(page.getByTestId('draw-toolbar')).toBeHidden();
  // The click that closed the ring is not taken as a click on the map beneath.
  await expect(page.getByTestId('detail-drawer')).toBeHidden();
  await expect(page.locator('[data-testid="warning-area-parts"] li[data-kind="polygon"]')).toHaveCount(1);
  await expectPopulationEstimate(page);
  // Where only a shape is drawn, the area description comes from the regions the estimate found.
  await expect(page.getByTestId('warning-area-desc')).not.toHaveValue('');
  await page.getByTestId('warning-save-draft').click();

  await expect(page.getByTestId('warnings-scope-drafts')).toHaveAttribute('aria-pressed', 'true');
  const draftRow = page.locator('[data-testid^="warning-row-"]', { hasText: drawn });
  await expect(draftRow).toHaveAttribute('data-status', 'draft');
  await expect(draftRow.getByTestId('warning-publish')).toBeVisible();
  await draftRow.getByTestId('warning-publish').click();
  // Published, it moves to the warnings in force and stays open there.
  await expect(page.getByTestId('warnings-scope-active')).toHaveAttribute('aria-pressed', 'true');
  await expect(draftRow).toHaveAttribute('data-status', 'published');
  await expect(draftRow.getByTestId('warning-cancel')).toBeVisible();

  // 2. One over the city of Hangzhou chosen by name, published at once.
  await fillWarning(page, { event: '台风', headline: byRegion, severity: 'Minor' });
  await page.getByTestId('warning-region-search').fill('杭州');
  await page.getByTestId('warning-region-option-330100').click();
  await expect(page.locator('[data-testid="warning-area-parts"] li[data-code="330100"]')).toContainText(
    '杭州市',
  );
  await expect(page.getByTestId('warning-area-desc')).toHaveValue('杭州市');
  await expectPopulationEstimate(page);
  await page.getByTestId('warning-submit').click();
  await expect(page.getByTestId('warnings-scope-active')).toHaveAttribute('aria-pressed', 'true');
  const activeRows = page.getByTestId('warning-rows');
  await expect(activeRows).toContainText(drawn);
  await expect(activeRows).toContainText(byRegion);
  // Both areas on the operator's map.
  await page.waitForFunction(() => (window.onemap?.loadedCounts().warnings ?? 0) >= 2);
  const wall = info.outputPath('workbench.png');
  await page.screenshot({ path: wall });
  await info.attach('workbench', { path: wall, contentType: 'image/png' });

  // 3. The public page on a phone, without signing in, lists both and draws their areas.
  const { context: publicContext, outside } = await openContext(browser, baseURL, PHONE);
  const pub = await publicContext.newPage();
  await pub.goto('/public');
  const publicList = pub.getByTestId('public-warnings');
  // A cold page boots the map first: the list may take a while on a slow machine.
  await expect(publicList).toContainText(drawn, { timeout: 60_000 });
  await expect(publicList).toContainText(byRegion);
  await pub.waitForFunction(() => (window.onemap?.loadedCounts().warnings ?? 0) >= 2);
  const publicItem = publicList.locator('li', { hasText: drawn });
  await publicItem.getByRole('button').tap();
  await expect(publicItem).toContainText('停止户外作业');
  const box = await publicList.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844).toBe(true);
  const shot = info.outputPath('public-phone.png');
  await pub.screenshot({ path: shot });
  await info.attach('public-phone', { path: shot, contentType: 'image/png' });

  // 4. Cancelled with a reason, it leaves the public page.
  const publishedRow = page.locator('[data-testid^="warning-row-"]', { hasText: drawn });
  if ((await publishedRow.getByRole('button').first().getAttribute('aria-expanded')) !== 'true') {
    await publishedRow.getByRole('button').first().click();
  }
  await publishedRow.getByTestId('warning-cancel').click();
  await publishedRow.getByTestId('warning-cancel-reason').fill('降雨已减弱，解除预警。');
  await publishedRow.getByTestId('warning-cancel-confirm').click();
  await expect(activeRows).not.toContainText(drawn);
  await pub.reload();
  await expect(publicList).toContainText(byRegion);
  await expect(publicList).not.toContainText(drawn);
  await publicContext.close();
  expect(outside, 'requests of the public page that left localhost').toEqual([]);

  // 5. Another agency's CAP alert, imported by a machine client, shows in the list as imported.
  const admin = await tokenFor(request, 'admin');
  const imported = `测试气象台大风黄色预警（导入 ${stamp}）`;
  const response = await request.post('/api/v1/ingest/cap', {
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' },
    data: capAlert(`e2e-${stamp}`, imported),
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: number };
  await page.getByTestId('warnings-scope-all').click();
  const importedRow = page.getByTestId(`warning-row-${id}`);
  await expect(importedRow).toContainText(imported);
  await expect(importedRow).toHaveAttribute('data-source', 'imported');
  await expect(importedRow.getByTestId('warning-row-imported')).toContainText('测试气象台');
  await importedRow.getByRole('button').first().click();
  await expect(importedRow.getByTestId('warning-imported')).toBeVisible();
  // Read-only: none of the editing controls.
  await expect(importedRow.getByTestId('warning-edit')).toHaveCount(0);
  await expect(importedRow.getByTestId('warning-cancel')).toHaveCount(0);
});

test('an analyst reads the warnings but gets no editing controls', async ({ page }) => {
  await signIn(page, 'analyst');
  await waitForMap(page);
  await page.getByTestId('panel-entry-monitoring').click();
  await page.getByRole('tab', { name: zh['monitoring.tab.warnings'] }).click();
  await expect(page.getByTestId('warnings-workbench')).toBeVisible();
  await expect(page.getByTestId('warning-new')).toHaveCount(0);
});

test('a circle is drawn with the finger on a phone', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const { context: phone, outside } = await openContext(browser, baseURL, PHONE);
  const page = await phone.newPage();
  await signIn(page, 'zj_duty');
  await waitForMap(page);
  await page.getByTestId('panel-entry-monitoring').tap();
  await page.getByRole('tab', { name: zh['monitoring.tab.warnings'] }).tap();
  await page.getByTestId('warning-new').tap();
  await page.evaluate((center) => window.onemap?.map?.jumpTo({ center, zoom: 9 }), HANGZHOU);
  await page.getByTestId('warning-draw-circle').tap();
  // The panels step aside while drawing, so the map is there to tap.
  await expect(page.getByTestId('warning-editor')).toBeHidden();
  const tapMapAt = async (lon: number, lat: number) => {
    const at = await page.evaluate(([x, y]) => window.onemap?.project(x, y), [lon, lat] as const);
    const box = await page.getByTestId('map').boundingBox();
    if (!at || !box) throw new Error('map not on screen');
    await page.touchscreen.tap(box.x + at.x, box.y + at.y);
  };
  await tapMapAt(...HANGZHOU);
  await expect(page.getByTestId('draw-status')).toHaveText(zh['draw.circle.edge']);
  // About 11 km due north.
  await tapMapAt(HANGZHOU[0], HANGZHOU[1] + 0.1);
  await expect(page.getByTestId('draw-toolbar')).toBeHidden();
  const circle = page.locator('[data-testid="warning-area-parts"] li[data-kind="circle"]');
  await expect(circle).toHaveCount(1);
  await expect(circle).toContainText(/1[01]\.\d km/);
  await phone.close();
  expect(outside, 'requests of the phone that left localhost').toEqual([]);
});
