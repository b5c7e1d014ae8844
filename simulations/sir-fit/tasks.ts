/**
 * The fitting code as worker tasks: plain data in, plain data out, every input checked (a message
 * from a page is not trusted). The page fits at once and spreads the bootstrap over its workers.
 */
import { MAX_POPULATION, MIN_DAYS, type BootstrapPart, type DailyCounts, type SirFit } from './counts.ts';
import { bootstrapSamples, fitSir, sirPrevalence } from './fit.ts';


export interface FitInput {
  readonly day: readonly number[];
  readonly count: readonly number[];
  /** Population size. */
  readonly N: number;
}

export interface FitOutput {
  readonly fit: SirFit;
  /** The fitted I(t) on a fine grid from day 0 to a day past the data, for drawing. */
  readonly curve: { readonly t: number[]; readonly I: number[] };
}

export interface BootstrapInput extends FitInput {
  readonly fit: SirFit;
  readonly from: number;
  readonly to: number;
  readonly seed: number;
}

/** Points per day of the drawn curve. */
const CURVE_STEPS_PER_DAY = 4;

function checkData(input: FitInput): DailyCounts {
  const { day, count, N } = input;
  if (!Array.isArray(day) || !Array.isArray(count) || day.length !== count.length) throw new Error('data: day and count must be lists of equal length');
  if (day.length < MIN_DAYS) throw new Error(`data: need at least ${MIN_DAYS} days, got ${day.length}`);
  day.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || (i > 0 && d <= day[i - 1]!)) throw new Error(`data: days must be whole, ≥ 0 and increasing (at entry ${i + 1})`);
    const c = count[i]!;
    if (!Number.isInteger(c) || c < 0) throw new Error(`data: counts must be whole numbers ≥ 0 (at entry ${i + 1})`);
  });
  if (!Number.isInteger(N) || N < 1 || N > MAX_POPULATION) throw new Error(`N: the population must be a whole number from 1 to ${MAX_POPULATION}`);
  const most = Math.max(...count);
  if (most > N) throw new Error(`N: the population (${N}) is smaller than the largest count (${most})`);
  if (most === 0) throw new Error('data: every count is 0; there is no outbreak to fit');
  return { day: [...day], count: [...count] };
}

export function fitTask(input: FitInput): FitOutput {
  const data = checkData(input);
  const fit = fitSir(data, input.N);
  const lastDay = Math.max(...data.day) + 2;
  // The model on a fine grid: whole days of the engine, refined by running it at a finer interval.
  const I = Array.from(sirPrevalence(input.N, fit.beta, fit.gamma, fit.initialInfected, lastDay, 1 / CURVE_STEPS_PER_DAY));
  const t = I.map((_, k) => k / CURVE_STEPS_PER_DAY);
  return { fit, curve: { t, I } };
}

export function bootstrapTask(input: BootstrapInput): BootstrapPart {
  const data = checkData(input);
  const { from, to, seed, fit } = input;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to - from > 1000) throw new Error('from, to: a range of at most 1000 samples');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('seed: a whole number from 0 to 4294967295');
  if (!(fit.beta > 0 && fit.gamma > 0 && fit.initialInfected > 0)) throw new Error('fit: β, γ and I0 must be positive');
  return bootstrapSamples(fit, data, input.N, from, to, seed);
}
