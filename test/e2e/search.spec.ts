/** Site search: each language finds its own lessons, the query is in the URL, nothing breaks. */
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers.ts';

const cases = [
  { lang: 'en', q: 'herd immunity', lesson: '/en/lessons/sir/' },
  { lang: 'ja', q: '集団免疫', lesson: '/ja/lessons/sir/' },
  { lang: 'ja', q: '感染', lesson: '/ja/lessons/sir/' },
] as const;

for (const c of cases) {
  test(`${c.lang}: searching “${c.q}” finds the lesson and highlights the words`, async ({ page }) => {
    const { errors } = watchErrors(page);
    await page.goto(`/${c.lang}/`);
    await page.getByRole('navigation').getByRole('link', { name: c.lang === 'en' ? 'Search' : '検索' }).click();
    await page.getByRole('searchbox').fill(c.q);
    const hit = page.locator('.hits li').filter({ has: page.locator(`a[href="${c.lesson}"]`) });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toBeVisible();
    expect(new URL(page.url()).searchParams.get('q')).toBe(c.q);
    // A reload (or a shared link) repeats the search.
    await page.reload();
    await expect(hit).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('a search with no match says so', async ({ page }) => {
  const { errors } = watchErrors(page);
  // Pagefind also returns pages holding a one-letter word that starts the query (a lone “Q” or “z”
  // in a formula), so the nonsense word starts with a letter no page uses on its own.
  await page.goto('/en/search/?q=%C3%BEqwxzj');
  await expect(page.getByRole('status')).toContainText('Nothing found for “þqwxzj”');
  expect(errors).toEqual([]);
});

test('hostile input in the URL stays text', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto(`/en/search/?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await expect(page.getByRole('status')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('excerpts keep the spaces around a highlighted word', async ({ page }) => {
  await page.goto('/en/search/?q=herd');
  const excerpt = page.locator('.hits li').filter({ has: page.locator('a[href="/en/lessons/sir/"]') }).locator('p');
  await expect(excerpt).toContainText(/Herd immunity/i);
});
