/**
 * `sim sir-fit`: fits the SIR model to daily counts of the ill (simulations/sir-fit), from the
 * shipped boarding-school data or a `day,count` file, with a parametric bootstrap of R0. It runs
 * the code the lesson's page runs in its workers, so the numbers are the page's: bootstrap samples
 * 0…S−1 of the seed give the same R0 values however the page splits them between workers.
 */
import type { NumberParam } from '../simulations/core/params.ts';
import { boardingSchool1978 } from '../simulations/sir-fit/data.ts';
import { CountsError, MAX_POPULATION, parseDailyCounts, summarizeBootstrap, type DailyCounts } from '../simulations/sir-fit/counts.ts';
import { bootstrapSamples, fitSir } from '../simulations/sir-fit/fit.ts';
import { fitToCsv, type FitCsvInput } from '../src/lib/fit-csv.ts';
import { DEFAULT_SEED, didYouMean, flagValue, formatFlag, numberFlag, outFlag, seedFlag, splitFlags, UsageError, type Format } from './args.ts';
import { errorLines, GENERATOR, writeOutput, type Io } from './io.ts';
import { fitDocument, formatFitDocument } from './json.ts';

export const FIT_COMMAND = 'sir-fit';
const FIT_FLAGS = ['data', 'N', 'bootstrap', 'seed', 'format', 'out'] as const;
type FitFlag = (typeof FIT_FLAGS)[number];
export const FIT_USAGE = `${FIT_COMMAND} [--data=FILE] [--N=POPULATION] [--bootstrap=SAMPLES] [--seed=N] [--format=json|csv] [--out=FILE]`;

/** At about 40 ms a sample, 2000 samples are over a minute: enough for the tails of a 95 % interval. */
export const MAX_BOOTSTRAP = 2000;
export const DEFAULT_BOOTSTRAP = 200;
/** `--data=-` reads the counts from standard input. */
export const STDIN_NAME = '-';

const N_SPEC: NumberParam = { kind: 'integer', default: boardingSchool1978.population, min: 1, max: MAX_POPULATION, step: 1, unit: 'people', label: 'sir.param.N', live: false };
const BOOTSTRAP_SPEC: NumberParam = { kind: 'integer', default: DEFAULT_BOOTSTRAP, min: 0, max: MAX_BOOTSTRAP, step: 1, unit: '', label: '', live: false };

interface FitRequest {
  /** The counts file (STDIN_NAME: standard input); undefined: the shipped boarding-school data. */
  readonly data: string | undefined;
  /** Population size; undefined: the shipped data's (only allowed without --data). */
  readonly N: number | undefined;
  /** Bootstrap samples; 0: no bootstrap. */
  readonly bootstrap: number;
  readonly seed: number;
  readonly format: Format;
  readonly out: string | undefined;
}

function isFitFlag(name: string): name is FitFlag {
  return (FIT_FLAGS as readonly string[]).includes(name);
}

/** Parses the arguments after `sir-fit`. Throws UsageError on anything it cannot use. */
function parseFitArgs(args: readonly string[]): FitRequest {
  let data: string | undefined;
  let N: number | undefined;
  let bootstrap = DEFAULT_BOOTSTRAP;
  let seed = DEFAULT_SEED;
  let format: Format = 'json';
  let out: string | undefined;
  for (const { name, value } of splitFlags(args)) {
    if (!isFitFlag(name)) {
      throw new UsageError(`--${name}: not a flag of ${FIT_COMMAND}${didYouMean(name, FIT_FLAGS)}; see npm run sim -- ${FIT_COMMAND} --help`);
    }
    const raw = flagValue(name, value);
    switch (name) {
      case 'data':
        if (raw === '') throw new UsageError('--data: needs a file name, written --data=FILE');
        data = raw;
        break;
      case 'N':
        N = numberFlag('N', raw, N_SPEC);
        break;
      case 'bootstrap':
        bootstrap = numberFlag('bootstrap', raw, BOOTSTRAP_SPEC);
        break;
      case 'seed':
        seed = seedFlag(raw);
        break;
      case 'format':
        format = formatFlag(raw);
        break;
      case 'out':
        out = outFlag(raw);
        break;
    }
  }
  // The shipped data come with their school's size; nothing in a file says how many could fall ill.
  if (data !== undefined && N === undefined) throw new UsageError('--N: required with --data (the size of the population the counts come from)');
  return { data, N, bootstrap, seed, format, out };
}

interface Counts {
  readonly data: DailyCounts;
  /** The citation, or the name of the file. */
  readonly source: string;
}

function shippedCounts(): Counts {
  return { data: { day: [...boardingSchool1978.day], count: [...boardingSchool1978.inBed] }, source: boardingSchool1978.source };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads and checks a `day,count` file (or standard input); a bad one is a UsageError naming it. */
function countsFromFile(file: string, io: Io): Counts {
  const name = file === STDIN_NAME ? 'standard input' : file;
  let text: string;
  try {
    text = file === STDIN_NAME ? io.readStdin() : io.readFile(file);
  } catch (e) {
    throw new UsageError(`--data: cannot read ${name}: ${messageOf(e)}`);
  }
  let data: DailyCounts;
  try {
    // Spreadsheets often save a byte-order mark, which would make a first data row look like a
    // header; a browser drops it when the page reads the file, so the CLI does too.
    data = parseDailyCounts(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof CountsError) throw new UsageError(`${name}: ${e.message}`);
    throw e;
  }
  // The page's fit task refuses this too (simulations/sir-fit/tasks.ts).
  if (data.count.every((c) => c === 0)) throw new UsageError(`${name}: every count is 0; there is no outbreak to fit`);
  return { data, source: name };
}

/** The population: --N, or the shipped data's; never fewer people than were counted ill at once. */
function population(request: FitRequest, data: DailyCounts): number {
  const N = request.N ?? boardingSchool1978.population;
  const most = Math.max(...data.count);
  if (N < most) throw new UsageError(`--N must be at least the largest count in the data, ${most} (got ${N})`);
  return N;
}

/** The fit, and the bootstrap when asked for: everything the outputs are written from. */
function computeFit(counts: Counts, N: number, request: FitRequest): FitCsvInput {
  const { data, source } = counts;
  const fit = fitSir(data, N);
  if (request.bootstrap === 0) return { data, N, source, fit };
  // Samples 0…S−1 as one part: what a page that spreads them over its workers gets in the end.
  const bootstrap = summarizeBootstrap([bootstrapSamples(fit, data, N, 0, request.bootstrap, request.seed)]);
  return { data, N, source, fit, bootstrap: { ...bootstrap, samples: request.bootstrap, seed: request.seed } };
}

function formatResult(result: FitCsvInput, request: FitRequest): string {
  return request.format === 'csv'
    ? fitToCsv({ ...result, generator: GENERATOR })
    : formatFitDocument(fitDocument({ ...result, seed: request.seed, generator: GENERATOR }));
}

/** Runs `sim sir-fit <args>`; returns the exit status (0 ok, 1 the computation failed, 2 bad input). */
export function runSirFit(args: readonly string[], io: Io): number {
  let request: FitRequest;
  let counts: Counts;
  let N: number;
  try {
    request = parseFitArgs(args);
    counts = request.data === undefined ? shippedCounts() : countsFromFile(request.data, io);
    N = population(request, counts.data);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(errorLines([e.message]));
      return 2;
    }
    throw e;
  }
  let text: string;
  try {
    text = formatResult(computeFit(counts, N, request), request);
  } catch (e) {
    io.stderr(errorLines([`${FIT_COMMAND}: the computation failed: ${messageOf(e)}`]));
    return 1;
  }
  return writeOutput(io, request.out, text);
}
