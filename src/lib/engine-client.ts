/**
 * The page's side of the worker bridge: a small pool of module workers (at most one per core,
 * started on first use) and sessions, each living in one worker. Frames arrive pushed; the newest
 * wins and older ones' buffers go straight back to the worker for reuse. Nothing here needs
 * SharedArrayBuffer, so any static host will do.
 */
import * as Comlink from 'comlink';
import type { Frame } from '../../simulations/core/engine.ts';
import type { TaskId, Tasks } from '../../simulations/registry.ts';
import type { BatchResult, EngineHost, FrameMessage } from '../workers/engine-host.ts';

type Remote = Comlink.Remote<EngineHost>;

interface PoolWorker {
  worker: Worker;
  remote: Remote;
  sessions: Set<Session>;
  /** Rejects when the worker dies: calls still waiting on it race against this, so none hangs. */
  died: Promise<never>;
  /** The interval that pings the worker (see PING_EVERY_MS). */
  watchdog: number;
}

const MAX_WORKERS = 4;
const MIN_FRAME_INTERVAL_MS = 40;
/**
 * The watchdog: a worker with open sessions is pinged this often while the page is visible, and
 * declared dead if it has not answered within the timeout. A worker can stop without an error
 * event (killed by the browser under memory pressure, or closed); its widgets would wait forever.
 * Engines do at most ~8 ms of work between messages, so a healthy worker answers in milliseconds.
 */
const PING_EVERY_MS = 2000;
const PING_TIMEOUT_MS = 6000;

function cores(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
}

/** At most one worker per core (and never more than MAX_WORKERS). */
export function poolSize(): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores()));
}

const pool: PoolWorker[] = [];

function startWorker(): PoolWorker {
  const worker = new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' });
  let kill: (err: Error) => void = () => undefined;
  const died = new Promise<never>((_, reject) => (kill = reject));
  died.catch(() => undefined); // observed by the calls that race against it
  const entry: PoolWorker = { worker, remote: Comlink.wrap<EngineHost>(worker), sessions: new Set(), died, watchdog: 0 };
  // A worker that dies (out of memory, a crash in the engine's module) takes only its own sessions down.
  const die = (message: string) => {
    if (!pool.includes(entry)) return;
    retire(entry);
    kill(new Error(message));
    for (const s of entry.sessions) s.workerDied(message);
  };
  worker.addEventListener('error', (ev) => die(ev instanceof ErrorEvent && ev.message ? ev.message : 'the simulation worker stopped'));
  worker.addEventListener('messageerror', () => die('the simulation worker sent a message that could not be read'));
  entry.watchdog = window.setInterval(() => {
    if (entry.sessions.size === 0 || document.visibilityState !== 'visible') return;
    let timer = 0;
    const late = new Promise<'late'>((resolve) => (timer = window.setTimeout(() => resolve('late'), PING_TIMEOUT_MS)));
    void Promise.race([entry.remote.ping(), late, died])
      .then((r) => {
        if (r === 'late' && document.visibilityState === 'visible') die('the simulation worker stopped responding');
      })
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
  }, PING_EVERY_MS);
  return entry;
}

function retire(entry: PoolWorker): void {
  const i = pool.indexOf(entry);
  if (i >= 0) pool.splice(i, 1);
  clearInterval(entry.watchdog);
  entry.remote[Comlink.releaseProxy]();
  entry.worker.terminate();
}

/** The least busy worker, starting a new one while the pool is below its size. */
function acquire(): PoolWorker {
  const idle = pool.find((w) => w.sessions.size === 0);
  if (idle) return idle;
  if (pool.length < poolSize()) {
    const w = startWorker();
    pool.push(w);
    return w;
  }
  return pool.reduce((a, b) => (b.sessions.size < a.sessions.size ? b : a));
}

let nextSessionId = 1;

export interface SessionHandlers {
  /** Called at most once per display frame with the newest frame. */
  onFrame(frame: Frame): void;
  /** `workerDied`: the whole worker stopped (not this engine's fault); the session is gone. */
  onError(message: string, workerDied?: boolean): void;
}

export interface SessionOptions {
  engine: string;
  params: Record<string, unknown>;
  seed: number;
  stream?: number;
}

export class Session {
  private readonly id = nextSessionId++;
  private readonly host: PoolWorker;
  private readonly handlers: SessionHandlers;
  private generation = 0;
  private pending: Frame | undefined;
  private pendingGeneration = 0;
  private rafHandle = 0;
  private closed = false;
  private lastDelivery = -Infinity;
  /** Off-screen widgets get no frames (their plots would redraw for nobody); the newest waits. */
  private visible = true;
  /** The shortest time between two frames handed to the widget (raised when the device struggles). */
  private minInterval = MIN_FRAME_INTERVAL_MS;

  private constructor(host: PoolWorker, handlers: SessionHandlers) {
    this.host = host;
    this.handlers = handlers;
  }

  static async open(opts: SessionOptions, handlers: SessionHandlers): Promise<Session> {
    const host = acquire();
    const s = new Session(host, handlers);
    host.sessions.add(s);
    const callbacks = Comlink.proxy({
      onFrame: (msg: FrameMessage) => s.receive(msg),
      onError: (message: string) => s.handlers.onError(message),
    });
    try {
      await host.remote.open(s.id, opts.engine, opts.params, opts.seed, opts.stream ?? 0, callbacks);
    } catch (err) {
      host.sessions.delete(s);
      throw err;
    }
    return s;
  }

  /** Keeps only the newest frame and draws it on the next animation frame. */
  private receive(msg: FrameMessage): void {
    if (this.closed) return;
    if (msg.generation < this.generation) {
      void this.host.remote.recycle(this.id, Comlink.transfer(msg.frame.series, buffersOf(msg.frame)));
      return;
    }
    this.generation = msg.generation;
    const older = this.pending;
    this.pending = msg.frame;
    this.pendingGeneration = msg.generation;
    if (older) this.giveBack(older);
    if (!this.rafHandle) this.rafHandle = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.rafHandle = 0;
    const frame = this.pending;
    if (!frame || this.closed || !this.visible) return;
    // Redrawing charts 60 times a second costs more main-thread time than it shows; 25 is smooth.
    const now = performance.now();
    if (now - this.lastDelivery < this.minInterval && !frame.done) {
      this.rafHandle = requestAnimationFrame(() => this.flush());
      return;
    }
    this.lastDelivery = now;
    this.pending = undefined;
    this.handlers.onFrame(frame);
  }

  /** Draw at most one frame per `ms` (the last frame of a run is always delivered at once). */
  setMinFrameInterval(ms: number): void {
    this.minInterval = Math.max(MIN_FRAME_INTERVAL_MS, ms);
  }

  /** Whether the widget is on screen; frames wait (newest only) while it is not. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.pending && !this.rafHandle) this.rafHandle = requestAnimationFrame(() => this.flush());
  }

  /** Hands a frame's buffers back to the worker once the page no longer needs them. */
  giveBack(frame: Frame): void {
    if (this.closed) return;
    void this.host.remote.recycle(this.id, Comlink.transfer(frame.series, buffersOf(frame)));
  }

  workerDied(message: string): void {
    this.closed = true;
    this.handlers.onError(message, true);
  }

  /**
   * A failed call is reported to the widget, which shows it with a restart button; the caller gets
   * undefined rather than a rejection nobody would handle.
   */
  private async call<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await Promise.race([p, this.host.died]);
    } catch (err) {
      // A dead worker has already told the widget (workerDied); do not report it twice.
      if (!this.closed) this.handlers.onError(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  play(): Promise<void | undefined> {
    return this.call(this.host.remote.play(this.id));
  }

  pause(): Promise<void | undefined> {
    return this.call(this.host.remote.pause(this.id));
  }
  step(): Promise<void | undefined> {
    return this.call(this.host.remote.step(this.id));
  }
  setSpeed(speed: number): Promise<void | undefined> {
    return this.call(this.host.remote.setSpeed(this.id, speed));
  }
  async setParams(params: Record<string, unknown>): Promise<'live' | 'rebuilt' | undefined> {
    const r = await this.call(this.host.remote.setParams(this.id, params));
    if (r) this.adopt(r.generation);
    return r?.how;
  }
  async reset(seed?: number): Promise<void> {
    const generation = await this.call(this.host.remote.reset(this.id, seed));
    if (generation !== undefined) this.adopt(generation);
  }

  /** From now on only frames of this run count; a pending frame of an older one is given back. */
  private adopt(generation: number): void {
    if (generation <= this.generation) return;
    this.generation = generation;
    if (this.pending && this.pendingGeneration < generation) {
      this.giveBack(this.pending);
      this.pending = undefined;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    cancelAnimationFrame(this.rafHandle);
    this.host.sessions.delete(this);
    void this.host.remote.close(this.id).catch(() => undefined);
  }
}

function buffersOf(frame: Frame): ArrayBuffer[] {
  return Object.values(frame.series).map((a) => a.buffer as ArrayBuffer);
}

/**
 * Runs k = 0…runs−1 of (engine, params, seed) to the end, spread over the pool. Run k always uses
 * stream k, so the result does not depend on how many workers there are.
 */
export async function runEnsemble(opts: Omit<SessionOptions, 'stream'>, runs: number, chunk: number): Promise<Frame[]> {
  fillPool();
  const jobs = Array.from({ length: runs }, (_, k) => {
    const w = pool[k % pool.length] as PoolWorker;
    return Promise.race([w.remote.runToEnd(opts.engine, opts.params, opts.seed, k, chunk), w.died]);
  });
  return Promise.all(jobs);
}


function fillPool(): void {
  while (pool.length < poolSize()) pool.push(startWorker());
}

export interface EnsemblePlan {
  /** Runs per message to a worker: small enough that results arrive several times a second. */
  readonly batch: number;
  readonly chunk: number;
  /** Runs whose series come back too (streams 0 … curvesBelow − 1), and which series. */
  readonly curvesBelow: number;
  readonly series: readonly string[];
}

export interface PoolJob {
  /** Stops handing out batches; those already running finish and are dropped. */
  cancel(): void;
  /** Settles when every item is done (true) or the job was cancelled (false); rejects if a worker fails. */
  readonly done: Promise<boolean>;
}

/**
 * Items 0 … count−1 in batches spread over the pool (all workers but one core's worth), each
 * worker taking the next batch as soon as it is free; each batch's result goes to `onResult` as it arrives (so out of order). The
 * caller makes each item's result independent of which worker computes it (its own stream).
 */
function spreadOverPool<T>(count: number, batch: number, call: (remote: Remote, from: number, to: number) => Promise<T>, onResult: (result: T, from: number, to: number) => void): PoolJob {
  fillPool();
  let next = 0;
  let cancelled = false;
  const lane = async (w: PoolWorker): Promise<void> => {
    while (!cancelled && next < count) {
      const from = next;
      const to = Math.min(count, from + batch);
      next = to;
      const result = await Promise.race([call(w.remote, from, to), w.died]);
      if (!cancelled) onResult(result, from, to);
    }
  };
  // One core stays free for the page: with every core computing, the main thread waits its turn
  // and the page stutters (a 2-core machine showed 64 ms gaps with both workers busy).
  const lanes = pool.slice(0, Math.max(1, Math.min(pool.length, cores() - 1)));
  const done = Promise.all(lanes.map(lane)).then(
    () => !cancelled,
    (err: unknown) => {
      cancelled = true; // the other lanes stop after their current batch
      throw err;
    },
  );
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}

/**
 * Runs streams 0 … runs−1 of (engine, params, seed) over the pool (see spreadOverPool). Every run
 * uses its own stream, so the set of results is the same whatever the number of workers.
 */
export function streamEnsemble(opts: Omit<SessionOptions, 'stream'>, runs: number, plan: EnsemblePlan, onBatch: (result: BatchResult) => void): PoolJob {
  return spreadOverPool(
    runs,
    plan.batch,
    (remote, from, to) => remote.runBatch({ ...opts, from, to, chunk: plan.chunk, curvesBelow: plan.curvesBelow, series: plan.series }),
    onBatch,
  );
}

/** One task (a fit) on the least busy worker. */
export async function runTask<K extends TaskId>(id: K, input: Tasks[K]['input']): Promise<Tasks[K]['output']> {
  const w = acquire();
  return Promise.race([w.remote.task(id, input), w.died]) as Promise<Tasks[K]['output']>;
}

/** A task over items 0 … count−1 (the samples of a bootstrap) in batches over the pool. */
export function spreadTask<K extends TaskId>(
  id: K,
  count: number,
  batch: number,
  inputFor: (from: number, to: number) => Tasks[K]['input'],
  onResult: (result: Tasks[K]['output'], from: number, to: number) => void,
): PoolJob {
  return spreadOverPool(count, batch, (remote, from, to) => remote.task(id, inputFor(from, to)) as Promise<Tasks[K]['output']>, onResult);
}
