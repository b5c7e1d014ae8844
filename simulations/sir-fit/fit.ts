/**
 * Fitting the SIR model to daily counts of people ill (prevalence), as in the boarding-school
 * outbreak: least squares on I(t) by the Levenberg–Marquardt method (ml-levenberg-marquardt), with
 * β, γ and the number infected at day 0, I0, free; and an honest uncertainty for R0 = β/γ by a
 * parametric bootstrap of the stochastic model. Daily prevalence counts are strongly correlated
 * (the same people are counted day after day), so the least-squares residuals cannot be treated as
 * independent errors; simulating whole epidemics with the fitted parameters (sir-stochastic) and
 * refitting each gives the spread that such correlated data really leave.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { exp, log } from '../core/math.ts';
import { defaultsOf } from '../core/params.ts';
import { runToEnd } from '../core/engine.ts';
import { sirEngine } from '../sir/index.ts';
import { sirParams, type SirParams } from '../sir/params.ts';
import { sirStochasticEngine } from '../sir-stochastic/index.ts';
import { sirStochasticParams } from '../sir-stochastic/spec.ts';

export interface DailyCounts {
  readonly day: readonly number[];
  readonly count: readonly number[];
}

export interface SirFit {
  beta: number;
  gamma: number;
  /** People infected (and infectious) at day 0. */
  initialInfected: number;
  R0: number;
  /** The model's I at each data day, and data minus model. */
  fitted: number[];
  residuals: number[];
  sumOfSquares: number;
  iterations: number;
}

/** I(t) of the deterministic SIR model at whole days 0…lastDay. */
export function sirPrevalence(N: number, beta: number, gamma: number, initialInfected: number, lastDay: number): Float64Array {
  const p: SirParams = {
    ...defaultsOf(sirParams), N, R0: beta / gamma, gamma, initialInfected, tMax: lastDay, outputInterval: 1,
  };
  const run = sirEngine.create(p, 0);
  runToEnd(run, Number.MAX_SAFE_INTEGER);
  const f = run.observe();
  return f.series['I']!.slice(0, f.length);
}

export interface Guess {
  beta: number;
  gamma: number;
  initialInfected: number;
}

/**
 * A starting point from the data alone: the early growth rate r from a straight line through
 * ln(count) over the first days before the peak (at most four), γ = r/2 and β = r + γ (early on
 * I grows as e^((β − γ) t)), and I0 from the line's value at day 0. Least squares from a poor
 * start can stall far from the optimum; from this one it converges in a few iterations.
 */
export function initialGuess(data: DailyCounts): Guess {
  let peak = 0;
  data.count.forEach((c, i) => {
    if (c > data.count[peak]!) peak = i;
  });
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= peak && xs.length < 4; i++) {
    if (data.count[i]! > 0) {
      xs.push(data.day[i]!);
      ys.push(log(data.count[i]!));
    }
  }
  if (xs.length < 2) return { beta: 0.35, gamma: 0.3, initialInfected: Math.max(1, data.count[0] ?? 1) };
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) * (x - mx);
  });
  const r = sxy / sxx;
  if (!(r > 0)) return { beta: 0.35, gamma: 0.3, initialInfected: Math.max(1, data.count[0]!) };
  const gamma = Math.min(5, Math.max(0.02, r / 2));
  return { beta: Math.min(20, r + gamma), gamma, initialInfected: Math.max(1e-3, exp(my - r * mx)) };
}

/** Least-squares SIR fit to prevalence counts in a population of N (from `initialGuess` unless given). */
export function fitSir(data: DailyCounts, N: number, guess: Guess = initialGuess(data)): SirFit {
  const lastDay = Math.max(...data.day);
  let cacheKey = '';
  let cache: Float64Array = new Float64Array(0);
  const model = ([beta, gamma, i0]: number[]) => {
    const key = `${beta},${gamma},${i0}`;
    if (key !== cacheKey) {
      cache = sirPrevalence(N, beta!, gamma!, i0!, lastDay);
      cacheKey = key;
    }
    // The optimiser may hold several of these functions at once (finite differences): each keeps
    // its own curve.
    const curve = cache;
    return (day: number) => curve[day]!;
  };
  const result = levenbergMarquardt({ x: data.day, y: data.count }, model, {
    initialValues: [guess.beta, guess.gamma, guess.initialInfected],
    // Inside the deterministic engine's ranges (R0 ≤ 20, γ ≥ 0.01 per day).
    minValues: [0.01, 0.01, 1e-3],
    maxValues: [20, 5, N / 10],
    damping: 1e-2,
    gradientDifference: [1e-4, 1e-4, 1e-4],
    centralDifference: true,
    // From the data-driven start the fit settles within about 10 iterations.
    maxIterations: 60,
    errorTolerance: 1e-9,
  });
  const [beta, gamma, initialInfected] = result.parameterValues as [number, number, number];
  const fittedCurve = model([beta, gamma, initialInfected]);
  const fitted = data.day.map((d) => fittedCurve(d));
  const residuals = data.count.map((c, i) => c - fitted[i]!);
  return {
    beta, gamma, initialInfected, R0: beta / gamma, fitted, residuals,
    sumOfSquares: residuals.reduce((a, r) => a + r * r, 0),
    iterations: result.iterations,
  };
}

export interface Bootstrap {
  /** R0 of each refitted synthetic epidemic, sorted. */
  R0: number[];
  /** The central 95 % of them. */
  low: number;
  high: number;
  /** Synthetic epidemics that died out early (not like the observed one) and were drawn again. */
  redrawn: number;
}

/**
 * Parametric bootstrap: `samples` epidemics of the stochastic SIR model with the fitted β, γ (and
 * round(I0), at least 1, initial cases) in a population of N, each recorded on the data's days
 * and refitted. Streams 0, 1, … of `seed`; runs in which fewer than a tenth of the population is
 * ever infected are drawn again (the observed outbreak was a major one).
 */
export function bootstrapR0(fit: SirFit, data: DailyCounts, N: number, samples: number, seed: number): Bootstrap {
  const lastDay = Math.max(...data.day);
  const params = {
    ...defaultsOf(sirStochasticParams), N, R0: fit.R0, gamma: fit.gamma,
    initialInfected: Math.max(1, Math.round(fit.initialInfected)), tMax: lastDay, outputInterval: 1,
  };
  const R0: number[] = [];
  let stream = 0;
  let redrawn = 0;
  while (R0.length < samples) {
    const run = sirStochasticEngine.create(params, seed, stream++);
    runToEnd(run, Number.MAX_SAFE_INTEGER);
    const f = run.observe();
    const I = f.series['I']!;
    const R = f.series['R']!;
    if ((I[f.length - 1]! + R[f.length - 1]!) < N / 10) {
      redrawn++;
      continue;
    }
    const synthetic = { day: data.day, count: data.day.map((d) => I[d]!) };
    R0.push(fitSir(synthetic, N, fit).R0);
  }
  R0.sort((a, b) => a - b);
  const at = (q: number) => R0[Math.min(R0.length - 1, Math.max(0, Math.round(q * (R0.length - 1))))]!;
  return { R0, low: at(0.025), high: at(0.975), redrawn };
}

/**
 * Daily counts from CSV text, for "fit your own data": one `day,count` pair per line (a header
 * line and `#` comments are allowed; commas, semicolons or tabs separate). Days must be whole,
 * increasing and ≥ 0; counts whole and ≥ 0. Any other line is refused with its line number.
 */
export function parseDailyCounts(text: string): DailyCounts {
  const day: number[] = [];
  const count: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let first = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `line ${i + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    // Only the first row may be a header, and only if none of its cells is a number.
    const header = first && cells.every((c) => !/^[+-]?\.?\d/.test(c));
    first = false;
    if (header) return;
    if (cells.length !== 2) throw new Error(`${where}: expected two values, day and count, got ${cells.length}`);
    const [d, c] = cells.map(Number) as [number, number];
    if (!Number.isInteger(d) || d < 0) throw new Error(`${where}: the day must be a whole number ≥ 0, got "${cells[0]}"`);
    if (!Number.isInteger(c) || c < 0) throw new Error(`${where}: the count must be a whole number ≥ 0, got "${cells[1]}"`);
    if (day.length > 0 && d <= day[day.length - 1]!) throw new Error(`${where}: days must increase (day ${d} after day ${day[day.length - 1]})`);
    day.push(d);
    count.push(c);
  });
  if (day.length < 4) throw new Error(`need at least 4 days of data to fit 3 parameters, got ${day.length}`);
  return { day, count };
}
