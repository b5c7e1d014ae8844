import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers.ts';

test('runs in browser workers are bit-identical to Node runs made at build time', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/reproducibility/');
  await expect(page.locator('.repro')).toHaveAttribute('data-finished', 'true', { timeout: 45_000 });
  const rows = page.locator('tr[data-case]');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-status', 'identical');
  // The reader's own seed: one-piece and chunked runs over several workers agree.
  await page.locator('#repro-seed').fill('777');
  await page.locator('#repro-seed').press('Enter');
  await expect(page.locator('.own-result')).toHaveAttribute('data-status', 'identical');
  await page.locator('#repro-seed').fill('-3');
  await page.locator('#repro-seed').press('Enter');
  await expect(page.getByRole('alert')).toContainText('whole number');
  expect(errors).toEqual([]);
});
