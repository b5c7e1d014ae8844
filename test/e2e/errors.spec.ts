import { expect, test, type Page } from '@playwright/test';
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

/** The lesson's first widget, playing at a quarter speed so that it is still running when a fault comes. */
async function slowBasicWidget(page: Page) {
  await page.goto('/en/lessons/sir/#sir-basic');
  const widget = page.locator('#sir-basic');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('#sir-basic-speed').selectOption('0.25');
  await expect(widget).toHaveAttribute('data-status', 'running');
  return widget;
}

test('a crashed worker is replaced in place: the widget restarts by itself, then shows an error if it happens again', async ({ page }) => {
  const { errors } = watchErrors(page);
  const widget = await slowBasicWidget(page);
  await page.locator('#sir-basic-R0').fill('3');
  await page.locator('#sir-basic-R0').press('Enter');
  const crash = async () => {
    for (const worker of page.workers()) {
      await worker.evaluate(() => {
        setTimeout(() => {
          throw new Error('worker crash');
        });
      });
    }
  };
  await crash();
  // Recovered in place: a notice, the reader's settings kept, running again.
  await expect(widget.getByText('worker stopped, so it was started again')).toBeVisible();
  await expect(page.locator('#sir-basic-R0')).toHaveValue('3');
  await expect(widget).toHaveAttribute('data-status', /running|done/);
  // A second crash soon after is not retried forever: an error with a restart button.
  await crash();
  await expect(widget).toHaveAttribute('data-status', 'error');
  await widget.locator('[data-action="restart"]').click();
  await widget.locator('[data-action="toggle"]').click();
  await expect(widget).toHaveAttribute('data-status', /running|done/);
  await expect(page.locator('#sir-basic-R0')).toHaveValue('3');
  // The only errors are the crashes we caused, reported by the browser.
  expect(errors.filter((e) => !e.includes('worker crash'))).toEqual([]);
});

test('a worker that stops silently (killed, no error event) is noticed by the watchdog and replaced', async ({ page }) => {
  const { errors } = watchErrors(page);
  const widget = await slowBasicWidget(page);
  for (const worker of page.workers()) await worker.evaluate(() => setTimeout(() => self.close()));
  await expect(widget.getByText('worker stopped, so it was started again')).toBeVisible({ timeout: 20_000 });
  await expect(widget).toHaveAttribute('data-status', /running|done/);
  expect(errors).toEqual([]);
});

test('a setting that would need too much memory is refused with a message, from a control or a link', async ({ page }) => {
  const { errors } = watchErrors(page);
  // From a link: the notice names the parameter and the limit; the widget runs the preset instead.
  await page.goto('/en/lessons/sir/?sir-basic.tMax=3650&sir-basic.outputInterval=0.01#sir-basic');
  const widget = page.locator('#sir-basic');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toContainText('at most 100,000 points per curve');
  await expect(widget).not.toHaveAttribute('data-status', 'error');
  await expect(widget).toHaveAttribute('data-status', /running|done|paused/);
  // From a control: with a fine output interval, a decade-long Duration is refused beside the control
  // and not applied; the run keeps going with the last good settings.
  await page.goto('/en/lessons/sir/?sir-basic.outputInterval=0.01#sir-basic');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', /running|done|paused/);
  const duration = widget.getByRole('textbox', { name: /^Duration/ });
  await duration.fill('3650');
  await duration.press('Enter');
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await expect(widget).toContainText('at most 100,000 points per curve');
  await expect(widget).not.toHaveAttribute('data-status', 'error');
  expect(errors).toEqual([]);
});
