import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Page,
} from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Every scenario fails if a page asks for anything outside localhost: OneMap must run with no
 * internet (map, fonts, glyphs, data all shipped). Outside requests are aborted and recorded in
 * the list returned; the fixtures guard the scenario's own context, a scenario any it opens.
 */
export async function keepLocal(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) {
      return route.continue();
    }
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return outside;
}

/** A phone's screen, as the public and field users hold it. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/**
 * Another browser context for a scenario (the public beside the officer, a phone), set up like the
 * suite's own (Chinese, China time) and guarded the same way: `outside` lists what it asked of
 * anything beyond localhost, for the scenario to assert empty.
 */
export async function openContext(
  browser: Browser,
  baseURL: string | undefined,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  return { context, outside: await keepLocal(context) };
}

export const test = base.extend<{ outsideRequests: string[]; cspViolations: string[] }>({
  /** The strict CSP must hold: any violation (an inline script, an eval) fails the scenario. */
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  outsideRequests: [
    async ({ context }, use) => {
      const outside = await keepLocal(context);
      await use(outside);
      expect(outside, 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The slice of the MapLibre map the scenarios use (the page's `window.onemap.map`). */
interface MapSlice {
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  panBy(offset: [number, number], options: { animate: boolean }): void;
  getCanvas(): HTMLCanvasElement;
  getCanvasContainer(): HTMLElement;
  getCenter(): { lng: number; lat: number };
  queryRenderedFeatures(): Array<{ layer: { type: string }; properties: { name?: string } }>;
}

export interface OneMapHandle {
  map: MapSlice | null;
  project(lon: number, lat: number): { x: number; y: number };
  visibleCounts(): Record<string, number>;
  loadedCounts(): Record<string, number>;
  isIdle(): boolean;
  language: string;
  stateOf(layer: 'sensors', id: number): string | null;
  liveStatus(): 'off' | 'connecting' | 'open';
  unitOf(id: number): { lon: number; lat: number; status: string } | null;
  trailCodes(): string[];
  deckGl(): { antialias: boolean; renderer: string | null; software: boolean };
}

declare global {
  interface Window {
    onemap?: OneMapHandle;
  }
}

export const DEMO_PASSWORD = 'onemap-demo';

/** Signs in through the login page as a demo user. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Waits until the map is idle with every visible layer loaded. */
export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, { timeout });
}

/** Centres the map on a place at a zoom and waits until it is idle there. */
export async function jumpTo(page: Page, lon: number, lat: number, zoom: number, timeout = 60_000) {
  await page.evaluate(({ lon, lat, zoom }) => window.onemap?.map?.jumpTo({ center: [lon, lat], zoom }), {
    lon,
    lat,
    zoom,
  });
  await waitForMap(page, timeout);
}

/** Signs in (the national administrator unless told otherwise) and waits for the map. */
export async function openOneMap(page: Page, username = 'admin', timeout = 60_000): Promise<void> {
  await signIn(page, username);
  await waitForMap(page, timeout);
}
