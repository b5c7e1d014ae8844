/**
 * A widget that runs an ensemble: R runs (streams 0 … R−1 of one seed) of a stochastic engine,
 * computed in batches over the worker pool while the page shows them filling in. Keeps every
 * run's summary (for histograms and statistics) and the series of the first few runs (to draw).
 * The number of runs is one more parameter, `runs`, so it lives in the URL and the CLI line
 * (`npm run sim -- <engine> --runs=R`) like the others.
 */
import type { AnySpec } from '../../simulations/core/engine.ts';
import type { ParamSchema } from '../../simulations/core/params.ts';
import type { BatchResult } from '../workers/engine-host.ts';
import type { Lang } from '../i18n/index.ts';
import { ensembleToCsv } from './csv.ts';
import { streamEnsemble, type PoolJob } from './engine-client.ts';
import { ParamModel, type Values } from './param-model.svelte.ts';

export type EnsembleStatus = 'loading' | 'running' | 'done' | 'error';

export const MAX_RUNS = 1000;

/** The engine's spec with `runs` added to its parameters, every parameter restarting the ensemble. */
export function withRuns(spec: AnySpec, defaultRuns: number): AnySpec {
  // Any change starts the runs again (none is applied to runs in progress), and the controls say so.
  const params: ParamSchema = {
    ...Object.fromEntries(Object.entries(spec.params as ParamSchema).map(([k, p]) => [k, { ...p, live: false }])),
    runs: { kind: 'integer', default: defaultRuns, min: 1, max: MAX_RUNS, step: 1, unit: '', label: 'ensemble.runs', live: false },
  };
  return { ...spec, params };
}

export interface EnsembleCurve {
  readonly stream: number;
  readonly length: number;
  readonly series: Record<string, Float64Array>;
}

/**
 * About this many events per batch (a few tens of milliseconds of a worker's time): results arrive
 * several times a second, and a batch never holds up a worker for long.
 */
const EVENTS_PER_BATCH = 1.5e6;
const MAX_BATCH = 50;
/**
 * Results reach the page at most this often: every update redraws two charts (tens of
 * milliseconds), and a fast ensemble would otherwise redraw for each of dozens of batches.
 */
const PUBLISH_EVERY_MS = 250;
/** Wait this long after the last change before starting the runs again (a slider being dragged). */
const RESTART_DELAY_MS = 150;

export class EnsembleController extends ParamModel {
  status = $state<EnsembleStatus>('loading');
  error = $state<string | undefined>(undefined);
  /** Summaries by stream (holes for runs not in yet). Replaced, never mutated, so views update. */
  summaries = $state.raw<(Record<string, number> | undefined)[]>([]);
  completed = $state(0);
  curves = $state.raw<EnsembleCurve[]>([]);

  private job: PoolJob | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Results received but not yet shown (see PUBLISH_EVERY_MS). */
  private inbox: BatchResult[] = [];
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly curveCount: number;
  private readonly curveSeries: readonly string[];
  /** The events of one run, roughly, for sizing batches (e.g. 2 × people ever infected). */
  private readonly eventsPerRun: (params: Values) => number;

  constructor(opts: {
    spec: AnySpec;
    lang: Lang;
    widgetId: string;
    preset: string | undefined;
    defaultRuns: number;
    curveCount: number;
    curveSeries: readonly string[];
    eventsPerRun: (params: Values) => number;
  }) {
    super(withRuns(opts.spec, opts.defaultRuns), opts.lang, opts.widgetId, opts.preset, opts.spec.id);
    this.curveCount = opts.curveCount;
    this.curveSeries = opts.curveSeries;
    this.eventsPerRun = opts.eventsPerRun;
  }

  get runs(): number {
    return Number(this.params['runs']);
  }

  /** The summaries that are in, in stream order. */
  get finished(): Record<string, number>[] {
    return this.summaries.filter((s): s is Record<string, number> => s !== undefined);
  }

  start(): void {
    this.applyUrl(location.search);
    this.run();
  }

  /** The engine's own parameters (without `runs`). */
  engineParams(): Values {
    const p = this.plainParams();
    delete p['runs'];
    return p;
  }

  /** Drops the runs so far and starts the ensemble again with the current settings. */
  run(): void {
    clearTimeout(this.timer);
    this.job?.cancel();
    this.dropInbox();
    const runs = this.runs;
    this.summaries = new Array<Record<string, number> | undefined>(runs).fill(undefined);
    this.curves = [];
    this.completed = 0;
    this.error = undefined;
    this.status = 'running';
    const params = this.engineParams();
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(EVENTS_PER_BATCH / Math.max(1, this.eventsPerRun(params)))));
    const job = streamEnsemble(
      { engine: this.engineId, params, seed: this.seed },
      runs,
      { batch, chunk: 1e6, curvesBelow: this.curveCount, series: this.curveSeries },
      (r) => this.receive(r),
    );
    this.job = job;
    job.done.then(
      (complete) => {
        if (this.job !== job || !complete) return;
        this.publish();
        this.status = 'done';
      },
      (err: unknown) => {
        if (this.job !== job) return;
        this.status = 'error';
        this.error = (err instanceof Error ? err.message : String(err)).replace(/[.。]\s*$/, '');
      },
    );
  }

  private receive(r: BatchResult): void {
    this.inbox.push(r);
    this.publishTimer ??= setTimeout(() => this.publish(), PUBLISH_EVERY_MS);
  }

  /** Shows what has arrived: one update of the summaries (and of the curves, if any came). */
  private publish(): void {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    if (this.inbox.length === 0) return;
    const summaries = this.summaries.slice();
    const curves: EnsembleCurve[] = [];
    for (const r of this.inbox) {
      r.summaries.forEach((s, i) => (summaries[r.from + i] = s));
      this.completed += r.summaries.length;
      curves.push(...r.curves);
    }
    this.inbox = [];
    this.summaries = summaries;
    if (curves.length > 0) this.curves = [...this.curves, ...curves].sort((a, b) => a.stream - b.stream);
  }

  private dropInbox(): void {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.inbox = [];
  }

  /** Runs again shortly, so dragging a slider restarts once it rests, not on every pixel. */
  private runSoon(): void {
    clearTimeout(this.timer);
    this.job?.cancel();
    this.dropInbox();
    this.timer = setTimeout(() => this.run(), RESTART_DELAY_MS);
  }

  setParam(name: string, value: unknown): boolean {
    if (!this.acceptParam(name, value)) return false;
    this.runSoon();
    return true;
  }

  applyPreset(name: string): void {
    const runs = this.params['runs'];
    this.acceptPreset(name);
    // A preset names a situation, not how many times to try it: keep the reader's number of runs.
    this.params = { ...this.params, runs: runs as number };
    this.run();
  }

  setSeed(seed: number): boolean {
    if (!this.acceptSeed(seed)) return false;
    this.run();
    return true;
  }

  /** The statistics of the runs that are in (all of them once done), by the engine's own rule. */
  statistics(): Record<string, number> | undefined {
    const done = this.finished;
    if (done.length === 0 || !this.spec.ensemble) return undefined;
    return this.spec.ensemble.aggregate(done, this.engineParams());
  }

  csv(): string | undefined {
    const stats = this.statistics();
    if (!stats) return undefined;
    const partial = this.status !== 'done' ? ` (${this.completed} of ${this.runs} runs finished)` : '';
    return ensembleToCsv({ engine: this.spec, params: this.engineParams(), seed: this.seed, runs: this.finished, statistics: stats, generator: `${location.href}${partial}` });
  }

  override destroy(): void {
    super.destroy();
    clearTimeout(this.timer);
    this.dropInbox();
    this.job?.cancel();
  }
}
