import { layerTotals, tokenFor } from '../support/api';
import { DEMO_PASSWORD, expect, signIn, test, waitForMap } from '../support/fixtures';

test.describe('zero-trust access', () => {
  test('a Zhejiang duty officer sees only Zhejiang on the map and in the lists', async ({
    page,
    request,
  }) => {
    await signIn(page, 'zj_duty');
    await waitForMap(page);
    await expect(page.getByTestId('current-user')).toContainText('浙江');
    const zj = await layerTotals(request, await tokenFor(request, 'zj_duty'));
    const national = await layerTotals(request, await tokenFor(request, 'admin'));
    // Fit the whole country in view: whatever is loaded is everything this user may see.
    await page.evaluate(() => window.onemap?.map?.jumpTo({ center: [104, 35], zoom: 3 }));
    await waitForMap(page);
    const loaded = await page.evaluate(() => window.onemap?.loadedCounts() ?? {});
    for (const layer of ['sensors', 'teams', 'enterprises', 'incidents', 'shelters']) {
      expect(loaded[layer], layer).toBe(zj[layer]);
      expect(zj[layer], layer).toBeLessThan(national[layer] ?? 0);
    }
    expect(zj.sensors).toBeGreaterThan(0);
    // A Sichuan place can be found on the map, but none of Sichuan's features.
    await page.getByTestId('search-input').fill('成都');
    const results = page.getByTestId('search-results');
    await expect(results.getByRole('button').first()).toContainText('成都');
    const kinds = await results
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.textContent ?? ''));
    expect(kinds.some((text) => /救援队|监测点|有限公司/.test(text))).toBe(false);
  });

  test('the public page shows only public data, without signing in', async ({ page }) => {
    const dataRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/layers/') || r.url().includes('/trpc/')) dataRequests.push(r.url());
    });
    await page.goto('/public');
    await expect(page.getByTestId('public-title')).toBeVisible();
    await waitForMap(page);
    const loaded = await page.evaluate(() => window.onemap?.loadedCounts() ?? {});
    expect(loaded.shelters).toBeGreaterThan(0);
    expect(loaded.hospitals).toBeGreaterThan(0);
    for (const internal of [
      'sensors',
      'teams',
      'incidents',
      'enterprises',
      'commNodes',
      'commLinks',
      'depots',
    ]) {
      expect(loaded[internal] ?? 0, internal).toBe(0);
    }
    expect(
      dataRequests.filter((u) =>
        /layers\/(sensors|teams|incidents|enterprises|commNodes|commLinks|depots)/.test(u),
      ),
    ).toEqual([]);
    await expect(page.getByTestId('public-warnings')).toBeVisible();
    // The internal map is behind the sign-in.
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('zj_duty');
    await page.getByTestId('login-password').fill(`${DEMO_PASSWORD}-nope`);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText(/用户名或密码错误/);
  });

  test('an administrator creates a user whose name is markup and SQL, and it shows as text', async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await signIn(page, 'admin');
    await page.getByTestId('panel-entry-admin').click();
    await page.getByTestId('admin-users').click();
    const markup = `<img src=x onerror=alert(1)> '; DROP TABLE app_user; --`;
    await page.getByTestId('user-create-username').fill('e2e.markup');
    await page.getByTestId('user-create-displayname').fill(markup);
    await page.getByTestId('user-create-password').fill('a-long-enough-password');
    await page.getByTestId('user-create-role').selectOption('analyst');
    await page.getByTestId('user-create-region').selectOption('330000');
    await page.getByTestId('user-create-submit').click();
    const row = page.getByTestId('user-row-e2e.markup');
    await expect(row).toContainText(markup);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
