/**
 * Page budgets, measured with Playwright in Debian's Chromium against the production build:
 * the JavaScript a lesson page loads once every widget (and its worker) is up, and the longest
 * main-thread task — while the page loads, and while a simulation runs and the reader plays with it.
 *
 * Each page gets a fresh browser context (empty cache) and is recorded in a Chromium trace
 * (timeline categories only), which is used afterwards to say what the longest tasks were made of
 * and how much CPU they really used — see trace.ts. The budgets themselves come from the page's
 * own observations (Long Tasks API and a timer heartbeat), not from the trace.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launchOptions } from '../test/browser.ts';
import { errorMessage, type Metric } from './report.ts';
import { describeTask, TRACE_CATEGORIES, TraceIndex, type TaskSummary } from './trace.ts';

export const JS_BUDGET_BYTES = 150_000;
export const LONG_TASK_BUDGET_MS = 50;

const VIEWPORT = { width: 1280, height: 800 };
/** Scrolling: a fraction of the viewport per step, with a pause so IntersectionObserver sees each island. */
const SCROLL_FRACTION = 0.6;
const SCROLL_PAUSE_MS = 120;
const HYDRATION_TIMEOUT_MS = 30_000;
/** The interaction while the first widget runs. */
const DRAG_MS = 2500;
const KEYS_MS = 2500;
const PRESETS = ['fast-spread', 'seir'] as const;
const SETTLE_MS = 1000;

// ---------------------------------------------------------------------------------------------
// In the page

interface Span {
  readonly start: number;
  readonly duration: number;
}
interface ProbeReading {
  readonly tasks: Span[];
  readonly gaps: Span[];
  readonly maxGap: Span;
  readonly beats: number;
  readonly now: number;
}
interface Probe {
  read(): ProbeReading;
  reset(): void;
}

/**
 * Installed before any page script (addInitScript; serialised, so self-contained). Two views of
 * main-thread blocking: the Long Tasks API (tasks ≥ 50 ms, as the browser attributes them) and a
 * setTimeout(0) heartbeat whose gaps show any stretch the thread could not run a task — including
 * tasks under 50 ms, which the Long Tasks API never reports. A timer loop rather than a
 * MessageChannel ping-pong: it costs ~nothing (Chromium clamps nested timers to 4 ms), where a
 * message loop would keep one core busy and slow the page it measures.
 */
export function installProbe(): void {
  const tasks: Span[] = [];
  const gaps: Span[] = [];
  let maxGap: Span = { start: 0, duration: 0 };
  let beats = 0;
  let observer: PerformanceObserver | undefined;
  const take = (entries: PerformanceEntryList) => {
    for (const e of entries) tasks.push({ start: e.startTime, duration: e.duration });
  };
  try {
    observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
  } catch {
    observer = undefined;
  }
  let last = performance.now();
  const beat = () => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    beats++;
    if (gap > maxGap.duration) maxGap = { start: now - gap, duration: gap };
    if (gap > 16) gaps.push({ start: now - gap, duration: gap });
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  const probe: Probe = {
    read: () => {
      if (observer) take(observer.takeRecords());
      return { tasks: tasks.slice(), gaps: gaps.slice(), maxGap, beats, now: performance.now() };
    },
    reset: () => {
      if (observer) observer.takeRecords();
      tasks.length = 0;
      gaps.length = 0;
      maxGap = { start: 0, duration: 0 };
      beats = 0;
    },
  };
  (window as unknown as { __benchProbe: Probe }).__benchProbe = probe;
}

const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.read());
const resetProbe = (page: Page) => page.evaluate(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.reset());

// ---------------------------------------------------------------------------------------------
// JavaScript transferred

export interface JsFile {
  readonly url: string;
  readonly bytes: number;
  readonly gzip: number;
}

/**
 * Records every JavaScript response of the context that the page needs (the page, its chunks, its
 * workers), first one per URL. The offline service worker's own requests are left out: after the
 * first load it downloads every script of the site in the background (about 1.2 MB with fonts
 * and the search index) so the site works offline; that is not what a page costs to show.
 */
function collectJavaScript(ctx: BrowserContext): () => Promise<JsFile[]> {
  const bodies = new Map<string, Promise<Buffer | undefined>>();
  ctx.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    const url = r.url();
    if (r.request().serviceWorker() !== null) return;
    if (!/javascript|ecmascript/i.test(type) || bodies.has(url)) return;
    bodies.set(
      url,
      r.body().catch(async () => {
        // A body Chromium no longer holds (rare for worker requests): fetch it again.
        try {
          return Buffer.from(await (await fetch(url)).arrayBuffer());
        } catch {
          return undefined;
        }
      }),
    );
  });
  return async () => {
    const files: JsFile[] = [];
    for (const [url, p] of bodies) {
      const body = await p;
      if (!body) throw new Error(`could not read ${url}`);
      files.push({ url, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    }
    return files.sort((a, b) => b.gzip - a.gzip);
  };
}

// ---------------------------------------------------------------------------------------------
// Driving the page

const widgetStates = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('section.widget')].map((s) => ({ id: s.id, status: s.getAttribute('data-status') ?? '' })));

/**
 * Scrolls the whole page a little at a time, so every client:visible island comes into view. The
 * loop runs inside the page (one round trip: a busy page answers each evaluate() slowly).
 */
export async function scrollThrough(page: Page): Promise<number> {
  return page.evaluate(
    async ({ fraction, pause }) => {
      let steps = 0;
      while (scrollY + innerHeight < document.documentElement.scrollHeight - 2 && steps < 500) {
        window.scrollBy({ top: Math.round(innerHeight * fraction), behavior: 'instant' });
        steps++;
        await new Promise((r) => setTimeout(r, pause));
      }
      return steps;
    },
    { fraction: SCROLL_FRACTION, pause: SCROLL_PAUSE_MS },
  );
}

/**
 * Waits until no widget is "loading". A widget the scroll went past too fast for the (busy) main
 * thread to notice is brought into view again; how many needed that is reported.
 */
export async function waitHydrated(page: Page): Promise<{ widgets: number; revisited: string[] }> {
  const widgets = (await widgetStates(page)).length;
  if (widgets === 0) throw new Error('no section.widget on the page');
  const revisited: string[] = [];
  const deadline = Date.now() + HYDRATION_TIMEOUT_MS;
  for (;;) {
    const loading = (await widgetStates(page)).filter((w) => w.status === 'loading');
    if (loading.length === 0) return { widgets, revisited };
    if (Date.now() > deadline) throw new Error(`widgets still loading after ${HYDRATION_TIMEOUT_MS / 1000} s: ${loading.map((w) => w.id).join(', ')}`);
    await page.waitForTimeout(500);
    for (const w of (await widgetStates(page)).filter((x) => x.status === 'loading')) {
      if (!revisited.includes(w.id)) revisited.push(w.id);
      await page.locator(`section.widget[id="${w.id}"]`).scrollIntoViewIfNeeded();
      await page.waitForTimeout(SCROLL_PAUSE_MS * 2);
    }
  }
}

interface Phase {
  readonly name: string;
  readonly at: number;
}

function phaseAt(phases: readonly Phase[], t: number): string {
  let name = 'before first action';
  for (const p of phases) if (p.at <= t) name = p.name;
  return name;
}

async function waitStatus(page: Page, widgetId: string, status: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([id, s]) => document.getElementById(id as string)?.getAttribute('data-status') === s,
    [widgetId, status],
    { timeout },
  );
}

/**
 * With the page loaded: plays the first widget, drags its R0 slider back and forth, then moves it
 * with the arrow keys, then switches presets — timing phases in page time so the longest task can
 * be attributed to what the reader was doing.
 */
export async function interact(page: Page, widget: Locator): Promise<Phase[]> {
  const id = (await widget.getAttribute('id')) ?? '';
  const phases: Phase[] = [];
  // Also a performance mark, so a trace of the same run shows the phases.
  const mark = async (name: string) => phases.push({ name, at: await page.evaluate((n) => performance.mark(`bench: ${n}`).startTime, name) });

  await mark('play');
  const toggle = widget.locator('button[data-action="toggle"]');
  if ((await toggle.getAttribute('data-playing')) !== 'true') await toggle.click();
  await waitStatus(page, id, 'running');

  const slider = widget.locator('input[type="range"][id$="-R0"]');
  const box = await slider.boundingBox();
  if (!box) throw new Error('R0 slider not visible');
  const cy = box.y + box.height / 2;
  const xAt = (f: number) => box.x + box.width * f;

  await mark('drag R0 slider');
  await page.mouse.move(xAt(0.1), cy);
  await page.mouse.down();
  const dragEnd = Date.now() + DRAG_MS;
  for (let k = 0; Date.now() < dragEnd; k++) {
    // R0 swept between ≈ 1 and ≈ 7, back and forth.
    await page.mouse.move(xAt(0.05 + 0.3 * (0.5 - 0.5 * Math.cos(k / 10))), cy);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();

  await mark('R0 slider, arrow keys');
  await slider.focus();
  const keysEnd = Date.now() + KEYS_MS;
  for (let k = 0; Date.now() < keysEnd; k++) {
    await page.keyboard.press(k % 40 < 20 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(30);
  }

  const preset = widget.locator('select[id$="-preset"]');
  for (const name of PRESETS) {
    await mark(`preset → ${name}`);
    await preset.selectOption(name);
    await page.waitForTimeout(SETTLE_MS);
  }
  await mark('end');
  return phases;
}

const longest = (spans: readonly Span[]): Span | undefined => spans.reduce<Span | undefined>((a, b) => (!a || b.duration > a.duration ? b : a), undefined);

// ---------------------------------------------------------------------------------------------

export interface PageResults {
  readonly metrics: Metric[];
  readonly chromium: string;
  /** What the longest tasks were made of, from the traces. */
  readonly causes: Cause[];
  /** Per page: the JavaScript files, largest first. */
  readonly files: Record<string, JsFile[]>;
}

export interface PageOptions {
  readonly origin: string;
  readonly paths: readonly string[];
  /** The page whose first widget is played with while the long tasks are timed. */
  readonly interactPath: string;
  /** Where to keep each page's trace (open it in Chrome DevTools → Performance); none: not kept. */
  readonly traceFile?: (path: string) => string;
}

/** Pauses every running widget except `keep`, so exactly one simulation runs while timing. */
async function pauseOthers(page: Page, keep: string): Promise<string[]> {
  const paused: string[] = [];
  for (const w of await widgetStates(page)) {
    if (w.id === keep || w.status !== 'running') continue;
    const toggle = page.locator(`section.widget[id="${w.id}"] button[data-action="toggle"]`);
    if ((await toggle.getAttribute('data-playing')) !== 'true') continue;
    await toggle.click();
    await waitStatus(page, w.id, 'paused').catch(() => undefined);
    paused.push(w.id);
  }
  return paused;
}

interface SpanInTrace {
  /** The longest trace task overlapping the span. */
  readonly task: TaskSummary;
  /** Tasks of ≥ 1 ms overlapping it, and their CPU time together. */
  readonly tasks: number;
  readonly cpu: number;
  readonly text: string;
}

/**
 * What the trace shows during a span measured in the page. A heartbeat gap can cover several
 * tasks: a busy renderer runs input and rendering before timers, so a timer may wait through
 * more than one task.
 */
function traceAt(trace: TraceIndex | undefined, span: Span | undefined): SpanInTrace | undefined {
  if (!trace || !span || span.duration <= 0) return undefined;
  const all = trace.tasksIn(span.start, span.start + span.duration).filter((t) => t.wall >= 1);
  const task = all[0];
  if (!task) return undefined;
  const cpu = all.reduce((sum, t) => sum + t.cpu, 0);
  const text = all.length > 1
    ? `${all.length} tasks in this ${Math.round(span.duration)} ms (${Math.round(cpu)} ms of CPU together); the longest: ${describeTask(task)}`
    : describeTask(task);
  return { task, tasks: all.length, cpu, text };
}

export interface Cause {
  readonly page: string;
  readonly what: string;
  readonly ms: number;
  readonly during: string;
  readonly task: string | undefined;
}

async function measurePage(
  browser: Browser, origin: string, path: string, interactive: boolean, files: Record<string, JsFile[]>, causes: Cause[], traceFile: string | undefined,
): Promise<Metric[]> {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const metrics: Metric[] = [];
  let tracing = false;
  try {
    await ctx.addInitScript(installProbe);
    const jsFiles = collectJavaScript(ctx);
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(errorMessage(e)));
    const failed: string[] = [];
    ctx.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`));
    ctx.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} (${r.status()})`);
    });
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    tracing = true;

    const t0 = Date.now();
    await page.goto(origin + path, { waitUntil: 'load' });
    const scrollSteps = await scrollThrough(page);
    const { widgets, revisited } = await waitHydrated(page).catch((err: unknown) => {
      const why = [...failed.slice(0, 3).map((f) => `failed: ${f}`), ...pageErrors.slice(0, 3).map((e) => `page error: ${e}`)];
      throw new Error([errorMessage(err), ...why].join('; '));
    });
    const hydratedMs = Date.now() - t0;
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    const load = await readProbe(page);
    await page.evaluate(() => performance.mark('bench: hydrated'));
    const runningAfterLoad = (await widgetStates(page)).filter((w) => w.status === 'running').map((w) => w.id);

    const list = await jsFiles();
    files[path] = list;
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')]
        .filter((s) => !s.getAttribute('type') || /module|javascript/.test(s.getAttribute('type') ?? ''))
        .map((s) => s.textContent ?? ''),
    );
    const inlineGzip = inline.reduce((sum, text) => sum + gzipSync(Buffer.from(text), { level: 9 }).length, 0);
    const total = list.reduce((s, f) => s + f.gzip, 0);
    metrics.push({
      id: `page.${path}.jsGzip`, name: `JS after hydration, gzip −9 (${path})`, value: total / 1000, unit: 'kB',
      budget: { kind: 'max', limit: JS_BUDGET_BYTES / 1000 },
      detail: {
        files: list.length, bytes: list.reduce((s, f) => s + f.bytes, 0), gzipBytes: total, widgets, hydratedMs, scrollSteps, revisitedWidgets: revisited,
        inlineScripts: { count: inline.length, gzipBytes: inlineGzip }, pageErrors, list,
      },
    });
    metrics.push({
      id: `page.${path}.inlineJsGzip`, name: `  inline <script> in the HTML, not counted (${path})`, value: inlineGzip / 1000, unit: 'kB',
      detail: { count: inline.length },
    });

    let phases: Phase[] = [];
    let run: ProbeReading | undefined;
    let widgetId = '';
    let paused: string[] = [];
    if (interactive) {
      const widget = page.locator('section.widget').first();
      widgetId = (await widget.getAttribute('id')) ?? '';
      paused = await pauseOthers(page, widgetId);
      await widget.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await resetProbe(page);
      phases = await interact(page, widget);
      run = await readProbe(page);
    }

    tracing = false;
    const traceJson = await browser.stopTracing();
    let trace: TraceIndex | undefined;
    try {
      trace = new TraceIndex(traceJson);
      if (traceFile) writeFileSync(traceFile, traceJson);
    } catch (err) {
      pageErrors.push(`trace: ${errorMessage(err)}`);
    }

    const loadTask = longest(load.tasks);
    const loadValue = Math.max(loadTask?.duration ?? 0, load.maxGap.duration);
    const loadSpan = load.maxGap.duration >= (loadTask?.duration ?? 0) ? load.maxGap : loadTask;
    const loadCause = traceAt(trace, loadSpan);
    causes.push({ page: path, what: 'longest task during load + hydration', ms: loadValue, during: 'load + hydration', task: loadCause?.text });
    metrics.push({
      id: `page.${path}.loadLongestTask`, name: `longest task during load + hydration (${path})`, value: loadValue, unit: 'ms',
      detail: {
        longTaskApi: loadTask?.duration ?? 0, heartbeatGap: load.maxGap.duration, longTasks: load.tasks.length, hydratedMs, runningAfterLoad, pageErrors,
        trace: loadCause,
      },
    });

    if (!run) return metrics;
    const task = longest(run.tasks);
    const gap = run.maxGap;
    const runStart0 = phases[0]?.at ?? 0;
    const runEnd0 = phases.at(-1)?.at ?? run.now;
    // The budget is on a single task. With a trace, its longest task (wall time) is that number
    // exactly; a heartbeat gap can span several back-to-back tasks (Chromium runs input and
    // rendering before timers), so without a trace the larger of the page's own two measures
    // stands in, conservatively.
    const traced = trace?.tasksIn(runStart0, runEnd0) ?? [];
    const longestTraced = traced.reduce<TaskSummary | undefined>((a, b) => (!a || b.wall > a.wall ? b : a), undefined);
    const value = longestTraced ? longestTraced.wall : Math.max(task?.duration ?? 0, gap.duration);
    const span = longestTraced
      ? { start: longestTraced.start, duration: longestTraced.wall }
      : gap.duration >= (task?.duration ?? 0) ? gap : task;
    const during = phaseAt(phases, span?.start ?? 0);
    const runStart = phases[0]?.at ?? 0;
    const runEnd = phases.at(-1)?.at ?? run.now;
    const byPhase: Record<string, { longest: number; over50: number }> = {};
    for (const s of [...run.gaps, ...run.tasks]) {
      const e = (byPhase[phaseAt(phases, s.start)] ??= { longest: 0, over50: 0 });
      e.longest = Math.max(e.longest, s.duration);
    }
    for (const s of run.gaps) if (s.duration > LONG_TASK_BUDGET_MS) (byPhase[phaseAt(phases, s.start)] ??= { longest: 0, over50: 0 }).over50++;
    const runTasks = trace?.tasksIn(runStart, runEnd) ?? [];
    const cause = traceAt(trace, span);
    const mostCpu = runTasks.reduce<TaskSummary | undefined>((a, b) => (!a || b.cpu > a.cpu ? b : a), undefined);
    causes.push({ page: path, what: 'longest task while a simulation runs', ms: value, during, task: cause?.text });
    if (mostCpu) {
      causes.push({ page: path, what: 'most CPU in one task while it runs', ms: mostCpu.cpu, during: phaseAt(phases, mostCpu.start), task: describeTask(mostCpu) });
    }
    const gapsOver = run.gaps.filter((g) => g.duration > LONG_TASK_BUDGET_MS).length;
    metrics.push({
      id: `page.${path}.runLongestTask`, name: `longest task while a simulation runs (${path}#${widgetId})`, value, unit: 'ms',
      budget: { kind: 'max', limit: LONG_TASK_BUDGET_MS },
      detail: {
        during, seconds: (runEnd - runStart) / 1000, phases, byPhase, heartbeats: run.beats, gapsOver50: gapsOver, pausedOtherWidgets: paused,
        longTasks: run.tasks, longestGaps: [...run.gaps].sort((a, b) => b.duration - a.duration).slice(0, 10), trace: cause,
        traceTasksOver50: runTasks.filter((t) => t.wall > LONG_TASK_BUDGET_MS).length, pageErrors,
      },
    });
    if (longestTraced) {
      metrics.push({ id: `page.${path}.runTraceLongest`, name: '  trace: longest task (wall), the number above', value: longestTraced.wall, unit: 'ms', detail: longestTraced });
    }
    metrics.push({ id: `page.${path}.runLongTaskApi`, name: '  Long Tasks API: longest entry', value: task?.duration ?? 0, unit: 'ms', detail: { count: run.tasks.length } });
    metrics.push({
      id: `page.${path}.runHeartbeatGap`, name: '  heartbeat: longest gap between timer callbacks', value: gap.duration, unit: 'ms',
      detail: { gapsOver50: gapsOver, heartbeats: run.beats },
    });
    if (mostCpu) {
      metrics.push({
        id: `page.${path}.runTraceCpu`, name: '  trace: most main-thread CPU time in one task', value: mostCpu.cpu, unit: 'ms',
        detail: mostCpu,
      });
      const frames = runTasks.filter((t) => t.rafCallbacks === 1 && Object.keys(t.events).length === 0).map((t) => t.cpu).sort((a, b) => a - b);
      if (frames.length) {
        metrics.push({
          id: `page.${path}.runFrameCpu`, name: '  trace: main-thread CPU per widget frame (median)', value: frames[frames.length >> 1] as number, unit: 'ms',
          detail: { frames: frames.length, p90: frames[Math.floor(frames.length * 0.9)] },
        });
      }
      const busy = runTasks.reduce((sum, t) => sum + t.cpu, 0) / Math.max(1, runEnd - runStart);
      metrics.push({ id: `page.${path}.runBusy`, name: '  trace: main thread busy (CPU) while it runs', value: 100 * busy, unit: '%' });
      metrics.push({
        id: `page.${path}.runTasksOver50`, name: '  trace: tasks over 50 ms (wall) while it runs', value: runTasks.filter((t) => t.wall > LONG_TASK_BUDGET_MS).length,
        unit: `of ${runTasks.length}`,
      });
    }
    return metrics;
  } finally {
    if (tracing) await browser.stopTracing().catch(() => undefined);
    await ctx.close();
  }
}

/** The ensemble the issue names: 1000 runs of the stochastic SIR model in a population of 10^4. */
export const ENSEMBLE_PATH = '/en/embed/sir-stochastic/?embed.runs=1000&embed.N=10000&embed.R0=2.5';
const ENSEMBLE_TIMEOUT_MS = 120_000;

/**
 * The page while a big ensemble completes in the workers: the longest main-thread task (budget
 * 50 ms, the same probe as above) and how long the 1000 runs took, with the number of workers.
 */
async function measureEnsemble(browser: Browser, origin: string): Promise<Metric[]> {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    await ctx.addInitScript(installProbe);
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(errorMessage(e)));
    await page.goto(origin + ENSEMBLE_PATH, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('embed')?.getAttribute('data-status') === 'running', undefined, { timeout: HYDRATION_TIMEOUT_MS });
    await resetProbe(page);
    const t0 = Date.now();
    await waitStatus(page, 'embed', 'done', ENSEMBLE_TIMEOUT_MS);
    const seconds = (Date.now() - t0) / 1000;
    const reading = await readProbe(page);
    const task = longest(reading.tasks);
    const value = Math.max(task?.duration ?? 0, reading.maxGap.duration);
    // The ensemble computes on all workers but one core's worth (engine-client.ts spreadOverPool).
    const workers = await page.evaluate(() => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2) - 1));
    return [
      {
        id: 'page.ensemble.longestTask', name: 'longest task while 1000 runs of N = 10^4 complete (ensemble widget)', value, unit: 'ms',
        budget: { kind: 'max', limit: LONG_TASK_BUDGET_MS },
        detail: { longTaskApi: task?.duration ?? 0, heartbeatGap: reading.maxGap.duration, longTasks: reading.tasks.length, pageErrors },
      },
      { id: 'page.ensemble.seconds', name: `  time for the 1000 runs on ${workers} worker${workers === 1 ? '' : 's'}`, value: seconds, unit: 's', detail: { workers } },
    ];
  } finally {
    await ctx.close();
  }
}

/** Every page metric; a page that fails becomes error rows, the other pages still run. */
export async function pageMetrics(opts: PageOptions): Promise<PageResults> {
  const browser = await chromium.launch(launchOptions());
  const files: Record<string, JsFile[]> = {};
  const metrics: Metric[] = [];
  const causes: Cause[] = [];
  try {
    for (const path of opts.paths) {
      try {
        metrics.push(...(await measurePage(browser, opts.origin, path, path === opts.interactPath, files, causes, opts.traceFile?.(path))));
      } catch (err) {
        metrics.push({ id: `page.${path}`, name: `page ${path}: measurement failed`, value: null, unit: '', error: errorMessage(err) });
      }
    }
    try {
      metrics.push(...(await measureEnsemble(browser, opts.origin)));
    } catch (err) {
      metrics.push({ id: 'page.ensemble', name: 'ensemble responsiveness: measurement failed', value: null, unit: '', error: errorMessage(err) });
    }
    return { metrics, chromium: browser.version(), files, causes };
  } finally {
    await browser.close();
  }
}
