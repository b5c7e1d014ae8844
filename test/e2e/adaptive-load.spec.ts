/**
 * Devices that cannot keep up: a widget draws less when frames drop, says so, returns to full
 * drawing when the device recovers, and computes exactly the same run throughout.
 */
import { expect, test, type Page } from '@playwright/test';
import { readout, watchErrors } from './helpers.ts';

/** Makes the main thread busy for `ms` in every animation frame (a slow device), until stopped. */
async function burden(page: Page, ms: number) {
  await page.evaluate((busy) => {
    const w = window as unknown as { __burden?: boolean };
    w.__burden = true;
    const spin = () => {
      if (!w.__burden) return;
      const t0 = performance.now();
      while (performance.now() - t0 < busy);
      requestAnimationFrame(spin);
    };
    requestAnimationFrame(spin);
  }, ms);
}

const finalNumbers = async (page: Page) => ({
  peak: await readout(page, 'sir-near', 'Peak prevalence').textContent(),
  final: await readout(page, 'sir-near', 'Ever infected').textContent(),
});

test('under load the widget draws less and says so, then recovers; the numbers are the same', async ({ page, browser }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/#sir-near');
  const widget = page.locator('#sir-near');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('#sir-near-speed').selectOption('0.25');
  await expect(widget).toHaveAttribute('data-status', 'running');
  const note = widget.locator('[data-load-note]');
  await expect(note).toHaveCount(0);

  await burden(page, 40);
  await expect(note).toBeVisible({ timeout: 10_000 });
  await expect(note).toContainText('The simulation itself, its numbers and its data are unchanged');
  await page.evaluate(() => ((window as unknown as { __burden?: boolean }).__burden = false));
  await expect(note).toHaveCount(0, { timeout: 30_000 });

  // Same run as on an unburdened page.
  await burden(page, 40);
  await page.locator('#sir-near-speed').selectOption('Infinity');
  await expect(widget).toHaveAttribute('data-status', 'done');
  const loaded = await finalNumbers(page);
  const calm = await browser.newPage();
  await calm.goto('/en/lessons/sir/#sir-near');
  await calm.locator('#sir-near').scrollIntoViewIfNeeded();
  await calm.locator('#sir-near-speed').selectOption('Infinity');
  await expect(calm.locator('#sir-near')).toHaveAttribute('data-status', 'done');
  expect(await finalNumbers(calm)).toEqual(loaded);
  expect(errors).toEqual([]);
});
