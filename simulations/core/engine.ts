/**
 * The engine contract. Every engine — an ODE, a Gillespie ensemble, molecular dynamics drawn at
 * 60 fps, replica exchange — is a definition (what it takes, what it measures, what its work is)
 * and instances that do bounded amounts of that work on request.
 *
 * Determinism: `create(params, seed, stream)` plus the same sequence of `advance` calls with any
 * split of the same total work gives bit-identical observations, in Node and in a browser worker.
 * Observations follow a schedule in the engine's work unit, never the chunk boundaries.
 */
import type { CrossCheck, ParamSchema, ParamValues, UnitId } from './params.ts';

/** An observable declared once: one schema feeds plots, CSV and JSON. */
export interface ObservableSpec {
  /** i18n key of its name, e.g. `sir.obs.I`. */
  readonly label: string;
  readonly unit: UnitId;
}

export interface ObservableSchema {
  /** Time-like series sampled on the observation schedule; the first is the abscissa. */
  readonly series: Readonly<Record<string, ObservableSpec>>;
  /** Scalars describing the run so far (peak, final size, …). */
  readonly summary: Readonly<Record<string, ObservableSpec>>;
}

export interface WorkUnit {
  /** What one unit of `advance(budget)` is: simulated days, events, sweeps, MD steps. */
  readonly unit: UnitId;
  /** i18n key naming it. */
  readonly label: string;
  /** Work per second of wall-clock time at speed 1 in an animated widget. */
  readonly perSecond: number;
  /** Work of one press of "step". */
  readonly step: number;
}

export interface AdvanceResult {
  /** Work actually done (may exceed the budget by less than one internal step). */
  readonly work: number;
  /** True when the run has reached its end; further advance() calls do nothing. */
  readonly done: boolean;
  /** Fraction of the run completed, in [0, 1]. */
  readonly progress: number;
}

/**
 * What observe() returns: plain numbers and typed arrays, so a worker can transfer the arrays
 * without copying. `series` arrays hold `length` valid entries (they may be longer: reused buffers).
 */
export interface Frame {
  readonly work: number;
  readonly progress: number;
  readonly done: boolean;
  readonly length: number;
  readonly series: Record<string, Float64Array>;
  readonly summary: Record<string, number>;
  /**
   * The state now, site by site, for pictures: the S/I/R state of each node, a lattice of spins,
   * particle positions. Fresh arrays each frame (transferred, not copied, to the page).
   */
  readonly fields?: Readonly<Record<string, FieldArray>>;
}

/** The typed arrays a frame's fields may be. */
export type FieldArray = Uint8Array | Int32Array | Float32Array | Float64Array;

/** Buffers handed back by the consumer of a frame, to be filled again instead of reallocated. */
export type SeriesBuffers = Record<string, Float64Array>;

/** A structured-cloneable checkpoint of a run. */
export type Snapshot = object;

export interface EngineInstance<V> {
  advance(budget: number): AdvanceResult;
  observe(reuse?: SeriesBuffers): Frame;
  /** Applies changed live parameters to the running state (the caller checked they are live). */
  setLiveParams(params: V): void;
  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
}

/**
 * What an engine is, declared as data: everything a page needs to build controls, parse a URL,
 * label plots and write CSV — without loading the model itself (that stays in the worker).
 */
export interface EngineSpec<S extends ParamSchema = ParamSchema> {
  readonly id: string;
  /** Semantic version of the engine's model and output; recorded in CSV, JSON and checkpoints. */
  readonly version: string;
  /** i18n key of the engine's name. */
  readonly label: string;
  /** Whether runs depend on the seed (a deterministic ODE does not; widgets then hide the seed). */
  readonly stochastic: boolean;
  readonly params: S;
  /** Rules across parameters; violations come back as `constraint` errors. */
  readonly crossCheck?: CrossCheck<ParamValues<S>>;
  /**
   * Version of the URL format, and the renames since each older version, so that links pasted
   * into slides years ago still open the state they named.
   */
  readonly urlFormat: { readonly version: number; readonly renames: Readonly<Record<number, Readonly<Record<string, string>>>> };
  readonly observables: ObservableSchema;
  readonly workUnit: WorkUnit;
  /** Named parameter sets, so prose, URL and CLI name the same states. */
  readonly presets: Readonly<Record<string, Partial<ParamValues<S>>>>;
  /** For stochastic engines: what an ensemble of runs (streams 0…R−1 of one seed) reports. */
  readonly ensemble?: EnsembleSpec;
}

/**
 * The statistics of an ensemble, computed from the summaries of its runs (in stream order), so a
 * page, a test and the CLI aggregate the same way.
 */
export interface EnsembleSpec {
  readonly summary: Readonly<Record<string, ObservableSpec>>;
  /** `params`: the validated parameters of the runs (loosely typed, so specs stay assignable). */
  aggregate(runs: readonly Readonly<Record<string, number>>[], params: Readonly<Record<string, unknown>>): Record<string, number>;
}

export interface EngineDefinition<S extends ParamSchema = ParamSchema> extends EngineSpec<S> {
  create(params: ParamValues<S>, seed: number, stream?: number): EngineInstance<ParamValues<S>>;
}

/** Joins a declared spec with the model that runs it; the single place engines are built. */
export function defineEngine<S extends ParamSchema>(
  spec: EngineSpec<S>,
  create: EngineDefinition<S>['create'],
): EngineDefinition<S> {
  return { ...spec, create };
}

/** Identity with type inference for specs. */
export function defineSpec<S extends ParamSchema>(spec: EngineSpec<S>): EngineSpec<S> {
  return spec;
}

/** Engine specs and definitions with their parameter types erased, for registries and generic tooling. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngine = EngineDefinition<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = EngineSpec<any>;

/** Seeds are integers in [0, 2^32); the same bound everywhere (URL, CLI, widget). */
export const SEED_MAX = 0xffffffff;
export function isValidSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= SEED_MAX;
}

/** Runs an instance to the end (or to `maxWork`), in chunks of `chunk` work. For the CLI and tests. */
export function runToEnd<V>(inst: EngineInstance<V>, chunk: number, maxWork = Infinity): AdvanceResult {
  let total = 0;
  let last: AdvanceResult = { work: 0, done: false, progress: 0 };
  while (!last.done && total < maxWork) {
    last = inst.advance(Math.min(chunk, maxWork - total));
    total += last.work;
    if (last.work === 0 && !last.done) throw new Error('engine made no progress');
  }
  return { work: total, done: last.done, progress: last.progress };
}
