/**
 * Engine throughput in each engine's own work unit, single thread, in this Node process.
 *
 * Every workload is timed as repetitions: a repetition calls the workload again and again until at
 * least MIN_REP_SECONDS of wall-clock time have passed, and its rate is work done / time taken.
 * One untimed repetition warms the JIT up first; the reported number is the median of REPS timed
 * repetitions (all of them are kept in latest.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Dopri5 } from '../simulations/core/dopri5.ts';
import { runToEnd, type AnyEngine } from '../simulations/core/engine.ts';
import { validateParams } from '../simulations/core/params.ts';
import { loadEngine, type EngineId } from '../simulations/registry.ts';
import { EngineHost, type FrameMessage } from '../src/workers/engine-host.ts';
import { errorMessage, type Metric } from './report.ts';

export const REPS = 5;
export const MIN_REP_SECONDS = 0.3;

export interface Rate {
  /** Median over repetitions of work / second. */
  readonly median: number;
  readonly reps: readonly number[];
  /** Median over repetitions of the secondary count per second (evaluations, runs), if any. */
  readonly secondaryMedian?: number;
  readonly secondaryReps?: readonly number[];
}

/** What one call of a workload did: units of work and, optionally, a second count. */
interface Done {
  readonly work: number;
  readonly secondary?: number;
  /** Time inside this call that is not the measured work (setting a run up), left out of the rate. */
  readonly excludeMs?: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Times `workload` (called with the index of the call within the repetition, so each repetition
 * can replay the same sequence of streams) in REPS repetitions of ≥ MIN_REP_SECONDS after one
 * warm-up repetition.
 */
export function measureRate(workload: (call: number) => Done, reps = REPS, minSeconds = MIN_REP_SECONDS): Rate {
  const repetition = () => {
    let work = 0;
    let secondary = 0;
    let calls = 0;
    let excluded = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      const d = workload(calls++);
      work += d.work;
      secondary += d.secondary ?? 0;
      excluded += (d.excludeMs ?? 0) / 1000;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed - excluded < minSeconds);
    return { rate: work / (elapsed - excluded), secondaryRate: secondary / (elapsed - excluded) };
  };
  repetition(); // warm-up, not timed
  const runs = Array.from({ length: reps }, repetition);
  const rates = runs.map((r) => r.rate);
  const secondary = runs.map((r) => r.secondaryRate);
  const hasSecondary = secondary.some((x) => x > 0);
  return {
    median: median(rates),
    reps: rates,
    ...(hasSecondary ? { secondaryMedian: median(secondary), secondaryReps: secondary } : {}),
  };
}

function paramsFor(engine: AnyEngine, preset: string, overrides: Record<string, unknown>): Record<string, number | boolean | string> {
  const v = validateParams(engine.params, { ...(engine.presets[preset] ?? {}), ...overrides }, engine.crossCheck);
  if (!v.ok) throw new Error(`bench parameters rejected by ${engine.id}: ${v.errors.map((e) => `${e.param} (${e.code})`).join(', ')}`);
  return v.params as Record<string, number | boolean | string>;
}

/** Advance() chunk for the deterministic engine, in days (the result does not depend on it). */
const SIR_CHUNK_DAYS = 10;
/** Advance() chunk for Gillespie runs, in events. */
const GILLESPIE_CHUNK_EVENTS = 10_000;

/** The tolerances simulations/sir/index.ts integrates with (private there; keep in step). */
const SIR_RTOL = 1e-10;
const SIR_ATOL_PER_CAPITA = 1e-12;
const SIR_HMAX_DAYS = 1;

async function sirMetrics(): Promise<Metric[]> {
  const engine = await loadEngine('sir');
  const params = paramsFor(engine, 'basic', { tMax: 3650 });
  const tMax = params['tMax'] as number;

  // The step sequence depends only on parameters and tolerances, so one instrumented run gives the
  // evaluations (and steps) of every timed run; snapshot() exposes the integrator's counters.
  const probe = engine.create(params, 1, 0);
  runToEnd(probe, SIR_CHUNK_DAYS);
  const counts = (probe.snapshot() as { integ: { counts: readonly [number, number, number] } }).integ.counts;
  const [accepted, rejected, evaluations] = counts;

  const rate = measureRate(() => {
    const inst = engine.create(params, 1, 0);
    const r = runToEnd(inst, SIR_CHUNK_DAYS);
    return { work: r.work, secondary: evaluations };
  });

  // The bare integrator on the same right-hand side: what the engine costs beyond Dormand–Prince
  // itself (dense output at every observation time, peak tracking).
  const N = params['N'] as number;
  const gamma = params['gamma'] as number;
  const beta = (params['R0'] as number) * gamma;
  const i0 = params['initialInfected'] as number;
  const rhs = (_t: number, y: Float64Array, out: Float64Array): void => {
    const infection = (beta * (y[0] as number) * (y[2] as number)) / N;
    const recovery = gamma * (y[2] as number);
    out[0] = -infection;
    out[1] = 0;
    out[2] = infection - recovery;
    out[3] = recovery;
  };
  const bare = measureRate(() => {
    const integ = new Dopri5(4, rhs, { rtol: SIR_RTOL, atol: SIR_ATOL_PER_CAPITA * N, hmax: SIR_HMAX_DAYS });
    integ.reset(0, [N - i0, 0, i0, 0]);
    while (integ.t < tMax) integ.step(tMax);
    return { work: integ.t, secondary: integ.evaluations };
  });

  const setup = `basic preset, tMax = ${tMax} d`;
  const detail = { params, chunkDays: SIR_CHUNK_DAYS, perRun: { days: tMax, acceptedSteps: accepted, rejectedSteps: rejected, rhsEvaluations: evaluations } };
  return [
    { id: 'engine.sir.daysPerSecond', name: `sir: simulated time (${setup})`, value: rate.median, unit: 'days/s', detail: { ...detail, reps: rate.reps } },
    {
      id: 'engine.sir.rhsPerSecond', name: `sir: RHS evaluations (${evaluations} per run)`, value: rate.secondaryMedian ?? null, unit: 'evals/s',
      detail: { ...detail, reps: rate.secondaryReps },
    },
    {
      id: 'engine.dopri5.rhsPerSecond', name: 'Dopri5 alone, same RHS and tolerances', value: bare.secondaryMedian ?? null, unit: 'evals/s',
      detail: { daysPerSecond: bare.median, reps: bare.secondaryReps, daysReps: bare.reps },
    },
  ];
}

/**
 * Compiles bench/c/<name>.c with the system's cc -O2 into a temporary directory and runs it 5 times
 * with the arguments `args(dir)` returns (which may write input files into dir), each run printing
 * one JSON object. Throws when there is no compiler or a run fails; the directory is removed.
 */
function runC<T>(name: string, args: (dir: string) => string[]): { outputs: T[]; compiler: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'gakusai-c-'));
  try {
    const exe = join(dir, name);
    execFileSync('cc', ['-O2', '-o', exe, join(dirname(fileURLToPath(import.meta.url)), 'c', `${name}.c`), '-lm'], { stdio: 'pipe' });
    const compiler = execFileSync('cc', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null;
    const argv = args(dir);
    const outputs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(exe, argv, { encoding: 'utf8' })) as T);
    return { outputs, compiler };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const noCompiler = (e: unknown) => `no C baseline (needs cc): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;

/**
 * The Gillespie direct method in plain C (bench/c/gillespie.c: same algorithm, xoshiro128**, libm
 * log); the median of 5 runs.
 */
function cBaseline(N: number, R0: number, I0: number, runs: number): { eventsPerSecond: number | null; compiler: string | null; error?: string } {
  try {
    const { outputs, compiler } = runC<{ eventsPerSecond: number }>('gillespie', () => [String(N), String(R0), String(I0), String(runs)]);
    return { eventsPerSecond: median(outputs.map((o) => o.eventsPerSecond)), compiler };
  } catch (e) {
    return { eventsPerSecond: null, compiler: null, error: noCompiler(e) };
  }
}

async function gillespieMetrics(): Promise<Metric[]> {
  const engine = await loadEngine('sir-stochastic');
  const SEED = 1;

  const big = paramsFor(engine, 'small', { N: 1_000_000, R0: 2, initialInfected: 100 });
  let bigRuns = 0;
  let bigEvents = 0;
  const long = measureRate((call) => {
    const r = runToEnd(engine.create(big, SEED, call), GILLESPIE_CHUNK_EVENTS);
    bigRuns++;
    bigEvents += r.work;
    return { work: r.work };
  });

  const small = paramsFor(engine, 'small', { N: 1000, R0: 2 });
  let runs = 0;
  let events = 0;
  // Every repetition replays streams 0, 1, 2, … (so repetitions time the same runs).
  const ensemble = measureRate((call) => {
    const r = runToEnd(engine.create(small, SEED, call), GILLESPIE_CHUNK_EVENTS);
    runs++;
    events += r.work;
    return { work: r.work, secondary: 1 };
  });

  // The lesson's target workload: many runs of N = 10^5 (issue: ≥ 4·10^7 events/s on one thread).
  const target = paramsFor(engine, 'small', { N: 100_000, R0: 2.5, initialInfected: 10, tMax: 3650, outputInterval: 10 });
  const town = measureRate((call) => ({ work: runToEnd(engine.create(target, SEED, call), GILLESPIE_CHUNK_EVENTS).work }));
  const c = cBaseline(100_000, 2.5, 10, 40);

  return [
    {
      id: 'engine.sirStochastic.town.eventsPerSecond', name: 'sir-stochastic: many runs, N = 10^5, R0 = 2.5, I0 = 10', value: town.median, unit: 'events/s',
      budget: { kind: 'min', limit: 4e7 },
      detail: { params: target, seed: SEED, reps: town.reps },
    },
    {
      id: 'engine.sirStochastic.town.cBaseline', name: '  the same in plain C (bench/c/gillespie.c, cc -O2)', value: c.eventsPerSecond, unit: 'events/s',
      ...(c.error ? { error: c.error } : {}),
      detail: { ratioJsToC: c.eventsPerSecond ? town.median / c.eventsPerSecond : null, compiler: c.compiler },
    },
    {
      id: 'engine.sirStochastic.large.eventsPerSecond', name: 'sir-stochastic: one run, N = 10^6, R0 = 2, I0 = 100', value: long.median, unit: 'events/s',
      detail: { params: big, seed: SEED, chunkEvents: GILLESPIE_CHUNK_EVENTS, meanEventsPerRun: bigEvents / bigRuns, reps: long.reps },
    },
    {
      id: 'engine.sirStochastic.ensemble.eventsPerSecond', name: 'sir-stochastic: ensemble, N = 1000, R0 = 2, I0 = 1', value: ensemble.median, unit: 'events/s',
      detail: { params: small, seed: SEED, streams: '0, 1, 2, … in every repetition', meanEventsPerRun: events / runs, reps: ensemble.reps },
    },
    {
      id: 'engine.sirStochastic.ensemble.runsPerSecond', name: 'sir-stochastic: ensemble runs', value: ensemble.secondaryMedian ?? null, unit: 'runs/s',
      detail: { reps: ensemble.secondaryReps },
    },
  ];
}

async function networkMetrics(): Promise<Metric[]> {
  const engine = await loadEngine('sir-network');
  const SEED = 1;
  // The lesson issue's workload: Erdős–Rényi, 10^5 nodes, ⟨k⟩ = 10 (T = 0.2, R0 about 2).
  const params = paramsFor(engine, 'random', { network: 'er', N: 100_000, meanDegree: 10, beta: 0.05, gamma: 0.2, initialInfected: 10, tMax: 3650, outputInterval: 1 });
  let build = 0;
  let builds = 0;
  const rate = measureRate((call) => {
    const t0 = performance.now();
    const inst = engine.create(params, SEED, call);
    build += performance.now() - t0;
    builds++;
    // The network is built outside the timed events: count events per second of epidemic only.
    const t1 = performance.now();
    const r = runToEnd(inst, GILLESPIE_CHUNK_EVENTS);
    return { work: r.work, excludeMs: t1 - t0 };
  });
  return [
    {
      id: 'engine.sirNetwork.er.eventsPerSecond', name: 'sir-network: ER, N = 10^5, <k> = 10, T = 0.2', value: rate.median, unit: 'events/s',
      budget: { kind: 'min', limit: 5e6 },
      detail: { params, seed: SEED, reps: rate.reps, meanBuildMs: build / builds },
    },
    { id: 'engine.sirNetwork.er.buildMs', name: '  building that network', value: build / builds, unit: 'ms' },
  ];
}

/**
 * The jamming force loop in plain C (bench/c/jamming.c), on the configuration the JavaScript bench
 * relaxed (written to a file); the median of 5 runs. `sameSums`: whether C's energy + virial
 * equals JavaScript's to 1e-12 (the same algorithm on the same data).
 */
function jammingCBaseline(x: Float64Array, y: Float64Array, d: Float64Array, box: number, jsSum: number): { rate: number | null; compiler: string | null; sameSums?: boolean; error?: string } {
  try {
    const { outputs, compiler } = runC<{ particleStepsPerSecond: number; energy: number }>('jamming', (dir) => {
      const data = join(dir, 'packing.txt');
      writeFileSync(data, [`${x.length} ${box.toPrecision(17)}`, ...Array.from(x, (xi, i) => `${xi.toPrecision(17)} ${y[i]!.toPrecision(17)} ${d[i]}`)].join('\n') + '\n');
      return [data];
    });
    return { rate: median(outputs.map((o) => o.particleStepsPerSecond)), compiler, sameSums: Math.abs(outputs[0]!.energy / jsSum - 1) < 1e-12 };
  } catch (e) {
    return { rate: null, compiler: null, error: noCompiler(e) };
  }
}

/**
 * The jamming engine's force loop: N = 4096 harmonic disks at φ = 0.8 (relaxed for 2000 FIRE steps
 * from random, so the overlaps are those of a real relaxation), one force evaluation per call.
 */
async function jammingMetrics(): Promise<Metric[]> {
  const { randomPacking } = await import('../simulations/jamming/protocols.ts');
  const { Fire } = await import('../simulations/jamming/fire.ts');
  const { Rng } = await import('../simulations/core/rng.ts');
  const N = 4096;
  const p = randomPacking(N, 0.8, 2, Rng.stream(1, 0));
  const fire = new Fire(p);
  fire.run(2000, 0);
  const forces = measureRate(() => {
    p.computeForces();
    return { work: N };
  });
  const relaxing = measureRate(() => {
    fire.run(10, 0);
    return { work: 10 * N };
  });
  p.computeForces();
  const c = jammingCBaseline(p.x, p.y, p.diameter, p.box, p.energy + p.virial);
  return [
    {
      id: 'engine.jamming.forceParticleSteps', name: 'jamming: force loop, N = 4096 harmonic disks, φ = 0.8', value: forces.median, unit: 'particle-steps/s',
      budget: { kind: 'min', limit: 1.5e7 }, detail: { reps: forces.reps },
    },
    {
      id: 'engine.jamming.forceParticleStepsC', name: '  the same in plain C (bench/c/jamming.c, cc -O2)', value: c.rate, unit: 'particle-steps/s',
      ...(c.error ? { error: c.error } : {}), detail: { compiler: c.compiler, sameSums: c.sameSums },
    },
    { id: 'engine.jamming.fireParticleSteps', name: '  FIRE steps around it', value: relaxing.median, unit: 'particle-steps/s', detail: { reps: relaxing.reps } },
  ];
}

/**
 * The same engine as a widget's worker drives it at speed ∞: src/workers/engine-host.ts's paced
 * loop (≈ 8 ms of advance() calls in small chunks, reading the clock between them, then observe()
 * and a frame with buffers handed back), with ticks run back to back — the idle time between
 * ticks is left out, so this is the loop's compute throughput, comparable with the bare numbers.
 */
async function hostLoopRate(engineId: EngineId, params: Record<string, unknown>): Promise<Rate> {
  const ticks: (() => void)[] = [];
  const host = new EngineHost(() => performance.now(), (fn) => ticks.push(fn));
  const ID = 1;
  let work = 0;
  let lastWork = 0;
  let generation = -1;
  let done = false;
  let failure: string | undefined;
  await host.open(ID, engineId, params, 1, 0, {
    onFrame: (msg: FrameMessage) => {
      if (msg.generation !== generation) {
        generation = msg.generation;
        lastWork = 0;
      }
      work += msg.frame.work - lastWork;
      lastWork = msg.frame.work;
      done = msg.frame.done;
      host.recycle(ID, msg.frame.series);
    },
    onError: (message: string) => {
      failure = message;
    },
  });
  host.setSpeed(ID, 1e12); // what the widget sends for ∞
  host.play(ID);
  return measureRate(() => {
    const before = work;
    const tick = ticks.shift();
    tick?.();
    if (failure) throw new Error(failure);
    if (done || !tick) {
      host.reset(ID);
      host.play(ID);
    }
    return { work: work - before };
  });
}

async function hostLoopMetrics(): Promise<Metric[]> {
  const sir = await loadEngine('sir');
  const sirParams = paramsFor(sir, 'basic', { tMax: 3650 });
  const sirRate = await hostLoopRate('sir', sirParams);
  const gillespie = await loadEngine('sir-stochastic');
  const bigParams = paramsFor(gillespie, 'small', { N: 1_000_000, R0: 2, initialInfected: 100 });
  const gRate = await hostLoopRate('sir-stochastic', bigParams);
  const chunkOf = (e: AnyEngine) => Math.max(e.workUnit.step * 1e-3, e.workUnit.perSecond / 240);
  return [
    {
      id: 'engine.sir.workerLoop.daysPerSecond', name: 'sir in the worker loop at speed ∞ (same run)', value: sirRate.median, unit: 'days/s',
      detail: { params: sirParams, advanceChunk: chunkOf(sir), reps: sirRate.reps },
    },
    {
      id: 'engine.sirStochastic.workerLoop.eventsPerSecond', name: 'sir-stochastic in the worker loop at speed ∞ (N = 10^6 run)', value: gRate.median,
      unit: 'events/s', detail: { params: bigParams, advanceChunk: chunkOf(gillespie), reps: gRate.reps },
    },
  ];
}

/** All engine metrics; a failing engine becomes an error row, the others still run. */
export async function engineMetrics(): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const [id, fn] of [['engine.sir', sirMetrics], ['engine.sirStochastic', gillespieMetrics], ['engine.sirNetwork', networkMetrics], ['engine.jamming', jammingMetrics], ['engine.workerLoop', hostLoopMetrics]] as const) {
    try {
      out.push(...(await fn()));
    } catch (err) {
      out.push({ id, name: `${id}: failed`, value: null, unit: '', error: errorMessage(err) });
    }
  }
  return out;
}
