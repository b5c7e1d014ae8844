/**
 * Seeded random-input fuzzing, after PhET's fuzzer: on every page in both languages, random clicks,
 * key presses, slider moves, drags and typed text (some of it hostile), after a load with hostile
 * URL parameters for every widget. Fails on any console error, uncaught exception, frozen page
 * (the heartbeat stops) or injected markup.
 *
 * `npm test` runs a small fixed-seed pass; `npm run fuzz` a long one (FUZZ_ACTIONS per page for
 * each of FUZZ_SEEDS seeds). A failure prints the seed and the last actions, so it can be replayed.
 */
import { expect, test, type Page } from '@playwright/test';
import { Rng } from '../../simulations/core/rng.ts';
import { allPages, hydrateAll, watchErrors } from './helpers.ts';

const ACTIONS = Number(process.env['FUZZ_ACTIONS'] ?? 40);
const SEEDS = Number(process.env['FUZZ_SEEDS'] ?? 1);
const FIRST_SEED = Number(process.env['FUZZ_SEED'] ?? 1);

/** Values a hostile or careless link or reader might supply. */
const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  "'; window.__pwned=1; //",
  '{{constructor.constructor("window.__pwned=1")()}}',
  'NaN', 'Infinity', '-Infinity', '1e999', '-1e-999', '0x10', '1_000', '', ' ', '-0', '9'.repeat(400),
  '__proto__', 'constructor', '%00', '%E0%A4%A', '\u202e1', '１２３', '3abc', '1e6', '-5', '0.5',
];

/** Interactive elements a reader can reach inside the page (never links that leave it). */
const TARGETS = 'main button:not([disabled]), main input, main select, main summary, main a[href^="#"], main [tabindex="0"]';
const KEYS = ['Tab', 'Shift+Tab', 'Enter', ' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Backspace', '1', '9', 'a'];

/**
 * Keyboard actions may follow a link (Tab to the header, Enter): evaluating during that navigation
 * fails with "execution context destroyed". Wait for the new page and try again.
 */
async function evaluateSettled<T>(page: Page, fn: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('domcontentloaded');
      return await page.evaluate(fn);
    } catch (err) {
      if (attempt >= 3 || !String(err).includes('Execution context was destroyed')) throw err;
    }
  }
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.uniform() * items.length)] as T;
}

async function hostileUrl(page: Page, path: string, rng: Rng): Promise<string> {
  const ids = await page.locator('section.widget[id]').evaluateAll((els) => els.map((e) => e.id));
  const query = new URLSearchParams();
  for (const id of ids) {
    for (const name of ['v', 'seed', 'R0', 'N', 'gamma', 'model', 'tMax', 'vaccinated', 'initialInfected', 'nonsense']) {
      if (rng.uniform() < 0.5) query.set(`${id}.${name}`, pick(rng, HOSTILE));
    }
  }
  return `${path}?${query.toString()}`;
}

async function act(page: Page, rng: Rng, log: string[]): Promise<void> {
  const r = rng.uniform();
  if (r < 0.45) {
    const targets = page.locator(TARGETS);
    const n = await targets.count();
    if (n === 0) return;
    const i = Math.floor(rng.uniform() * n);
    const el = targets.nth(i);
    const kind = await el.evaluate((e) => `${e.tagName.toLowerCase()}${e instanceof HTMLInputElement ? `[${e.type}]` : ''}`);
    if (kind === 'input[text]') {
      const text = pick(rng, HOSTILE);
      log.push(`type ${JSON.stringify(text.slice(0, 30))} into #${i}`);
      await el.fill(text, { timeout: 2000 }).catch(() => undefined);
      await el.press('Enter', { timeout: 2000 }).catch(() => undefined);
    } else if (kind === 'select') {
      const options = await el.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const value = pick(rng, options);
      log.push(`select ${value} in #${i}`);
      await el.selectOption(value, { timeout: 2000 }).catch(() => undefined);
    } else if (kind === 'input[range]') {
      const steps = 1 + Math.floor(rng.uniform() * 20);
      const key = pick(rng, ['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);
      log.push(`slider #${i}: ${key} x${steps}`);
      await el.focus({ timeout: 2000 }).catch(() => undefined);
      for (let k = 0; k < steps; k++) await page.keyboard.press(key);
    } else {
      log.push(`click ${kind} #${i}`);
      await el.click({ timeout: 2000, trial: false }).catch(() => undefined);
    }
  } else if (r < 0.75) {
    const key = pick(rng, KEYS);
    log.push(`key ${key}`);
    await page.keyboard.press(key);
  } else if (r < 0.9) {
    const widgets = page.locator('section.widget');
    const box = (await widgets.count()) > 0 ? await widgets.first().boundingBox({ timeout: 1000 }).catch(() => null) : null;
    const vp = page.viewportSize() ?? { width: 1000, height: 800 };
    const area = box ?? { x: 0, y: 0, width: vp.width, height: vp.height };
    const at = () => ({ x: area.x + rng.uniform() * area.width, y: Math.max(1, Math.min(vp.height - 1, area.y + rng.uniform() * area.height)) });
    const a = at();
    const b = at();
    log.push(`drag ${Math.round(a.x)},${Math.round(a.y)} -> ${Math.round(b.x)},${Math.round(b.y)}`);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 4 });
    await page.mouse.up();
  } else {
    const y = Math.floor(rng.uniform() * 20000);
    log.push(`scroll ${y}`);
    await page.mouse.wheel(0, y - 10000);
  }
}

/**
 * Returns to the page under test after an action followed a link. A link's navigation can still be
 * starting when we ask for ours, and then interrupts it: wait for that one to land and ask again.
 */
async function goBack(page: Page, path: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(path);
      return;
    } catch (err) {
      if (attempt >= 3 || !/interrupted by another navigation/.test(String(err))) throw err;
      await page.waitForLoadState('load');
    }
  }
}

for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
  for (const path of allPages()) {
    test(`fuzz ${path} (seed ${seed}, ${ACTIONS} actions)`, async ({ page, context }) => {
      test.setTimeout(60_000 + ACTIONS * 1_500);
      const rng = Rng.stream(seed, allPages().indexOf(path));
      const { errors } = watchErrors(page);
      const log: string[] = [];
      // Only this site: any other request is refused (and a click on a link that leaves is not made).
      await context.route(/^(?!http:\/\/127\.0\.0\.1:\d+\/)/, (route) => route.abort());
      await page.addInitScript(() => {
        const w = window as unknown as { __beat: number };
        w.__beat = performance.now();
        setInterval(() => (w.__beat = performance.now()), 100);
      });
      page.on('download', (d) => void d.cancel().catch(() => undefined));
      await page.goto(path);
      await page.goto(await hostileUrl(page, path, rng));
      await hydrateAll(page);
      for (let k = 0; k < ACTIONS; k++) {
        await act(page, rng, log);
        if (k % 10 === 9 || k === ACTIONS - 1) {
          await page.waitForLoadState('domcontentloaded');
          if (new URL(page.url()).pathname !== path) {
            log.push(`back to ${path} from ${new URL(page.url()).pathname}`); // a key press followed a link
            await goBack(page, path);
          }
          const stale = await evaluateSettled(page, () => performance.now() - (window as unknown as { __beat: number }).__beat);
          expect(stale, `frozen page after: ${log.slice(-10).join(' | ')}`).toBeLessThan(3000);
        }
      }
      const injected = await evaluateSettled(page, () => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
        markup: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
      }));
      expect(injected, `injected markup (seed ${seed})`).toEqual({ pwned: false, markup: 0 });
      expect(errors, `seed ${seed}, last actions: ${log.slice(-15).join(' | ')}`).toEqual([]);
    });
  }
}
