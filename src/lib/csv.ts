/**
 * CSV export of an engine's observations, shared by the browser widget ("Download CSV") and the
 * `sim` CLI (`--format=csv`). Pure TypeScript: no DOM, no Node.
 *
 * Layout (one record per line, `\n` line endings, a final newline):
 *
 *   # Gakusai simulation data
 *   # engine: sir
 *   # engine version: 1.0.0
 *   # seed: 1
 *   # params: {"model":"SIR","R0":2.5,...}
 *   # generator: gakusai sim CLI
 *   # units: t=day, S=people, E=people, I=people, R=people, V=people
 *   # column t: Time [day]
 *   …
 *   # summary peakPrevalence: 0.2334… [fraction] Peak prevalence
 *   …
 *   t,S,E,I,R,V
 *   0,999990,0,10,0,0
 *   …
 *
 * Every comment line starts with `# ` (read it with `pandas.read_csv(f, comment='#')`,
 * `numpy.loadtxt(f, delimiter=',', skiprows=…)` or R's `read.csv(f, comment.char='#')`).
 * The header row holds the series names of the engine's observables schema, in schema order;
 * each data row holds one observation, numbers written with `String(x)` (−0 as `-0`), which reads
 * back to the identical double. Fields are quoted as RFC 4180 requires (only when they contain a comma,
 * a double quote or a line break; numbers never do).
 */
import type { AnySpec, Frame } from '../../simulations/core/engine.ts';
import type { UnitId } from '../../simulations/core/params.ts';
import { hasKey, t, type Lang } from '../i18n/index.ts';

export interface CsvInput {
  /** The engine, or just its spec (what a page has without loading the model). */
  readonly engine: AnySpec;
  /** The validated parameter values of the run (recorded as compact JSON). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly frame: Frame;
  /** What produced the file: "gakusai sim CLI", the page URL, … */
  readonly generator?: string;
  /** Language of the human-readable labels in the comment lines (default English). */
  readonly lang?: Lang;
  /** Include the run's summary scalars as comment lines (default true). */
  readonly summary?: boolean;
}

/**
 * A number as text that reads back to the identical double: String(x) (shortest round-trip form),
 * except that −0 keeps its sign.
 */
export function csvNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** One CSV field, quoted per RFC 4180 when it contains a comma, a double quote or a line break. */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? csvNumber(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A comment line: `# ` and the text, with line breaks folded so a comment stays one line. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

/** Unit ids are written as ids (machine-readable); dimensionless is written `1`. */
function unitId(unit: UnitId): string {
  return unit === '' ? '1' : unit;
}

function label(lang: Lang, key: string): string {
  return hasKey(key) ? t(lang, key) : key;
}

/** The summary scalars of a frame as comment lines (`# summary name: value [unit] label`). */
export function summaryToCsvComments(engine: AnySpec, frame: Frame, lang: Lang = 'en'): string[] {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(engine.observables.summary)) {
    if (!Object.hasOwn(frame.summary, name)) continue;
    const value = frame.summary[name] as number;
    lines.push(comment(`summary ${name}: ${csvNumber(value)} [${unitId(spec.unit)}] ${label(lang, spec.label)}`));
  }
  return lines;
}

/** The names of the CSV columns: the series of the engine's observables schema, in order. */
export function csvColumns(engine: AnySpec): string[] {
  return Object.keys(engine.observables.series);
}

export function framesToCsv(input: CsvInput): string {
  const { engine, params, seed, frame } = input;
  const lang = input.lang ?? 'en';
  const names = csvColumns(engine);
  const columns = names.map((name) => {
    const col = frame.series[name];
    if (!col) throw new Error(`frame has no series ${name}`);
    if (col.length < frame.length) throw new Error(`series ${name} holds ${col.length} values, frame length is ${frame.length}`);
    return col;
  });
  const specs = engine.observables.series;

  const lines: string[] = [
    comment('Gakusai simulation data'),
    comment(`engine: ${engine.id} (${label(lang, engine.label)})`),
    comment(`engine version: ${engine.version}`),
    comment(`seed: ${seed}`),
    comment(`params: ${JSON.stringify(params)}`),
  ];
  if (input.generator !== undefined) lines.push(comment(`generator: ${input.generator}`));
  lines.push(comment(`units: ${names.map((n) => `${n}=${unitId((specs[n] as { unit: UnitId }).unit)}`).join(', ')}`));
  for (const n of names) {
    const spec = specs[n] as { label: string; unit: UnitId };
    lines.push(comment(`column ${n}: ${label(lang, spec.label)} [${unitId(spec.unit)}]`));
  }
  if (input.summary ?? true) lines.push(...summaryToCsvComments(engine, frame, lang));
  lines.push(names.map(csvField).join(','));

  const row: string[] = new Array<string>(columns.length);
  for (let r = 0; r < frame.length; r++) {
    for (let c = 0; c < columns.length; c++) row[c] = csvNumber((columns[c] as Float64Array)[r] as number);
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

export interface EnsembleCsvInput {
  readonly engine: AnySpec;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  /** Each run's summary, in stream order (run k is stream k of the seed). */
  readonly runs: readonly Readonly<Record<string, number>>[];
  readonly statistics: Readonly<Record<string, number>>;
  readonly generator?: string;
  readonly lang?: Lang;
}

/**
 * An ensemble as CSV: the same `# ` header as a run, the ensemble statistics as
 * `# ensemble name: value [unit] label` lines, then one row per run (`run` = its stream) with the
 * run's summary scalars as columns.
 */
export function ensembleToCsv(input: EnsembleCsvInput): string {
  const { engine, params, seed, runs, statistics } = input;
  const lang = input.lang ?? 'en';
  const names = Object.keys(engine.observables.summary);
  const lines: string[] = [
    comment('Gakusai ensemble of simulation runs'),
    comment(`engine: ${engine.id} (${label(lang, engine.label)})`),
    comment(`engine version: ${engine.version}`),
    comment(`seed: ${seed}; run k uses stream k`),
    comment(`runs: ${runs.length}`),
    comment(`params: ${JSON.stringify(params)}`),
  ];
  if (input.generator !== undefined) lines.push(comment(`generator: ${input.generator}`));
  for (const [name, spec] of Object.entries(engine.ensemble?.summary ?? {})) {
    if (Object.hasOwn(statistics, name)) lines.push(comment(`ensemble ${name}: ${csvNumber(statistics[name]!)} [${unitId(spec.unit)}] ${label(lang, spec.label)}`));
  }
  for (const n of names) {
    const spec = engine.observables.summary[n]!;
    lines.push(comment(`column ${n}: ${label(lang, spec.label)} [${unitId(spec.unit)}]`));
  }
  lines.push(['run', ...names].map(csvField).join(','));
  runs.forEach((r, k) => lines.push([String(k), ...names.map((n) => csvNumber(r[n] ?? NaN))].join(',')));
  return lines.join('\n') + '\n';
}
