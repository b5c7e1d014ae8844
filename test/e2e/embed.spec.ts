import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './helpers.ts';

test('a widget embeds at its own URL, with a preset from the link, and gives its embed code', async ({ page, context }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/');
  await ready(page, '#sir-herd');
  await page.locator('#sir-herd [data-action="copy-embed"]').click();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/en\/embed\/sir\/\?embed\.v=1&amp;[^"]*embed\.vaccinated=0\.6[^"]*" title="SIR epidemic simulation"/);
  const src = code.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&');

  const embedded = await context.newPage();
  const embeddedErrors = watchErrors(embedded).errors;
  await embedded.goto(src);
  await ready(embedded, '#embed');
  await expect(embedded.locator('#embed').getByRole('textbox', { name: /Vaccinated/ })).toHaveValue('0.6');
  await expect(embedded.locator('header, footer')).toHaveCount(0);
  await expect(embedded.getByRole('link', { name: /From the lesson/ })).toHaveAttribute('href', '/en/lessons/sir/');

  // A preset named in the link, with an explicit override; an unknown preset gives a notice.
  await embedded.goto('/ja/embed/sir/?embed.preset=seir&embed.R0=3');
  await ready(embedded, '#embed');
  await expect(embedded.locator('#embed-preset')).toHaveValue('');
  await expect(embedded.locator('#embed input[type="radio"][value="SEIR"]')).toBeChecked();
  await expect(embedded.locator('#embed').getByRole('textbox', { name: /基本再生産数/ })).toHaveValue('3');
  await embedded.goto('/en/embed/sir/?embed.preset=%3Cb%3Ex');
  await ready(embedded, '#embed');
  await expect(embedded.locator('#embed .notice')).toContainText('<b>x');
  expect(await embedded.locator('#embed b').count()).toBe(0);
  expect([...errors, ...embeddedErrors]).toEqual([]);
});
