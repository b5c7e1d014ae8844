/**
 * The intervention planner (the SIR widget with `interventions`): restrictions and vaccination
 * during the outbreak, the restriction window shaded, a hospital-capacity line, and the lesson's
 * other SIR widgets without any of it.
 */
import { expect, test } from '@playwright/test';
import { readout, watchErrors } from './helpers.ts';

const percent = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

test('restrictions: a shaded window, a capacity line; a longer window lowers the peak, none raises it', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/#sir-restrict');
  const widget = page.locator('#sir-restrict');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('#sir-restrict-speed').selectOption('Infinity');
  await expect(widget).toHaveAttribute('data-status', 'done');
  await expect(widget.locator('figure svg').first()).toContainText('restrictions');
  await expect(widget.locator('figure svg').first()).toContainText('hospital capacity');
  const presets = await widget.locator('[id^="sir-restrict-preset"] option, [id^="sir-restrict-preset"] button').allTextContents();
  expect(presets.join(' ')).toContain('Contacts halved');
  expect(presets.join(' ')).not.toContain('Herd immunity');

  // The day sliders span the run (300 days), not the 3650 days a number field accepts.
  await expect(page.locator('#sir-restrict-contactEnd')).toHaveAttribute('max', '300');
  const peakHalved = percent(await readout(page, 'sir-restrict', 'Peak prevalence').textContent());
  // Stronger but equally short restrictions would not do (more susceptibles are left when they
  // end); a longer window does: 14.7 % → about 5 % with the window to day 150.
  const end = widget.getByRole('textbox', { name: /^Restrictions end on day/ });
  await end.fill('150');
  await end.press('Enter');
  await expect.poll(async () => percent(await readout(page, 'sir-restrict', 'Peak prevalence').textContent())).toBeLessThan(peakHalved / 2);
  const factor = widget.getByRole('textbox', { name: /^Contacts during the restrictions/ });
  await factor.fill('1');
  await factor.press('Enter');
  await expect.poll(async () => percent(await readout(page, 'sir-restrict', 'Peak prevalence').textContent())).toBeGreaterThan(peakHalved);
  expect(errors).toEqual([]);
});

test('the basic widgets show no intervention controls or presets', async ({ page }) => {
  await page.goto('/en/lessons/sir/#sir-basic');
  const widget = page.locator('#sir-basic');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).not.toHaveAttribute('data-status', 'loading');
  await expect(widget.getByRole('textbox', { name: /^Contacts during the restrictions/ })).toHaveCount(0);
  await expect(widget.getByText('Contacts halved')).toHaveCount(0);
});
