/** Shared helpers for the browser tests (run against the production build). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const languages = ['ja', 'en'] as const;

/** Every page of the site in both languages, read from the build (dist/) so new pages are covered. */
export function allPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${url}${e.name}/`);
      else if (e.name === 'index.html') pages.push(url);
    }
  };
  for (const lang of languages) walk(join('dist', lang), `/${lang}/`);
  if (pages.length < 2 * 6) throw new Error(`only ${pages.length} pages in dist/: build the site first (npm run test:e2e does)`);
  return pages.sort();
}

/** Collects console errors and uncaught exceptions; `allow` filters expected ones. */
export function watchErrors(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { errors };
}

/** Scrolls through the page so every client:visible island hydrates, then waits for the widgets. */
export async function hydrateAll(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 500) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const w of await page.locator('section.widget').all()) {
    await expect(w).not.toHaveAttribute('data-status', 'loading');
  }
}

/** The readout value of a summary quantity in a widget, by its label. */
export function readout(page: Page, widget: string, label: string) {
  return page.locator(`#${widget} dl.readout div`).filter({ hasText: label }).locator('dd');
}

/** Scrolls a widget into view and waits until it has hydrated and opened its session. */
export async function ready(page: Page, selector: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await expect(page.locator(selector)).not.toHaveAttribute('data-status', 'loading');
}
