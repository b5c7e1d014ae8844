/**
 * The widgets of the outbreaks lesson, on their embed pages (one widget each, id "embed"):
 * the ensemble of stochastic runs, the epidemic on a network, and the fit to the boarding school.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers.ts';

const percent = (s: string | null) => Number(/[\d.]+/.exec(s ?? '')?.[0] ?? NaN);
const value = (page: Page, label: string) => page.locator('#embed dl.readout div').filter({ hasText: label }).locator('dd').first();

test('the ensemble: runs fill in, the histogram splits, the shares sit near their predictions', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/sir-stochastic/');
  const widget = page.locator('#embed');
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(widget).toContainText('200 of 200 runs');
  // R0 = 2, one case: a major outbreak with probability 1/2; 200 runs put it within ±0.11 (3σ).
  const major = percent(await value(page, 'Runs that became major outbreaks').textContent());
  expect(major).toBeGreaterThan(39);
  expect(major).toBeLessThan(61);
  await expect(widget).toContainText('theory 1 − 1/R₀ᵏ: 50');
  await expect(widget.locator('figure svg')).toHaveCount(2);

  // Below the threshold no run becomes major, and the widget says why.
  const r0 = widget.getByRole('textbox', { name: /^Basic reproduction number/ });
  await r0.fill('0.8');
  await r0.press('Enter');
  await expect(widget).toContainText('every outbreak stays small');
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(async () => percent(await value(page, 'Runs that became major outbreaks').textContent())).toBe(0);
  expect(errors).toEqual([]);
});

test('the ensemble is the same after a reload with its link (same seed, same runs)', async ({ page }) => {
  await page.goto('/en/embed/sir-stochastic/?embed.runs=120&embed.seed=9');
  await expect(page.locator('#embed')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const first = await page.locator('#embed dl.readout').textContent();
  await page.reload();
  await expect(page.locator('#embed')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  expect(await page.locator('#embed dl.readout').textContent()).toBe(first);
  await expect(page.locator('#embed')).toContainText('120 of 120 runs');
});

test('the network: a lattice drawn on a canvas, the tree of who infected whom, the threshold of the network built', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/sir-network/?embed.preset=lattice');
  const widget = page.locator('#embed');
  await page.locator('#embed-speed').selectOption('Infinity');
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const canvas = widget.locator('canvas[role="img"]');
  await expect(canvas).toHaveAttribute('aria-label', /square lattice of 10,000 people/);
  // Something was drawn: the canvas is not blank.
  const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n / (d.length / 4);
  });
  expect(inked).toBeGreaterThan(0.5);
  await widget.getByRole('radio', { name: 'Who infected whom' }).check();
  await expect(canvas).toHaveAttribute('aria-label', /tree of who infected whom/);
  // A random network with four contacts each: T_c = ⟨k⟩/(⟨k²⟩ − ⟨k⟩) ≈ 1/⟨k⟩ = 0.25.
  await widget.getByRole('radio', { name: 'Random (Erdős–Rényi)' }).check();
  await expect(widget).not.toHaveAttribute('data-status', 'loading');
  await expect.poll(async () => Number(await value(page, 'Threshold from the degrees').textContent())).toBeGreaterThan(0.22);
  expect(Number(await value(page, 'Threshold from the degrees').textContent())).toBeLessThan(0.28);
  expect(errors).toEqual([]);
});

test('the fit: R0 of the boarding school with a bootstrap interval; own data with a bad line is refused by line', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/sir-fit/');
  const widget = page.locator('#embed');
  await expect.poll(async () => Number(await value(page, 'Basic reproduction number R₀').textContent())).toBeCloseTo(3.93, 1);
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const interval = (await value(page, '95 % bootstrap interval').textContent()) ?? '';
  const [low, high] = interval.split('–').map((s) => Number(s.trim()));
  expect(low).toBeLessThan(3.93);
  expect(high).toBeGreaterThan(3.93);

  await widget.getByRole('radio', { name: 'Your own data' }).check();
  const box = widget.getByRole('textbox', { name: 'Daily counts' });
  await box.fill('day,count\n1,3\n2,eight\n3,26\n4,76\n5,225');
  await widget.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(widget.getByRole('alert')).toContainText('Line 3');
  // The last good fit stays on screen while the reader fixes the line.
  expect(Number(await value(page, 'Basic reproduction number R₀').textContent())).toBeCloseTo(3.93, 1);

  await widget.locator('input[type="file"]').setInputFiles({ name: 'outbreak.csv', mimeType: 'text/csv', buffer: Buffer.from('day,count\n0,2\n1,6\n2,15\n3,30\n4,42\n5,38\n6,25\n7,12\n8,5\n') });
  await expect(widget.getByRole('alert')).toHaveCount(0);
  await expect(widget.locator('figure svg').first()).toBeVisible();
  await expect.poll(async () => Number(await value(page, 'Basic reproduction number R₀').textContent())).not.toBeCloseTo(3.93, 1);
  expect(errors).toEqual([]);
});
