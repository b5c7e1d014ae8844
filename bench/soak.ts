/**
 * `npm run soak`: the heaviest widget plays for SOAK_MINUTES (default 10) in Chromium against the
 * production build, looping and changing parameters, while the page's JS heap (after a forced
 * garbage collection) and its frame times are sampled every SAMPLE_SECONDS. Budgets: heap growth
 * under 10 % from the end of the warm-up to the end, and no trend in frame time (the fitted drift
 * over the run under 10 % of the mean frame interval). Writes bench/out/soak.json; exits 1 when a
 * budget is broken, so it can guard a release.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { launchOptions } from '../test/browser.ts';
import { build, distFreshness, snapshotDist, startPreview } from './site.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out', 'soak.json');
const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 10);
const SAMPLE_SECONDS = 10;
/** Excluded from the trend: caches fill, the JIT settles. */
const WARMUP_SECONDS = Math.min(60, MINUTES * 6);
/**
 * The heaviest widget: the SIR widget on its longest preset (900 days, 1801 points per curve, the
 * most data per frame), alone on its embed page so nothing else disturbs the measurement.
 */
const PAGE = '/en/embed/sir/?embed.preset=near-threshold';
const HEAP_GROWTH_BUDGET = 0.1;
const FRAME_DRIFT_BUDGET = 0.1;

interface Sample {
  t: number;
  heapBytes: number;
  frames: number;
  meanFrameMs: number;
  p95FrameMs: number;
  runsFinished: number;
}

if (!Number.isFinite(MINUTES) || MINUTES <= 0 || MINUTES > 600) {
  console.error(`SOAK_MINUTES must be a number of minutes in (0, 600]; got ${process.env['SOAK_MINUTES']}`);
  process.exit(2);
}

/** Records every animation-frame interval; the soak drains the list at each sample. */
function installFrameProbe(): void {
  const w = window as unknown as { __frames: number[] };
  w.__frames = [];
  let last = performance.now();
  const tick = (now: number) => {
    w.__frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Keeps the widget busy: replays each finished run, alternating R0 so every replay recomputes. */
async function keepPlaying(page: Page, replays: number): Promise<number> {
  const widget = page.locator('section.widget').first();
  const status = await widget.getAttribute('data-status');
  if (status === 'done' || status === 'paused') {
    const r0 = widget.getByRole('textbox', { name: /R₀/ });
    await r0.fill(replays % 2 === 0 ? '1.3' : '1.25');
    await r0.press('Enter');
    await widget.locator('[data-action="toggle"]').click();
    return replays + 1;
  }
  if (status === 'error') throw new Error(`the widget failed during the soak: ${await widget.getByRole('alert').textContent()}`);
  return replays;
}

function fitSlope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

async function main(): Promise<number> {
  const fresh = distFreshness(ROOT);
  if (fresh.stale) {
    console.log(`building: ${fresh.reason}`);
    await build(ROOT);
  }
  const site = mkdtempSync(join(os.tmpdir(), 'gakusai-soak-'));
  await snapshotDist(ROOT, site, ['/en/embed/sir/']);
  const preview = await startPreview(ROOT, 4333, site);
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.addInitScript(installFrameProbe);
    await page.goto(`${preview.origin}${PAGE}`);
    const widget = page.locator('section.widget').first();
    await widget.waitFor();
    await page.waitForFunction(() => document.querySelector('section.widget')?.getAttribute('data-status') !== 'loading');
    // 4× speed: a replay every ~11 s, so a soak exercises hundreds of runs, rebuilds and redraws.
    await widget.locator('select[id$="-speed"]').selectOption('4');
    await widget.locator('[data-action="toggle"]').click();

    const samples: Sample[] = [];
    const start = Date.now();
    let replays = 0;
    let nextSample = start + SAMPLE_SECONDS * 1000;
    console.log(`soak: ${PAGE} for ${MINUTES} min, a sample every ${SAMPLE_SECONDS} s (warm-up ${WARMUP_SECONDS} s)`);
    while (Date.now() - start < MINUTES * 60_000) {
      replays = await keepPlaying(page, replays);
      if (Date.now() >= nextSample) {
        nextSample += SAMPLE_SECONDS * 1000;
        const frames = await page.evaluate(() => {
          const w = window as unknown as { __frames: number[] };
          const f = w.__frames;
          w.__frames = [];
          return f;
        });
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
        const sorted = [...frames].sort((a, b) => a - b);
        const s: Sample = {
          t: (Date.now() - start) / 1000,
          heapBytes: heap,
          frames: frames.length,
          meanFrameMs: frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length),
          p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
          runsFinished: replays,
        };
        samples.push(s);
        console.log(`${s.t.toFixed(0).padStart(5)} s  heap ${(s.heapBytes / 2 ** 20).toFixed(2)} MiB  frame mean ${s.meanFrameMs.toFixed(1)} ms  p95 ${s.p95FrameMs.toFixed(1)} ms  replays ${replays}`);
      }
      await page.waitForTimeout(250);
    }

    const steady = samples.filter((s) => s.t > WARMUP_SECONDS);
    if (steady.length < 6) throw new Error(`only ${steady.length} samples after the warm-up: run longer (SOAK_MINUTES)`);
    const head = steady.slice(0, 3).map((s) => s.heapBytes);
    const tail = steady.slice(-3).map((s) => s.heapBytes);
    const heapGrowth = (median(tail) - median(head)) / median(head);
    const slope = fitSlope(steady.map((s) => s.t), steady.map((s) => s.meanFrameMs));
    const meanFrame = steady.reduce((a, s) => a + s.meanFrameMs, 0) / steady.length;
    const span = steady.at(-1)!.t - steady[0]!.t;
    const frameDrift = (slope * span) / meanFrame;
    const ok = heapGrowth < HEAP_GROWTH_BUDGET && Math.abs(frameDrift) < FRAME_DRIFT_BUDGET;
    const result = {
      date: new Date().toISOString(),
      page: PAGE,
      minutes: MINUTES,
      chromium: browser.version(),
      replays,
      heapGrowth,
      frameDrift,
      meanFrameMs: meanFrame,
      budgets: { heapGrowth: HEAP_GROWTH_BUDGET, frameDrift: FRAME_DRIFT_BUDGET },
      ok,
      samples,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(result, null, 2));
    console.log(`\nheap growth ${(heapGrowth * 100).toFixed(1)} % (budget < ${HEAP_GROWTH_BUDGET * 100} %)  ${heapGrowth < HEAP_GROWTH_BUDGET ? 'ok' : 'OVER'}`);
    console.log(`frame-time drift ${(frameDrift * 100).toFixed(1)} % of the mean ${meanFrame.toFixed(1)} ms (budget |drift| < ${FRAME_DRIFT_BUDGET * 100} %)  ${Math.abs(frameDrift) < FRAME_DRIFT_BUDGET ? 'ok' : 'OVER'}`);
    console.log(`${replays} runs replayed; written to ${OUT.slice(ROOT.length + 1)}`);
    return ok ? 0 : 1;
  } finally {
    await browser.close();
    preview.stop();
    rmSync(site, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
