import { expect, openOneMap, test } from '../support/fixtures';

/** The analyst browser and the two video-wall sizes; screenshots are kept as test artifacts. */
const sizes = [
  { name: 'analyst-1366x768', width: 1366, height: 768 },
  { name: 'wall-1920x1080', width: 1920, height: 1080 },
  { name: 'wall-3840x2160', width: 3840, height: 2160 },
];

test.describe('layouts', () => {
  const titleSizes: Record<string, number> = {};
  for (const size of sizes) {
    test(`works at ${size.width}×${size.height}`, async ({ page }, info) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await openOneMap(page);
      const top = await page.getByTestId('panel-entry-monitoring').boundingBox();
      const panel = await page.getByTestId('layer-panel').boundingBox();
      const status = await page.getByTestId('cursor-coords').boundingBox();
      if (!top || !panel || !status) throw new Error('shell parts missing');
      // Everything on screen, nothing on top of anything else.
      for (const b of [top, panel, status]) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(size.width);
      }
      expect(panel.y).toBeGreaterThanOrEqual(top.y + top.height);
      // A 4K wall shows the most severe open incidents as cards over the map, clear of the panels.
      const cards = page.getByTestId('wall-cards');
      if (size.width >= 2400) {
        await expect(cards).toBeVisible();
        const count = await cards.locator('[data-testid^="incident-card-"]').count();
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(4);
        const strip = await cards.boundingBox();
        if (!strip) throw new Error('wall cards not laid out');
        expect(strip.y).toBeGreaterThanOrEqual(top.y + top.height);
        expect(strip.x).toBeGreaterThanOrEqual(panel.x + panel.width);
      } else {
        await expect(cards).toBeHidden();
      }
      titleSizes[size.name] = await page
        .getByTestId('panel-entry-monitoring')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      const path = info.outputPath(`${size.name}.png`);
      await page.screenshot({ path });
      await info.attach(size.name, { path, contentType: 'image/png' });
    });
  }

  test('text grows with the video wall so it reads from a distance', () => {
    test.skip(Object.keys(titleSizes).length < 3, 'needs the three layout runs first');
    expect(titleSizes['wall-3840x2160']).toBeGreaterThan((titleSizes['wall-1920x1080'] ?? 0) * 1.5);
    expect(titleSizes['analyst-1366x768']).toBeLessThanOrEqual(titleSizes['wall-1920x1080'] ?? 0);
  });
});
