/** The glossary: every term a lesson links exists on the glossary page; Japanese terms carry readings. */
import { expect, test } from '@playwright/test';
import { languages } from './helpers.ts';

for (const lang of languages) {
  test(`${lang}: every glossary link in the lesson lands on its entry`, async ({ page }) => {
    await page.goto(`/${lang}/lessons/sir/`);
    const links = await page.locator('a.term').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(links.length).toBeGreaterThan(15);
    if (lang === 'ja') expect(await page.locator('a.term ruby rt').count()).toBeGreaterThan(5);
    await page.goto(`/${lang}/glossary/`);
    for (const href of new Set(links)) {
      const [path, id] = href.split('#');
      expect(path).toBe(`/${lang}/glossary/`);
      await expect(page.locator(`[id="${id}"] dt`)).toBeVisible();
    }
    // Each entry links back to the lessons that use it (the SIR model's entry to the SIR lesson).
    await expect(page.locator('[id="sir-model"]').locator(`a[href="/${lang}/lessons/sir/"]`)).toBeVisible();
  });
}
