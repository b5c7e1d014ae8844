/**
 * The JSON document `sim` writes: one object
 *   { engine, version, params, seed, summary: {name: number}, series: {name: number[]} }
 * with the series trimmed to the frame's length, in the order of the engine's observables schema.
 * Laid out with two-space indentation but one line per series, so a long run stays readable.
 * Numbers are written by JSON.stringify, which round-trips every finite double exactly.
 */
import type { AnySpec, Frame } from '../simulations/core/engine.ts';
import { bootstrapSummary, fitSummary, type FitCsvInput } from '../src/lib/fit-csv.ts';

export interface RunDocument {
  readonly engine: string;
  readonly version: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly summary: Readonly<Record<string, number>>;
  readonly series: Readonly<Record<string, number[]>>;
}

export function runDocument(engine: AnySpec, params: Readonly<Record<string, unknown>>, seed: number, frame: Frame): RunDocument {
  const series: Record<string, number[]> = {};
  for (const name of Object.keys(engine.observables.series)) {
    const col = frame.series[name];
    if (!col) throw new Error(`frame has no series ${name}`);
    series[name] = Array.from(col.subarray(0, frame.length));
  }
  const summary: Record<string, number> = {};
  for (const name of Object.keys(engine.observables.summary)) {
    if (Object.hasOwn(frame.summary, name)) summary[name] = frame.summary[name] as number;
  }
  return { engine: engine.id, version: engine.version, params: { ...params }, seed, summary, series };
}

/**
 * `fields` laid out with two-space indentation, then `key` as the last member: an object of
 * arrays, one line per array.
 */
function formatWithArrays(fields: object, key: string, arrays: Readonly<Record<string, readonly number[]>>): string {
  const head = JSON.stringify(fields, null, 2);
  const lines = Object.entries(arrays).map(([name, values]) => `    ${JSON.stringify(name)}: ${JSON.stringify(values)}`);
  const block = lines.length ? `{\n${lines.join(',\n')}\n  }` : '{}';
  // `head` ends with "\n}"; the arrays go in as its last member.
  return `${head.slice(0, -2)},\n  ${JSON.stringify(key)}: ${block}\n}\n`;
}

export function formatRunDocument(doc: RunDocument): string {
  const { series, ...rest } = doc;
  return formatWithArrays(rest, 'series', series);
}

/**
 * An ensemble: { engine, version, params, seed, runs, summary: {statistic: number},
 * perRun: {name: number[]} } where perRun holds each run's summary, in stream order.
 */
export interface EnsembleDocument {
  readonly engine: string;
  readonly version: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly runs: number;
  readonly summary: Readonly<Record<string, number>>;
  readonly perRun: Readonly<Record<string, number[]>>;
}

export function ensembleDocument(
  engine: AnySpec,
  params: Readonly<Record<string, unknown>>,
  seed: number,
  summaries: readonly Readonly<Record<string, number>>[],
): EnsembleDocument {
  if (!engine.ensemble) throw new Error(`${engine.id} has no ensemble statistics`);
  const perRun: Record<string, number[]> = {};
  for (const name of Object.keys(engine.observables.summary)) perRun[name] = summaries.map((s) => s[name] ?? NaN);
  const summary = engine.ensemble.aggregate(summaries, params);
  return { engine: engine.id, version: engine.version, params: { ...params }, seed, runs: summaries.length, summary, perRun };
}

export function formatEnsembleDocument(doc: EnsembleDocument): string {
  const { perRun, ...rest } = doc;
  return formatWithArrays(rest, 'perRun', perRun);
}

/**
 * A SIR fit to daily counts (`sim sir-fit`): { command, source, N, seed, generator, fit,
 * bootstrap?, series: {day, count, fitted, residual} }. `fit` and `bootstrap` hold the same
 * numbers, in the same order, as the CSV's `# fit` and `# bootstrap` lines (src/lib/fit-csv.ts).
 */
export interface FitDocument {
  readonly command: 'sir-fit';
  /** The citation of the shipped data, or the file the counts were read from. */
  readonly source: string;
  readonly N: number;
  /** The bootstrap's seed (recorded even when no bootstrap was run, as for deterministic engines). */
  readonly seed: number;
  readonly generator: string;
  readonly fit: Readonly<Record<string, number>>;
  readonly bootstrap?: Readonly<Record<string, number>>;
  readonly series: { readonly day: number[]; readonly count: number[]; readonly fitted: number[]; readonly residual: number[] };
}

/** The fit as a document: the same input as the CSV, with the seed and the generator. */
export function fitDocument(input: FitCsvInput & { readonly seed: number; readonly generator: string }): FitDocument {
  const { data, fit, bootstrap } = input;
  return {
    command: 'sir-fit',
    source: input.source,
    N: input.N,
    seed: input.seed,
    generator: input.generator,
    fit: fitSummary(fit),
    ...(bootstrap ? { bootstrap: bootstrapSummary(bootstrap) } : {}),
    series: { day: [...data.day], count: [...data.count], fitted: [...fit.fitted], residual: [...fit.residuals] },
  };
}

export function formatFitDocument(doc: FitDocument): string {
  const { series, ...rest } = doc;
  return formatWithArrays(rest, 'series', series);
}
