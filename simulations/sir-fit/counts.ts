/**
 * The light half of the fitting code, what a page needs without the model: the shapes of data,
 * fits and bootstraps, reading `day,count` text (with errors that name the line), and summing up
 * bootstrap samples. The fitting itself (fit.ts: the SIR engines and Levenberg–Marquardt) runs in
 * a worker.
 */

/** The largest population a fit accepts (the deterministic engine allows more; no school does). */
export const MAX_POPULATION = 1e9;

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

export interface Bootstrap {
  /** R0 of each refitted synthetic epidemic, sorted. */
  R0: number[];
  /** The central 95 % of them. */
  low: number;
  high: number;
  /** Synthetic epidemics that died out early (not like the observed one) and were drawn again. */
  redrawn: number;
}

export interface BootstrapPart {
  /** The refitted R0 of samples from … to − 1, in sample order. */
  R0: number[];
  redrawn: number;
}

/** The bootstrap distribution of R0 from all its samples, and its central 95 %. */
export function summarizeBootstrap(parts: readonly BootstrapPart[]): Bootstrap {
  const R0 = parts.flatMap((p) => p.R0).sort((a, b) => a - b);
  const at = (q: number) => R0[Math.min(R0.length - 1, Math.max(0, Math.round(q * (R0.length - 1))))]!;
  return { R0, low: at(0.025), high: at(0.975), redrawn: parts.reduce((a, p) => a + p.redrawn, 0) };
}

/** Why a line of daily counts was refused; `line` is 1-based (0 for the file as a whole). */
export type CountsProblem =
  | { readonly code: 'columns'; readonly line: number; readonly got: number }
  | { readonly code: 'day'; readonly line: number; readonly value: string }
  | { readonly code: 'count'; readonly line: number; readonly value: string }
  | { readonly code: 'order'; readonly line: number; readonly day: number; readonly previous: number }
  | { readonly code: 'too-few'; readonly line: 0; readonly got: number };

/** Refused daily counts: the message is English (CLI, tests); pages word `problem` in their language. */
export class CountsError extends Error {
  readonly problem: CountsProblem;
  constructor(problem: CountsProblem) {
    super(describeCountsProblem(problem));
    this.problem = problem;
  }
}

function describeCountsProblem(p: CountsProblem): string {
  const where = `line ${p.line}`;
  switch (p.code) {
    case 'columns':
      return `${where}: expected two values, day and count, got ${p.got}`;
    case 'day':
      return `${where}: the day must be a whole number ≥ 0, got "${p.value}"`;
    case 'count':
      return `${where}: the count must be a whole number ≥ 0, got "${p.value}"`;
    case 'order':
      return `${where}: days must increase (day ${p.day} after day ${p.previous})`;
    case 'too-few':
      return `need at least ${MIN_DAYS} days of data to fit 3 parameters, got ${p.got}`;
  }
}

/** Three parameters need more than three numbers. */
export const MIN_DAYS = 4;

/**
 * Daily counts from CSV text, for "fit your own data": one `day,count` pair per line (a header
 * line and `#` comments are allowed; commas, semicolons or tabs separate). Days must be whole,
 * increasing and ≥ 0; counts whole and ≥ 0. Any other line is refused (CountsError) with its number.
 */
export function parseDailyCounts(text: string): DailyCounts {
  const day: number[] = [];
  const count: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let first = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    // Only the first row may be a header, and only if none of its cells is a number.
    const header = first && cells.every((c) => !/^[+-]?\.?\d/.test(c));
    first = false;
    if (header) return;
    if (cells.length !== 2) throw new CountsError({ code: 'columns', line: i + 1, got: cells.length });
    const [d, c] = cells.map(Number) as [number, number];
    if (!Number.isInteger(d) || d < 0) throw new CountsError({ code: 'day', line: i + 1, value: cells[0]!.slice(0, 20) });
    if (!Number.isInteger(c) || c < 0) throw new CountsError({ code: 'count', line: i + 1, value: cells[1]!.slice(0, 20) });
    if (day.length > 0 && d <= day[day.length - 1]!) throw new CountsError({ code: 'order', line: i + 1, day: d, previous: day[day.length - 1]! });
    day.push(d);
    count.push(c);
  });
  if (day.length < MIN_DAYS) throw new CountsError({ code: 'too-few', line: 0, got: day.length });
  return { day, count };
}
