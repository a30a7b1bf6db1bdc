import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The workbench's population estimate for the area drawn or chosen: a number and a table of places. */
export async function expectPopulationEstimate(page: Page): Promise<void> {
  const estimate = page.getByTestId('warning-population');
  await expect
    .poll(async () => Number((await estimate.getAttribute('data-population')) || 0), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(estimate.locator('tbody tr').first()).toBeVisible();
}

export interface WarningText {
  event: string;
  headline: string;
  severity: string;
  description?: string;
  instruction?: string;
}

/** Opens a new warning in the workbench and fills in its text; the area is left to the caller. */
export async function fillWarning(page: Page, w: WarningText): Promise<void> {
  await page.getByTestId('warning-new').click();
  const editor = page.getByTestId('warning-editor');
  await expect(editor).toBeVisible();
  await page.getByTestId('warning-event').fill(w.event);
  await page.getByTestId('warning-severity').selectOption(w.severity);
  await page.getByTestId('warning-headline').fill(w.headline);
  await page
    .getByTestId('warning-description')
    .fill(w.description ?? '预计未来6小时内累计降雨量将达50毫米以上。');
  await page
    .getByTestId('warning-instruction')
    .fill(w.instruction ?? '停止户外作业，远离河道、山洪沟和低洼地带。');
}
