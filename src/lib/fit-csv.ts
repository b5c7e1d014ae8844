/**
 * CSV export of a SIR fit to daily counts, shared by the fit widget ("Download CSV") and
 * `sim sir-fit --format=csv`. Pure TypeScript: no DOM, no Node. The conventions are those of
 * csv.ts (read its header): `# ` comment lines, then a header row and one row per day.
 *
 *   # Gakusai SIR fit to daily counts
 *   # source: Anonymous, "Influenza in a boarding school", British Medical Journal …
 *   # population N: 763
 *   # generator: gakusai sim CLI
 *   # fit beta: 1.7896433987138118 [per-day] Transmission rate β
 *   # fit gamma: … [per-day] Recovery rate γ
 *   # fit infectiousDays: … [day] Mean infectious period 1/γ
 *   # fit initialInfected: … [people] Infected at day 0, I0
 *   # fit R0: 3.92971724330875 [1] Basic reproduction number β/γ
 *   # fit sumOfSquares: … [people^2] Residual sum of squares
 *   # fit iterations: … [1] Levenberg–Marquardt iterations
 *   # bootstrap seed: 1
 *   # bootstrap samples: 200 [1] Synthetic epidemics refitted
 *   # bootstrap low: … [1] R0, lower end of the central 95 %
 *   …
 *   # column day: Day [day]
 *   …
 *   day,count,fitted,residual
 *   1,3,2.0891459665194865,0.9108540334805135
 *   …
 *
 * Numbers are written with csvNumber (they read back to the identical double).
 */
import type { Bootstrap, SirFit } from '../../simulations/sir-fit/counts.ts';
import { csvField, csvNumber } from './csv.ts';

export interface FitCsvInput {
  readonly data: { readonly day: readonly number[]; readonly count: readonly number[] };
  /** Population size. */
  readonly N: number;
  /** Where the counts come from: a citation, a file name. */
  readonly source: string;
  readonly fit: SirFit;
  /** The parametric bootstrap of R0, if one was run. */
  readonly bootstrap?: Bootstrap & { readonly samples: number; readonly seed: number };
  /** What produced the file: "gakusai sim CLI", the page URL, … */
  readonly generator?: string;
}

/** A reported number: its unit id (`1` for dimensionless) and an English label. */
interface Quantity {
  readonly value: number;
  readonly unit: string;
  readonly label: string;
}

/** The fitted parameters and the quality of the fit, in the order they are reported. */
export function fitSummary(fit: SirFit): Record<string, number> {
  return valuesOf(fitQuantities(fit));
}

/** The bootstrap's outcome (R0 interval, median, redrawn epidemics), in the order reported. */
export function bootstrapSummary(bootstrap: Bootstrap & { readonly samples: number }): Record<string, number> {
  return valuesOf(bootstrapQuantities(bootstrap));
}

function fitQuantities(fit: SirFit): Record<string, Quantity> {
  return {
    beta: { value: fit.beta, unit: 'per-day', label: 'Transmission rate β' },
    gamma: { value: fit.gamma, unit: 'per-day', label: 'Recovery rate γ' },
    infectiousDays: { value: 1 / fit.gamma, unit: 'day', label: 'Mean infectious period 1/γ' },
    initialInfected: { value: fit.initialInfected, unit: 'people', label: 'Infected at day 0, I0' },
    R0: { value: fit.R0, unit: '1', label: 'Basic reproduction number β/γ' },
    sumOfSquares: { value: fit.sumOfSquares, unit: 'people^2', label: 'Residual sum of squares' },
    iterations: { value: fit.iterations, unit: '1', label: 'Levenberg–Marquardt iterations' },
  };
}

function bootstrapQuantities(bootstrap: Bootstrap & { readonly samples: number }): Record<string, Quantity> {
  return {
    samples: { value: bootstrap.samples, unit: '1', label: 'Synthetic epidemics refitted' },
    low: { value: bootstrap.low, unit: '1', label: 'R0, lower end of the central 95 %' },
    high: { value: bootstrap.high, unit: '1', label: 'R0, upper end of the central 95 %' },
    median: { value: median(bootstrap.R0), unit: '1', label: 'R0, median of the refitted values' },
    redrawn: { value: bootstrap.redrawn, unit: '1', label: 'Epidemics that died out early and were drawn again' },
  };
}

function valuesOf(quantities: Record<string, Quantity>): Record<string, number> {
  return Object.fromEntries(Object.entries(quantities).map(([name, q]) => [name, q.value]));
}

/** The median of sorted values (the mean of the middle two for an even count). */
function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A comment line: `# ` and the text, with line breaks folded so a comment stays one line. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

function quantityComments(group: string, quantities: Record<string, Quantity>): string[] {
  return Object.entries(quantities).map(([name, q]) => comment(`${group} ${name}: ${csvNumber(q.value)} [${q.unit}] ${q.label}`));
}

const COLUMNS: readonly (readonly [name: string, unit: string, label: string])[] = [
  ['day', 'day', 'Day'],
  ['count', 'people', 'Count in the data'],
  ['fitted', 'people', 'Fitted model I(t)'],
  ['residual', 'people', 'Count minus fitted'],
];

export function fitToCsv(input: FitCsvInput): string {
  const { data, fit, bootstrap } = input;
  const days = data.day.length;
  if (data.count.length !== days || fit.fitted.length !== days || fit.residuals.length !== days) {
    throw new Error(`days, counts, fitted values and residuals differ in number (${days}, ${data.count.length}, ${fit.fitted.length}, ${fit.residuals.length})`);
  }
  const lines = [comment('Gakusai SIR fit to daily counts'), comment(`source: ${input.source}`), comment(`population N: ${csvNumber(input.N)}`)];
  if (input.generator !== undefined) lines.push(comment(`generator: ${input.generator}`));
  lines.push(...quantityComments('fit', fitQuantities(fit)));
  if (bootstrap) {
    lines.push(comment(`bootstrap seed: ${bootstrap.seed}`), ...quantityComments('bootstrap', bootstrapQuantities(bootstrap)));
  }
  lines.push(...COLUMNS.map(([name, unit, label]) => comment(`column ${name}: ${label} [${unit}]`)));
  lines.push(COLUMNS.map(([name]) => csvField(name)).join(','));
  for (let i = 0; i < days; i++) {
    lines.push([data.day[i]!, data.count[i]!, fit.fitted[i]!, fit.residuals[i]!].map(csvNumber).join(','));
  }
  return lines.join('\n') + '\n';
}
