import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './helpers.ts';

test('presenter mode: full window, large type, presets from the keyboard, Escape ends it', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/');
  await ready(page, '#sir-basic');
  const widget = page.locator('#sir-basic');
  await widget.getByRole('button', { name: 'Present' }).click();
  await expect(widget).toHaveClass(/presenting/);
  const box = await widget.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThanOrEqual(viewport.width - 1);
  const fontSize = await widget.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(22);
  await page.keyboard.press('6');
  await expect(page.locator('#sir-basic-preset')).toHaveValue('seir');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('#sir-basic-preset')).toHaveValue('fast-spread');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#sir-basic-preset')).toHaveValue('basic');
  // Arrows on a slider still move the slider.
  await page.locator('#sir-basic-R0').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#sir-basic-preset')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(widget).not.toHaveClass(/presenting/);
  expect(errors).toEqual([]);
});
