import { expect, test } from '@playwright/test';
import { allPages, hydrateAll, watchErrors } from './helpers.ts';

for (const path of allPages()) {
  test(`${path} loads with its widgets and no console error`, async ({ page }) => {
    const { errors } = watchErrors(page);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    const lang = path.split('/')[1];
    await expect(page.locator('html')).toHaveAttribute('lang', lang!);
    await hydrateAll(page);
    await expect(page.locator('section.widget[data-status="error"]')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('the language switch keeps the reader on the same page, with the widget state', async ({ page }) => {
  await page.goto('/en/lessons/sir/?sir-basic.v=1&sir-basic.R0=3');
  await page.getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/lessons\/sir\/\?sir-basic\.v=1&sir-basic\.R0=3/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/lessons\/sir\//);
});

test('the root page follows the browser language and offers both', async ({ browser }) => {
  for (const [locale, lang] of [['ja-JP', 'ja'], ['en-US', 'en'], ['fr-FR', 'en']] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(new RegExp(`/${lang}/$`));
    await context.close();
  }
  const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('link', { name: '日本語で読む' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Read in English' })).toBeVisible();
  await context.close();
});

test('the lesson index links every lesson, and a lesson has contents, exercises and DOIs', async ({ page }) => {
  for (const lang of ['ja', 'en']) {
    await page.goto(`/${lang}/`);
    await page.locator('.cards a').first().click();
    await expect(page.locator('nav.toc li').first()).toBeVisible();
    await expect(page.locator('.references a[href^="https://doi.org/10."]').first()).toBeVisible();
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.locator('article details').first()).toBeAttached();
  }
});

test('an unknown address gives the bilingual 404 page', async ({ page }) => {
  const res = await page.goto('/en/no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByText('ページが見つかりません')).toBeVisible();
});
