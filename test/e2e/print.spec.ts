/**
 * Teacher material on paper: the worksheet and the lesson print on A4 with no navigation or
 * controls, each live widget replaced by the figure of its preset state.
 */
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { hydrateAll, languages } from './helpers.ts';

for (const lang of languages) {
  // Every lesson in the build, and its worksheet.
  const slugs = readdirSync(`dist/${lang}/lessons`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const path of slugs.flatMap((slug) => [`/${lang}/lessons/${slug}/worksheet/`, `/${lang}/lessons/${slug}/`])) {
    test(`${path} prints as clean A4 pages with figures in place of widgets`, async ({ page }) => {
      await page.goto(path);
      await hydrateAll(page);
      const widgets = await page.locator('.live-widget').count();
      // Every lesson has widgets; a worksheet may be questions only.
      if (!path.endsWith('/worksheet/')) expect(widgets).toBeGreaterThan(0);
      // On screen: live widgets, no static figures.
      if (widgets > 0) await expect(page.locator('.preset-figure').first()).toBeHidden();

      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.preset-figure')).toHaveCount(widgets);
      for (const f of await page.locator('.preset-figure').all()) {
        await expect(f).toBeVisible();
        // Each figure has its charts (or, for the instrument, its table of notes), each chart with a
        // text alternative, and names its settings.
        const charts = await f.locator('[role="img"] svg').count();
        expect(charts + (await f.locator('table').count())).toBeGreaterThan(0);
        for (const img of await f.locator('[role="img"]').all()) expect((await img.getAttribute('aria-label'))?.length).toBeGreaterThan(20);
        await expect(f.locator('figcaption')).toContainText(' = ');
      }
      for (const gone of ['.site-header', '.site-footer', '.live-widget', '.no-print']) {
        for (const el of await page.locator(gone).all()) await expect(el).toBeHidden();
      }

      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const text = pdf.toString('latin1');
      // Every page is A4 (595.3 × 841.9 pt; Chromium rounds to whole CSS pixels) and the worksheet
      // stays a handout, not a book.
      const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const [w, h] of boxes) {
        expect(Math.abs(w! - 595.3)).toBeLessThan(1.5);
        expect(Math.abs(h! - 841.9)).toBeLessThan(1.5);
      }
      if (path.endsWith('/worksheet/')) expect(boxes.length).toBeLessThanOrEqual(8);
    });
  }
}
