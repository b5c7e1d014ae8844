/**
 * The JSON document `sim` writes: one object
 *   { engine, version, params, seed, summary: {name: number}, series: {name: number[]} }
 * with the series trimmed to the frame's length, in the order of the engine's observables schema.
 * Laid out with two-space indentation but one line per series, so a long run stays readable.
 * Numbers are written by JSON.stringify, which round-trips every finite double exactly.
 */
import type { AnySpec, Frame } from '../simulations/core/engine.ts';

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

export function formatRunDocument(doc: RunDocument): string {
  const { series, ...rest } = doc;
  const head = JSON.stringify(rest, null, 2);
  const lines = Object.entries(series).map(([name, values]) => `    ${JSON.stringify(name)}: ${JSON.stringify(values)}`);
  const seriesBlock = lines.length ? `{\n${lines.join(',\n')}\n  }` : '{}';
  // `head` ends with "\n}"; the series go in as its last member.
  return `${head.slice(0, -2)},\n  "series": ${seriesBlock}\n}\n`;
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
  const head = JSON.stringify(rest, null, 2);
  const lines = Object.entries(perRun).map(([name, values]) => `    ${JSON.stringify(name)}: ${JSON.stringify(values)}`);
  return `${head.slice(0, -2)},\n  "perRun": {\n${lines.join(',\n')}\n  }\n}\n`;
}
