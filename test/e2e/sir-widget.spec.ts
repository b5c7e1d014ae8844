import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readout, ready, watchErrors } from './helpers.ts';

const W = '#sir-basic';

test.describe('SIR widget', () => {
  test('runs, and its final size matches the exact relation', async ({ page }) => {
    const { errors } = watchErrors(page);
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    await expect(page.locator(W)).toHaveAttribute('data-status', /running|done/);
    // Show the whole run at once rather than waiting for the animation.
    await page.locator(`${W}-speed`).selectOption('Infinity');
    await expect(page.locator(W)).toHaveAttribute('data-status', 'done');
    await expect(readout(page, 'sir-basic', 'Final size (exact relation)')).toHaveText('89.3 %');
    await expect(readout(page, 'sir-basic', 'Ever infected (simulated)')).toHaveText('89.3 %');
    await expect(readout(page, 'sir-basic', 'Peak prevalence')).toHaveText('23.3 %');
    await expect(page.locator(`${W} .plot svg path`).first()).toBeAttached();
    expect(errors).toEqual([]);
  });

  test('answers a slider moved from the keyboard, and keeps it in the URL', async ({ page }) => {
    const { errors } = watchErrors(page);
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    const threshold = readout(page, 'sir-basic', 'Herd-immunity threshold');
    await expect(threshold).toHaveText('60 %');
    await page.locator(`${W}-R0`).focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    // 2.5 + 10 × 0.05 = 3: threshold 1 − 1/3.
    await expect(page.getByRole('textbox', { name: /Basic reproduction number/ }).first()).toHaveValue('3');
    await expect(threshold).toHaveText('66.7 %');
    await expect(page).toHaveURL(/sir-basic\.R0=3(&|$)/);
    await page.reload();
    await ready(page, W);
    await expect(page.getByRole('textbox', { name: /Basic reproduction number/ }).first()).toHaveValue('3');
    expect(errors).toEqual([]);
  });

  test('rejects a bad typed value with a message, and keeps running', async ({ page }) => {
    const { errors } = watchErrors(page);
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    const field = page.locator(W).getByRole('textbox', { name: /Population N/ });
    await field.fill('abc');
    await field.press('Enter');
    await expect(page.locator(W).getByRole('alert')).toContainText('must be a number');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('5000000000000');
    await field.press('Enter');
    await expect(page.locator(W).getByRole('alert')).toContainText('at most');
    await field.fill('2000');
    await field.press('Enter');
    await expect(page.locator(W).getByRole('alert')).toHaveCount(0);
    // A rule across parameters is reported beside the control just changed.
    const vaccinated = page.locator(W).getByRole('textbox', { name: /Vaccinated/ });
    await vaccinated.fill('1');
    await vaccinated.press('Enter');
    await expect(vaccinated).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(W).getByRole('alert').first()).toContainText('cannot exceed the unvaccinated population');
    await vaccinated.fill('0.5');
    await vaccinated.press('Enter');
    await expect(page.locator(W).getByRole('alert')).toHaveCount(0);
    await expect(page.locator(W)).toHaveAttribute('data-status', /running|done|paused/);
    expect(errors).toEqual([]);
  });

  test('a hostile URL does no harm: visible notices, defaults, no injected markup', async ({ page }) => {
    const { errors } = watchErrors(page);
    const evil = encodeURIComponent('<img src=x onerror="window.pwned=1">');
    await page.goto(
      `/en/lessons/sir/?sir-basic.R0=${evil}&sir-basic.N=NaN&sir-basic.gamma=1e999&sir-basic.v=99999&sir-basic.nope=1&sir-basic.tMax=${'9'.repeat(500)}#sir-basic`,
    );
    await ready(page, W);
    const notices = page.locator(`${W} .notice`);
    await expect(notices.first()).toBeVisible();
    await expect(notices).toHaveCount(6);
    await expect(notices.filter({ hasText: '<img src=x' })).toHaveCount(1); // shown as text, not markup
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.locator(W).getByRole('textbox', { name: /Basic reproduction number/ })).toHaveValue('2.5');
    await expect(page.locator(W)).toHaveAttribute('data-status', /running|done/);
    expect(errors).toEqual([]);
  });

  test('play, pause, step and reset', async ({ page }) => {
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    const toggle = page.locator(`${W} [data-action="toggle"]`);
    await expect(toggle).toHaveAttribute('data-playing', 'true');
    await toggle.click();
    await expect(page.locator(W)).toHaveAttribute('data-status', 'paused');
    const progress = page.locator(`${W} progress`);
    const before = Number(await progress.getAttribute('value'));
    await page.locator(`${W} [data-action="step"]`).click();
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(before);
    await page.locator(`${W} [data-action="reset"]`).click();
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBe(0);
    await toggle.press('Enter');
    await expect(page.locator(W)).toHaveAttribute('data-status', 'running');
  });

  test('presets, copy link, CSV download and the CLI line', async ({ page, context }) => {
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    await page.locator(`${W}-preset`).selectOption('herd-immunity');
    await expect(page.locator(W).getByRole('textbox', { name: /Vaccinated/ })).toHaveValue('0.6');

    await page.locator(`${W} [data-action="copy-link"]`).click();
    await expect(page.locator(W).getByText('Link copied')).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('sir-basic.vaccinated=0.6');
    const other = await context.newPage();
    await other.goto(link);
    await ready(other, W);
    await expect(other.locator(`${W}-preset`)).toHaveValue('herd-immunity');
    await other.close();

    await page.locator(`${W}-speed`).selectOption('Infinity');
    await expect(page.locator(W)).toHaveAttribute('data-status', 'done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} [data-action="csv"]`).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/^# /);
    expect(csv).toContain('# engine: sir');
    expect(csv).toContain('"vaccinated":0.6');
    expect(csv).toMatch(/\nt,S,E,I,R,V\n0,/);

    await page.locator(W).getByText('Run this yourself').click();
    await expect(page.locator(`${W} pre code`)).toHaveText(/^npm run sim -- sir .*--vaccinated=0\.6.*--format=csv/);
  });

  test('saves its figures as standalone SVG and PNG files', async ({ page }) => {
    await page.goto('/en/lessons/sir/');
    await ready(page, W);
    const saveButtons = page.locator(`${W} .plot-figure`).first();
    const [svg] = await Promise.all([page.waitForEvent('download'), saveButtons.getByRole('button', { name: 'Save figure (SVG)' }).click()]);
    expect(svg.suggestedFilename()).toBe('sir-basic-time.svg');
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain('<path');
    expect(text).not.toContain('var(--');
    const [png] = await Promise.all([page.waitForEvent('download'), saveButtons.getByRole('button', { name: 'Save figure (PNG)' }).click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(500); // width in pixels: drawn at twice the on-screen size
  });

  test('with reduced motion the whole run is shown at once', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto('/ja/lessons/sir/');
    await ready(page, W);
    await expect(page.locator(`${W}-speed`)).toHaveValue('Infinity');
    await expect(page.locator(W)).toHaveAttribute('data-status', 'done');
    await context.close();
  });
});
