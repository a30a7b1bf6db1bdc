import { signIn, test } from '../support/fixtures';

test('debug idle 4k', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 3840, height: 2160 });
  await signIn(page, 'admin');
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(5000);
    const s = await page.evaluate(() => {
      const m = window.onemap?.map as unknown as {
        loaded(): boolean;
        isMoving(): boolean;
        areTilesLoaded(): boolean;
      } | null;
      const counts = document.querySelectorAll('[data-status="loading"]');
      return {
        t: performance.now() | 0,
        idle: window.onemap?.isIdle(),
        loaded: m?.loaded(),
        moving: m?.isMoving(),
        tiles: m?.areTilesLoaded(),
        loading: [...counts].map((c) => c.getAttribute('data-testid')),
      };
    });
    console.log(i, JSON.stringify(s));
  }
});
