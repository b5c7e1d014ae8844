import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { allPages, hydrateAll } from './helpers.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  // KaTeX's visual layer is aria-hidden (readers get its MathML) and inherits the body colours;
  // skipping its thousands of spans keeps the check fast without hiding anything readers meet.
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const path of allPages()) {
  test(`${path} has no serious or critical axe violation, in the light and the dark theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await hydrateAll(page);
    // Open the collapsible parts so their content is checked too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await seriousViolations(page), 'light theme').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page), 'dark theme').toEqual([]);
  });
}
