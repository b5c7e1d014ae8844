/**
 * Offline classrooms: pages a reader has opened keep working, widgets and search included, with
 * the network cut; "save the whole site" saves every page; a new version is announced and taken
 * only when the reader accepts, complete. Each test runs its own server over a copy of dist/ so
 * it can change the site or stop the server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveCopyOfDist, type SiteCopy } from './static-server.ts';
import { watchErrors } from './helpers.ts';

let site: SiteCopy;
test.beforeEach(async () => {
  site = await serveCopyOfDist();
});
test.afterEach(async () => {
  await site.close();
});

/** Waits until the service worker has installed (precache complete) and controls the page. */
async function controlled(page: Page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

async function cutNetwork(page: Page) {
  await site.close();
  await page.context().setOffline(true);
}

test('opened pages, their widgets and search work with the network cut; an unsaved page says so', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto(`${site.origin}/en/`);
  await controlled(page);
  await page.goto(`${site.origin}/en/lessons/sir/?sir-basic.R0=3`);
  await page.goto(`${site.origin}/en/search/`);

  await cutNetwork(page);
  // Another widget state of a saved page: served from the saved copy, computed by the cached engine.
  await page.goto(`${site.origin}/en/lessons/sir/?sir-basic.R0=2`);
  const widget = page.locator('#sir-basic');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', 'done');
  await expect(page.locator('#sir-basic-R0')).toHaveValue('2');
  // KaTeX fonts come from the precache.
  expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);

  await page.goto(`${site.origin}/en/search/?q=herd`);
  await expect(page.locator('.hits a[href="/en/lessons/sir/"]')).toBeVisible();

  await page.goto(`${site.origin}/en/about/`);
  await expect(page.getByText('has not been saved yet')).toBeVisible();
  await expect(page.getByText('/en/about/')).toBeVisible();
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
});

test('“save the whole site” saves every page for offline use', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto(`${site.origin}/ja/offline/`);
  await controlled(page);
  await page.getByRole('button', { name: 'サイト全体を保存', exact: true }).click();
  await expect(page.getByText('サイト全体を保存しました')).toBeVisible({ timeout: 30_000 });
  const { pages } = JSON.parse(readFileSync(join(site.root, 'offline-pages.json'), 'utf8')) as { pages: string[] };
  await expect(page.getByRole('status').first()).toContainText(`${pages.length} ページ中 ${pages.length} ページ`);

  await cutNetwork(page);
  for (const p of pages) {
    const response = await page.goto(`${site.origin}${p}`);
    expect(response?.ok(), p).toBe(true);
    await expect(page.locator('h1').first(), p).toBeVisible();
    await expect(page.getByText('まだ保存されていません').or(page.getByText('has not been saved yet'))).toHaveCount(0);
  }
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
});

test('a new version is announced, applied only when accepted, and complete (saved pages refreshed)', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto(`${site.origin}/en/`);
  await controlled(page);
  await page.goto(`${site.origin}/en/about/`);
  await expect(page.locator('[data-update-banner]')).toBeHidden();

  // Publish a new version: a changed page, and a service worker with a new build id.
  const about = join(site.root, 'en/about/index.html');
  writeFileSync(about, readFileSync(about, 'utf8').replace('</h1>', ' (v2)</h1>'));
  const { buildId } = JSON.parse(readFileSync(join(site.root, 'offline-pages.json'), 'utf8')) as { buildId: string };
  const sw = join(site.root, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replaceAll(buildId, 'v2-test-0000'));

  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const banner = page.locator('[data-update-banner]');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('A new version of Gakusai is ready');
  // Not applied yet: the open page still runs the old version.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toContain('/sw.js');
  expect(await page.locator('h1').first().textContent()).not.toContain('(v2)');

  // Wait for the reload from before the click: a fast reload can finish before a wait set up after it.
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Update now' }).click()]);
  await expect(page.locator('[data-update-banner]')).toBeHidden();
  // The saved copy of the page was refreshed while the new version installed: offline it is v2.
  await cutNetwork(page);
  await page.goto(`${site.origin}/en/about/`);
  await expect(page.locator('h1').first()).toContainText('(v2)');
  const caches = await page.evaluate(() => window.caches.keys());
  expect(caches.filter((c) => c.startsWith('gakusai-pages-'))).toEqual(['gakusai-pages-v2-test-0000']);
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
});
