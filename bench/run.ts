/**
 * `npm run bench`: engine throughput (Node, single thread) and page budgets (Playwright + Chromium
 * against the production build). Prints one table, writes bench/out/latest.json, and always exits
 * 0 — a benchmark reports "OVER", it never fails a build. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineMetrics, MIN_REP_SECONDS, REPS } from './engines.ts';
import { pageMetrics, type Cause, type JsFile } from './page.ts';
import { fieldCurveMetric, workletRenderMetric } from './theremin.ts';
import { errorMessage, formatValue, metricsTable, statusOf, table, type Metric } from './report.ts';
import { build, distFreshness, snapshotDist, startPreview, type Preview } from './site.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out', 'latest.json');
const PORT = 4331;
const PAGES = ['/en/lessons/sir/', '/ja/lessons/sir/', '/en/lessons/outbreaks/', '/ja/lessons/outbreaks/', '/en/lessons/theremin/', '/ja/lessons/theremin/'] as const;
/** Served but not measured as a lesson: the ensemble widget alone (see page.ts measureEnsemble). */
const ENSEMBLE_PAGE = '/en/embed/sir-stochastic/';
const INTERACT_PAGE = '/en/lessons/sir/';
/** A stuck browser or server must not hang a build: report what there is and leave. */
const WATCHDOG_MS = 8 * 60_000;

const started = new Date();
const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
const metrics: Metric[] = [];
const files: Record<string, JsFile[]> = {};
const causes: Cause[] = [];
const notes: string[] = [];
let chromiumVersion: string | undefined;
let preview: Preview | undefined;
/** The copy of dist/ the preview server serves (a temporary directory). */
let site: string | undefined;
let finished = false;

function removeSite(): void {
  if (site) rmSync(site, { recursive: true, force: true });
  site = undefined;
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion ?? null,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function report(): void {
  if (finished) return;
  finished = true;
  preview?.stop();
  removeSite();
  const m = machine();
  log('');
  log(`Gakusai benchmarks — ${started.toISOString()}${gitCommit() ? ` — commit ${gitCommit()}` : ''}`);
  log(`${m.cpu}, ${m.cores} cores, load ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd.join(' ')}; Node ${m.node}; Chromium ${m.chromium ?? 'n/a'}`);
  log('');
  log(metricsTable(metrics));

  // Only numbers measured in repetitions have a spread (a network's build time is measured once).
  const repsOf = (x: Metric) => ((x.detail as { reps?: number[] } | undefined)?.reps ?? []).filter(Number.isFinite);
  const spread = metrics.filter((x) => x.id.startsWith('engine.') && x.value !== null && repsOf(x).length > 0);
  if (spread.length) {
    log('');
    log(`Engine repetitions (${REPS} × ≥ ${MIN_REP_SECONDS} s after a warm-up, or as the row says; the table shows the median):`);
    log(table(['name', 'min', 'median', 'max', 'unit'], spread.map((x) => {
      const reps = repsOf(x);
      return [x.name, formatValue(Math.min(...reps)), formatValue(x.value as number), formatValue(Math.max(...reps)), x.unit];
    }), [1, 2, 3]));
  }
  for (const [path, list] of Object.entries(files)) {
    log('');
    log(`Largest JavaScript files on ${path} (of ${list.length}):`);
    log(table(['file', 'bytes', 'gzip −9'], list.slice(0, 5).map((f) => [new URL(f.url).pathname, f.bytes.toLocaleString('en-US'), f.gzip.toLocaleString('en-US')]), [1, 2]));
  }
  if (causes.length) {
    log('');
    log('What the longest tasks were made of (from a Chromium trace of the same run; self times):');
    for (const c of causes) {
      log(`- ${c.page} ${c.what}: ${formatValue(c.ms)} ms, during ${c.during}`);
      log(`    ${c.task ?? 'no trace task found at that time'}`);
    }
  }
  const busy = machine().loadAverageAtStart[0] ?? 0;
  if (busy > os.availableParallelism()) {
    notes.push(`the machine was busy (load average ${busy} on ${os.availableParallelism()} cores): wall-clock times are inflated; compare CPU times`);
  }
  const errors = metrics.filter((x) => x.error);
  for (const e of errors) log(`error: ${e.name}: ${e.error}`);
  for (const n of notes) log(`note: ${n}`);
  const over = metrics.filter((x) => statusOf(x) === 'OVER');
  log('');
  log(over.length ? `OVER budget: ${over.map((x) => x.name).join('; ')}` : errors.length ? 'No budget exceeded (some measurements failed).' : 'All budgets met.');

  try {
    mkdirSync(dirname(OUT), { recursive: true });
    const json = {
      date: started.toISOString(),
      durationSeconds: (Date.now() - started.getTime()) / 1000,
      commit: gitCommit() ?? null,
      machine: m,
      metrics: metrics.map((x) => ({ ...x, status: statusOf(x) })),
      notes,
    };
    writeFileSync(OUT, `${JSON.stringify(json, null, 2)}\n`);
    log(`Wrote ${relative(process.cwd(), OUT)} (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s).`);
  } catch (err) {
    log(`could not write ${OUT}: ${errorMessage(err)}`);
  }
}

async function main(): Promise<void> {
  log('Engine throughput (single thread, Node)…');
  metrics.push(...(await engineMetrics()));
  metrics.push(await fieldCurveMetric());

  log('Page budgets (Playwright + Chromium, production build)…');
  try {
    const fresh = distFreshness(ROOT);
    if (fresh.stale) {
      log(`Building: ${fresh.reason}.`);
      try {
        await build(ROOT);
      } catch (err) {
        // Another `astro build` in the same checkout (a test run) empties dist/ under ours: once more.
        log(`${errorMessage(err)}; building again in 5 s.`);
        await new Promise((r) => setTimeout(r, 5000));
        await build(ROOT);
      }
      notes.push(`built dist/ first (${fresh.reason})`);
    }
    // Outside the repository: built JavaScript under bench/ would be linted and type-checked.
    site = mkdtempSync(join(os.tmpdir(), 'gakusai-bench-site-'));
    await snapshotDist(ROOT, site, [...PAGES, ENSEMBLE_PAGE]);
    preview = await startPreview(ROOT, PORT, site);
    if (preview.port !== PORT) notes.push(`port ${PORT} was taken; served on ${preview.port}`);
    const pages = await pageMetrics({
      origin: preview.origin, paths: PAGES, interactPath: INTERACT_PAGE,
      traceFile: (path) => join(dirname(OUT), `trace${path.replace(/\/$/, '').replaceAll('/', '-')}.json`),
    });
    metrics.push(...pages.metrics);
    metrics.push(await workletRenderMetric(preview.origin));
    causes.push(...pages.causes);
    Object.assign(files, pages.files);
    chromiumVersion = pages.chromium;
  } catch (err) {
    metrics.push({ id: 'page', name: 'page budgets: not measured', value: null, unit: '', error: errorMessage(err) });
  } finally {
    preview?.stop();
    removeSite();
  }
}

// Whatever goes wrong, the exit status is 0 and the table says what was (not) measured.
process.on('unhandledRejection', (err) => notes.push(`unhandled: ${errorMessage(err)}`));
setTimeout(() => {
  metrics.push({ id: 'watchdog', name: `stopped after ${WATCHDOG_MS / 60_000} min`, value: null, unit: '', error: 'watchdog' });
  report();
  process.exit(0);
}, WATCHDOG_MS).unref();

try {
  await main();
} catch (err) {
  metrics.push({ id: 'bench', name: 'benchmark run', value: null, unit: '', error: errorMessage(err) });
}
report();
process.exit(0);
