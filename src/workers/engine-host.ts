/**
 * What runs inside an engine worker: sessions (one engine instance each, driven by a paced loop
 * that pushes frames) and one-shot runs for ensembles. Exposed to the page through Comlink by
 * engine.worker.ts. Kept free of `self` so it can be unit-tested in Node.
 */
import * as Comlink from 'comlink';
import type { AnyEngine, EngineInstance, Frame, SeriesBuffers } from '../../simulations/core/engine.ts';
import { onlyLiveChanged, validateParams } from '../../simulations/core/params.ts';
import { isEngineId, isTaskId, loadEngine, loadTask, type TaskId, type Tasks } from '../../simulations/registry.ts';

/** Aim for about one display frame of computing per tick, so pause and sliders answer at once. */
const TICK_BUDGET_MS = 8;
const TICK_INTERVAL_MS = 16;
/** After a long pause (tab hidden), do not try to catch up all the missed time at once. */
const MAX_TICK_GAP_MS = 100;

export interface FrameMessage {
  readonly frame: Frame;
  /** Incremented on every reset/rebuild, so the page can drop frames of an old run. */
  readonly generation: number;
}

/** A share of an ensemble for one worker: runs of streams `from` … `to − 1`. */
export interface BatchRequest {
  readonly engine: string;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Work per advance() call (the result does not depend on it). */
  readonly chunk: number;
  /** The runs of streams below this also return their series (to draw them); the rest only their summary. */
  readonly curvesBelow: number;
  /** Which series those are. */
  readonly series: readonly string[];
}

export interface BatchResult {
  readonly from: number;
  /** The final summary of each run, in stream order. */
  readonly summaries: Record<string, number>[];
  /** The kept series of the runs with stream < curvesBelow, in stream order. */
  readonly curves: { readonly stream: number; readonly length: number; readonly series: Record<string, Float64Array> }[];
}

export interface SessionCallbacks {
  onFrame(msg: FrameMessage): void;
  onError(message: string): void;
}

export type Clock = () => number;
export type Scheduler = (fn: () => void, ms: number) => unknown;

type Values = Record<string, number | boolean | string>;

export interface Session {
  engine: AnyEngine;
  params: Values;
  seed: number;
  stream: number;
  inst: EngineInstance<Values>;
  callbacks: SessionCallbacks;
  playing: boolean;
  speed: number;
  lastTick: number;
  /**
   * Work owed to the wall clock (speed × work per second × elapsed). An engine may overshoot a
   * budget by part of a step; the debt carries over, so the average pace is what was asked.
   */
  credit: number;
  generation: number;
  spare: SeriesBuffers | undefined;
  /** Identifies the current chain of ticks; pause and play change it, so a stale tick stops. */
  loopToken: number;
  broken: boolean;
  closed: boolean;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class EngineHost {
  /** Open sessions by id (not private: tests inject faults through it). */
  readonly sessions = new Map<number, Session>();
  private readonly now: Clock;
  private readonly schedule: Scheduler;

  constructor(now: Clock, schedule: Scheduler) {
    this.now = now;
    this.schedule = schedule;
  }

  private async engineFor(id: string): Promise<AnyEngine> {
    if (!isEngineId(id)) throw new Error(`unknown engine ${id}`);
    return loadEngine(id);
  }

  /** Params arrive from the page already validated; validate again so a bad message cannot corrupt a run. */
  private checked(engine: AnyEngine, params: Record<string, unknown>): Values {
    const v = validateParams(engine.params, params, engine.crossCheck);
    if (!v.ok) throw new Error(`invalid parameters: ${v.errors.map((e) => `${e.param} (${e.code})`).join(', ')}`);
    return v.params as Values;
  }

  async open(id: number, engineId: string, params: Record<string, unknown>, seed: number, stream: number, callbacks: SessionCallbacks): Promise<void> {
    const engine = await this.engineFor(engineId);
    const clean = this.checked(engine, params);
    const s: Session = {
      engine, params: clean, seed, stream, callbacks,
      inst: engine.create(clean, seed, stream),
      playing: false, speed: 1, lastTick: 0, credit: 0, generation: 0, spare: undefined, loopToken: 0, broken: false, closed: false,
    };
    this.sessions.set(id, s);
    this.push(s);
  }

  /** Answers the page's watchdog: a worker that no longer answers is replaced. */
  ping(): true {
    return true;
  }

  private get(id: number): Session {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`no session ${id}`);
    return s;
  }

  private fail(s: Session, err: unknown): void {
    s.playing = false;
    s.broken = true;
    s.callbacks.onError(errorText(err));
  }

  private push(s: Session): void {
    const frame = s.inst.observe(s.spare);
    s.spare = undefined;
    s.callbacks.onFrame(Comlink.transfer({ frame, generation: s.generation }, transferables(frame)));
  }

  /** Buffers of an old frame, handed back by the page to be filled again. */
  recycle(id: number, buffers: SeriesBuffers): void {
    const s = this.sessions.get(id);
    if (s) s.spare = buffers;
  }

  play(id: number): void {
    const s = this.get(id);
    if (s.broken || s.playing) return;
    s.playing = true;
    s.lastTick = this.now();
    s.credit = 0;
    this.loop(s, ++s.loopToken);
  }

  pause(id: number): void {
    const s = this.get(id);
    s.playing = false;
    s.loopToken++;
  }

  setSpeed(id: number, speed: number): void {
    if (!(speed > 0 && Number.isFinite(speed))) throw new Error('speed must be a positive number');
    this.get(id).speed = speed;
  }

  step(id: number): void {
    const s = this.get(id);
    if (s.broken) return;
    try {
      s.inst.advance(s.engine.workUnit.step);
      this.push(s);
    } catch (err) {
      this.fail(s, err);
    }
  }

  /**
   * Applies new parameters: live ones to the running state, anything structural by rebuilding.
   * Returns which happened and the run's generation, so the page can drop frames of an old run.
   */
  setParams(id: number, params: Record<string, unknown>): { how: 'live' | 'rebuilt'; generation: number } {
    const s = this.get(id);
    const clean = this.checked(s.engine, params);
    const structural = !onlyLiveChanged(s.engine.params, s.params, clean);
    s.params = clean;
    if (structural || s.broken) {
      this.rebuild(s);
      return { how: 'rebuilt', generation: s.generation };
    }
    try {
      s.inst.setLiveParams(clean);
      this.push(s);
    } catch (err) {
      this.fail(s, err);
    }
    return { how: 'live', generation: s.generation };
  }

  /** Starts the run again from its initial state; returns the new generation. */
  reset(id: number, seed?: number): number {
    const s = this.get(id);
    if (seed !== undefined) s.seed = seed;
    this.rebuild(s);
    return s.generation;
  }

  private rebuild(s: Session): void {
    s.generation++;
    s.broken = false;
    try {
      s.inst = s.engine.create(s.params, s.seed, s.stream);
      this.push(s);
    } catch (err) {
      this.fail(s, err);
    }
  }

  close(id: number): void {
    const s = this.sessions.get(id);
    if (s) {
      s.playing = false;
      s.closed = true;
    }
    this.sessions.delete(id);
  }

  /** One paced tick: about TICK_BUDGET_MS of work toward the wall-clock target, then a frame. */
  private loop(s: Session, token: number): void {
    if (!s.playing || s.closed || token !== s.loopToken) return;
    const start = this.now();
    const gap = Math.min(MAX_TICK_GAP_MS, start - s.lastTick);
    s.lastTick = start;
    // Never bank more than one tick's worth: a slow engine runs slower, it does not lurch.
    const perTick = (s.speed * s.engine.workUnit.perSecond * gap) / 1000;
    s.credit = Math.min(s.credit + perTick, perTick);
    // Sub-chunks small enough that the deadline is checked often.
    const chunk = Math.max(s.engine.workUnit.step * 1e-3, s.engine.workUnit.perSecond / 240);
    try {
      let last = { work: 0, done: false, progress: 0 };
      let worked = false;
      while (s.credit > 0 && !last.done && this.now() - start < TICK_BUDGET_MS) {
        last = s.inst.advance(Math.min(chunk, s.credit));
        s.credit -= last.work;
        worked = true;
      }
      if (worked) this.push(s);
      if (last.done) s.playing = false;
    } catch (err) {
      this.fail(s, err);
      return;
    }
    if (s.playing) this.schedule(() => this.loop(s, token), TICK_INTERVAL_MS);
  }

  /** Runs (engine, params, seed, stream) to the end in chunks of `chunk` work and returns the final frame. */
  async runToEnd(engineId: string, params: Record<string, unknown>, seed: number, stream: number, chunk: number): Promise<Frame> {
    const engine = await this.engineFor(engineId);
    const frame = finish(engine.create(this.checked(engine, params), seed, stream), chunk);
    return Comlink.transfer(frame, transferables(frame));
  }

  /** A task (a fit, a share of a bootstrap): it checks its own input; an error comes back to the page. */
  async task<K extends TaskId>(id: K, input: Tasks[K]['input']): Promise<Tasks[K]['output']> {
    if (!isTaskId(id)) throw new Error(`unknown task ${String(id)}`);
    const run = await loadTask(id);
    return run(input);
  }

  /**
   * Runs a batch of an ensemble to the end and returns what a page draws of it: every run's
   * summary, and the series of the first few runs only (a thousand full series would be megabytes
   * nobody looks at).
   */
  async runBatch(req: BatchRequest): Promise<BatchResult> {
    const engine = await this.engineFor(req.engine);
    const params = this.checked(engine, req.params);
    const summaries: Record<string, number>[] = [];
    const curves: BatchResult['curves'][number][] = [];
    for (let stream = req.from; stream < req.to; stream++) {
      const frame = finish(engine.create(params, req.seed, stream), req.chunk);
      summaries.push(frame.summary);
      if (stream < req.curvesBelow) {
        const series: Record<string, Float64Array> = {};
        for (const name of req.series) {
          const s = frame.series[name];
          if (s) series[name] = s.slice(0, frame.length);
        }
        curves.push({ stream, length: frame.length, series });
      }
    }
    const buffers = curves.flatMap((c) => Object.values(c.series).map((a) => a.buffer as ArrayBuffer));
    return Comlink.transfer({ from: req.from, summaries, curves }, buffers);
  }
}

/** A frame's arrays, moved to the page rather than copied. */
function transferables(frame: Frame): ArrayBuffer[] {
  const arrays = [...Object.values(frame.series), ...Object.values(frame.fields ?? {})];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

function finish(inst: EngineInstance<Values>, chunk: number): Frame {
  for (;;) {
    const r = inst.advance(chunk);
    if (r.done) break;
    if (r.work === 0) throw new Error('engine made no progress');
  }
  return inst.observe();
}
