import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every scenario fails if the page asks for anything outside localhost: OneMap must run with no
 * internet (map, fonts, glyphs, data all shipped). Outside requests are aborted and recorded.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const test = base.extend<{ outsideRequests: string[] }>({
  outsideRequests: [
    async ({ context }, use) => {
      const outside: string[] = [];
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) {
          return route.continue();
        }
        outside.push(route.request().url());
        return route.abort('blockedbyclient');
      });
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
}

declare global {
  interface Window {
    onemap?: OneMapHandle;
  }
}

/** Opens the app and waits until the map is idle with every visible layer loaded. */
export async function openOneMap(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, { timeout: 60_000 });
}
