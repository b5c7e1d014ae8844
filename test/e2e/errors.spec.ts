import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers.ts';

test('an engine that throws stops only its own widget; restart brings it back', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/#sir-basic');
  await page.locator('#sir-basic').scrollIntoViewIfNeeded();
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', 'running');
  // Slow it down so it is still running when the fault is injected.
  await page.locator('#sir-basic-speed').selectOption('0.25');
  await page.locator('#sir-near').scrollIntoViewIfNeeded();
  await expect(page.locator('#sir-near')).not.toHaveAttribute('data-status', 'loading');
  // Inject a fault into the first session (sir-basic opened first) inside its worker.
  let injected = false;
  for (const worker of page.workers()) {
    injected ||= await worker.evaluate(() => {
      const host = (self as unknown as { gakusaiHost?: { sessions: Map<number, { inst: { advance: () => never } }> } }).gakusaiHost;
      const first = host && [...host.sessions.entries()].sort((a, b) => a[0] - b[0])[0];
      if (!first || first[0] !== 1) return false;
      first[1].inst.advance = () => {
        throw new Error('injected fault');
      };
      return true;
    });
  }
  expect(injected).toBe(true);
  // It was running, so its next chunk of work throws.
  await page.locator('#sir-basic').scrollIntoViewIfNeeded();
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('#sir-basic').getByRole('alert')).toContainText('injected fault');
  // The neighbour keeps working.
  await page.locator('#sir-near [data-action="reset"]').click();
  await page.locator('#sir-near [data-action="toggle"]').click();
  await expect(page.locator('#sir-near')).toHaveAttribute('data-status', 'running');
  // Restart keeps the reader's settings and runs again.
  await page.locator('#sir-basic [data-action="restart"]').click();
  await expect(page.locator('#sir-basic')).not.toHaveAttribute('data-status', 'error');
  await page.locator('#sir-basic [data-action="toggle"]').click();
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', /running|done/);
  expect(errors).toEqual([]);
});

test('a crashed worker shows an error in its widgets, and restart starts a new worker', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/lessons/sir/#sir-basic');
  await page.locator('#sir-basic').scrollIntoViewIfNeeded();
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', 'running');
  for (const worker of page.workers()) {
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('worker crash');
      });
    });
  }
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', 'error');
  await page.locator('#sir-basic [data-action="restart"]').click();
  await page.locator('#sir-basic [data-action="toggle"]').click();
  await expect(page.locator('#sir-basic')).toHaveAttribute('data-status', /running|done/);
  // The only errors are the crash we caused, reported by the browser.
  expect(errors.filter((e) => !e.includes('worker crash'))).toEqual([]);
});
