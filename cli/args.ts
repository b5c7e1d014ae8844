/**
 * Command-line parsing for `sim`: splits argv into the command, the common flags and the engine's
 * parameter flags, and validates the common flags. Parameter values are left as strings for
 * `validateParams`, so the CLI, URLs and widgets share one validator and one set of messages.
 */
import { SEED_MAX, type AnySpec } from '../simulations/core/engine.ts';
import { checkValue, type NumberParam, type ParamError } from '../simulations/core/params.ts';
import { describeParamError } from '../src/lib/param-messages.ts';

/** Flags every engine takes, besides its parameters. */
export const COMMON_FLAGS = ['preset', 'seed', 'steps', 'runs', 'format', 'out'] as const;
export type CommonFlag = (typeof COMMON_FLAGS)[number];
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_SEED = 1;

/** A usage error: the CLI prints `error: <message>` and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface RunRequest {
  readonly preset: string | undefined;
  readonly seed: number;
  /** Work to do, in the engine's work unit; undefined: until the engine reports done. */
  readonly steps: number | undefined;
  /** An ensemble of this many runs (streams 0…runs−1 of the seed); undefined: one run. */
  readonly runs: number | undefined;
  readonly format: Format;
  readonly out: string | undefined;
  /** Raw parameter values by parameter name, as typed. */
  readonly params: Record<string, string | boolean>;
}

export function wantsHelp(argv: readonly string[]): boolean {
  // Everything after a bare `--` is not a flag (npm passes it through only when asked to).
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

interface RawFlag {
  readonly name: string;
  /** undefined when given as `--name` without `=`. */
  readonly value: string | undefined;
}

/** `--name=value` / `--name`; anything else is positional junk. */
export function splitFlags(args: readonly string[]): RawFlag[] {
  const flags: RawFlag[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (flags are written --name=value)`);
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? undefined : arg.slice(eq + 1);
    if (name === '') throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (flags are written --name=value)`);
    if (seen.has(name)) throw new UsageError(`--${name}: given more than once`);
    seen.add(name);
    flags.push({ name, value });
  }
  return flags;
}

/** Reads a number flag with the parameter validator, so messages match the parameters'. */
export function numberFlag(flag: string, raw: string, spec: NumberParam): number {
  const r = checkValue(flag, spec, raw);
  if ('code' in r) throw new UsageError(describeFlagError(r, flag));
  return r.value as number;
}

function describeFlagError(err: ParamError, flag: string): string {
  return describeParamError('en', err, `--${flag}`);
}

/** Enough for tight statistics; a million runs of a small model is still minutes. */
export const MAX_RUNS = 1_000_000;
const RUNS_SPEC: NumberParam = { kind: 'integer', default: 1, min: 1, max: MAX_RUNS, step: 1, unit: '', label: 'ensemble.runs', live: false };

const SEED_SPEC: NumberParam = { kind: 'integer', default: DEFAULT_SEED, min: 0, max: SEED_MAX, step: 1, unit: '', label: 'widget.seed', live: false };

export function seedFlag(raw: string): number {
  return numberFlag('seed', raw, SEED_SPEC);
}

export function formatFlag(raw: string): Format {
  const r = checkValue('format', { kind: 'choice', options: FORMATS, default: 'json', label: '', live: false }, raw);
  if ('code' in r) throw new UsageError(describeFlagError(r, 'format'));
  return r.value as Format;
}

export function outFlag(raw: string): string {
  if (raw === '') throw new UsageError('--out: needs a file name, written --out=FILE');
  return raw;
}

/** The value of `--name=value`; a bare `--name` is refused. */
export function flagValue(name: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${name}: needs a value, written --${name}=VALUE`);
  return value;
}

/** Whole units of work for discrete engines (events, sweeps, steps); any amount of simulated time. */
export function stepsSpec(engine: AnySpec): NumberParam {
  const integer = engine.workUnit.unit === 'event' || engine.workUnit.unit === 'sweep' || engine.workUnit.unit === 'step';
  return { kind: integer ? 'integer' : 'number', default: 0, min: 0, max: Number.MAX_VALUE, step: 1, unit: engine.workUnit.unit, label: engine.workUnit.label, live: false };
}

/** Suggests the flag the user probably meant (case or a common prefix), or nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const hit = known.find((k) => k.toLowerCase() === lower);
  return hit ? ` (did you mean --${hit}?)` : '';
}

/** Parses the arguments after the engine id. Throws UsageError on anything it cannot use. */
export function parseRunArgs(engine: AnySpec, args: readonly string[]): RunRequest {
  const paramNames = Object.keys(engine.params);
  const common = new Set<string>(COMMON_FLAGS);
  let preset: string | undefined;
  let seed = DEFAULT_SEED;
  let steps: number | undefined;
  let runs: number | undefined;
  let format: Format = 'json';
  let out: string | undefined;
  const params: Record<string, string | boolean> = {};

  for (const { name, value } of splitFlags(args)) {
    if (common.has(name) && !Object.hasOwn(engine.params, name)) {
      const raw = flagValue(name, value);
      switch (name as CommonFlag) {
        case 'preset':
          if (!Object.hasOwn(engine.presets, raw)) {
            const names = Object.keys(engine.presets).join(', ');
            throw new UsageError(`--preset: ${engine.id} has no preset ${JSON.stringify(raw)}; presets: ${names}`);
          }
          preset = raw;
          break;
        case 'seed':
          seed = seedFlag(raw);
          break;
        case 'steps':
          steps = numberFlag('steps', raw, stepsSpec(engine));
          break;
        case 'runs':
          if (!engine.ensemble) {
            throw new UsageError(`--runs: ${engine.id} is ${engine.stochastic ? 'not set up for ensembles' : 'deterministic: every run would be the same'}`);
          }
          runs = numberFlag('runs', raw, RUNS_SPEC);
          break;
        case 'format':
          format = formatFlag(raw);
          break;
        case 'out':
          out = outFlag(raw);
          break;
      }
      continue;
    }
    const spec = Object.hasOwn(engine.params, name) ? engine.params[name] : undefined;
    if (!spec) {
      throw new UsageError(`--${name}: not a flag of ${engine.id}${didYouMean(name, [...paramNames, ...COMMON_FLAGS])}; see npm run sim -- ${engine.id} --help`);
    }
    // A bare boolean flag means true; every other parameter needs a value.
    params[name] = value === undefined && spec.kind === 'boolean' ? true : flagValue(name, value);
  }
  return { preset, seed, steps, runs, format, out, params };
}
