/**
 * Full-size validation runs, too long for `npm test`: `npm run validate:full`.
 * Prints each check with its worst deviation and tolerance; exits 1 if any fails.
 * Results of the last run are recorded in the engines' READMEs.
 */
import { runToEnd } from '../../simulations/core/engine.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import { sirEngine } from '../../simulations/sir/index.ts';
import { sirNetworkEngine } from '../../simulations/sir-network/index.ts';
import type { Graph } from '../../simulations/sir-network/graphs.ts';
import { sirStochasticEngine } from '../../simulations/sir-stochastic/index.ts';
import { betaFor, degreeDistribution, percolation } from './percolation.ts';
import { bootstrapR0, fitSir } from '../../simulations/sir-fit/fit.ts';
import { chiSquare, exactFinalSize as exactFinalSizeDistribution } from './exact-final-size.ts';

interface Check {
  name: string;
  worst: number;
  tolerance: number;
  cases: number;
}
const checks: Check[] = [];
function record(name: string, deviations: number[], tolerance: number): void {
  checks.push({ name, worst: deviations.reduce((a, b) => Math.max(a, b), 0), tolerance, cases: deviations.length });
}

/** s∞ from ln(s∞/s0) = −R0 (s0 + i0 − s∞), by bisection in log s (independent of the engine's solver). */
function exactFinalSize(R0: number, s0: number, i0: number): number {
  let lo = -745;
  let hi = Math.min(Math.log(s0), -Math.log(R0));
  const g = (x: number) => x - Math.log(s0) + R0 * (s0 + i0 - Math.exp(x));
  for (let k = 0; k < 300; k++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return s0 + i0 - Math.exp(0.5 * (lo + hi));
}

// 1. Deterministic SIR/SEIR on a fine grid.
{
  const base = defaultsOf(sirEngine.params);
  const finalDev: number[] = [];
  const peakDev: number[] = [];
  const seirDev: number[] = [];
  const conservation: number[] = [];
  for (let R0 = 1.1; R0 <= 20; R0 *= 1.07) {
    for (const i0 of [1e-8, 1e-6, 1e-4, 1e-2, 0.1]) {
      for (const v of [0, 0.1, 0.3, 0.5]) {
        const s0 = 1 - v - i0;
        if (s0 <= 0 || R0 * s0 < 1.02) continue; // too close to threshold to finish in 3650 days
        const gamma = R0 > 5 ? 0.05 : 0.2;
        const p = { ...base, R0, gamma, N: 1e6, initialInfected: i0 * 1e6, vaccinated: v, tMax: 3650, outputInterval: 1 };
        const run = sirEngine.create(p, 0);
        runToEnd(run, 1e9);
        const f = run.observe();
        if (f.summary['stillInfectious']! > 1e-12) continue;
        finalDev.push(Math.abs(f.summary['finalSize']! - exactFinalSize(R0, s0, i0)));
        peakDev.push(Math.abs(f.summary['peakPrevalence']! - (i0 + s0 - (1 + Math.log(R0 * s0)) / R0)));
        for (let k = 0; k < f.length; k++) {
          const sum = f.series['S']![k]! + f.series['E']![k]! + f.series['I']![k]! + f.series['R']![k]! + f.series['V']![k]!;
          conservation.push(Math.abs(sum - 1e6) / 1e6);
        }
        const seir = sirEngine.create({ ...p, model: 'SEIR', sigma: 0.3 }, 0);
        runToEnd(seir, 1e9);
        const fs = seir.observe();
        if (fs.summary['stillInfectious']! < 1e-12) seirDev.push(Math.abs(fs.summary['finalSize']! - f.summary['finalSize']!));
      }
    }
  }
  record('sir: final size vs exact relation', finalDev, 1e-8);
  record('sir: peak prevalence vs closed form', peakDev, 1e-8);
  record('sir: conservation S+E+I+R+V = N (relative, every row)', conservation, 1e-12);
  record('seir: final size equals SIR', seirDev, 1e-8);
}

// 2. Stochastic SIR: P(total infected = 1) = 1/(1 + R0 (N−1)/N), in units of the standard error.
{
  const base = defaultsOf(sirStochasticEngine.params);
  const zScores: number[] = [];
  for (const N of [20, 100, 1000]) {
    for (const R0 of [0.5, 1.5, 3]) {
      const runs = 200_000;
      let single = 0;
      for (let k = 0; k < runs; k++) {
        const run = sirStochasticEngine.create({ ...base, N, R0, initialInfected: 1 }, 2026, k);
        runToEnd(run, 1e12);
        if (run.observe().summary['finalSize'] === 1 / N) single++;
      }
      const p = 1 / (1 + (R0 * (N - 1)) / N);
      zScores.push(Math.abs(single / runs - p) / Math.sqrt((p * (1 - p)) / runs));
    }
  }
  record('sir-stochastic: P(total = 1), |z| over 9 (N, R0), 2·10^5 runs each, seed 2026', zScores, 4);
}

// 3. Stochastic SIR: the whole final-size distribution against the exact one (chi-square z).
{
  const base = defaultsOf(sirStochasticEngine.params);
  const zs: number[] = [];
  for (const N of [20, 100, 1000]) {
    for (const R0 of [0.8, 1.5, 3]) {
      const runs = 100_000;
      const counts = new Float64Array(N + 1);
      for (let k = 0; k < runs; k++) {
        const run = sirStochasticEngine.create({ ...base, N, R0, initialInfected: 1, tMax: 3650, outputInterval: 10 }, 2027, k);
        runToEnd(run, 1e12);
        counts[Math.round(run.observe().summary['finalSize']! * N)]!++;
      }
      zs.push(chiSquare(counts, exactFinalSizeDistribution(N, 1, R0)).z);
    }
  }
  record('sir-stochastic: final-size distribution, chi-square z over 9 (N, R0), 10^5 runs, seed 2027', zs, 3.09);
}

// 4. SIR on networks of 10^5 people against bond percolation: the mean final size of major
//    outbreaks (over 10 % ever infected) is S = 1 − G0(1 − T + Tu), from each run's own graph
//    (run k, stream k, builds its own network).
{
  const base = defaultsOf(sirNetworkEngine.params);
  const N = 100_000;
  const deviations: number[] = [];
  for (const [network, meanDegree] of [['regular', 4], ['er', 5], ['powerlaw', 6]] as const) {
    for (const T of [0.35, 0.5, 0.7]) {
      let simulated = 0;
      let predicted = 0;
      let majors = 0;
      for (let k = 0; k < 20; k++) {
        const run = sirNetworkEngine.create({ ...base, network, N, meanDegree, beta: betaFor(T, 0.2), gamma: 0.2, tMax: 3650, outputInterval: 10 }, 2028, k);
        const { S, Tc } = percolation(degreeDistribution((run as unknown as { graph: Graph }).graph), T);
        if (T < 1.5 * Tc) break; // too near the threshold for 10^5 people
        runToEnd(run, 1e12);
        const z = run.observe().summary['finalSize']!;
        if (z <= 0.1) continue;
        simulated += z;
        predicted += S;
        majors++;
      }
      if (majors >= 5) deviations.push(Math.abs(simulated - predicted) / majors);
    }
  }
  record('sir-network: major final size − percolation S, N = 10^5, 3 networks × 3 T, seed 2028', deviations, 0.01);
}

// 5. The boarding-school fit's bootstrap interval, tested for coverage: 40 outbreaks of the
//    stochastic model with known β, γ (those fitted to the school) in a school of 763, each
//    fitted, each given a 95 % parametric-bootstrap interval (100 samples): the interval should
//    contain the true R0 about 95 % of the time. Recorded: |coverage − 0.95|.
{
  const base = defaultsOf(sirStochasticEngine.params);
  const N = 763;
  const truth = { beta: 1.79, gamma: 0.455 };
  const R0 = truth.beta / truth.gamma;
  const days = Array.from({ length: 14 }, (_, i) => i + 1);
  let covered = 0;
  let datasets = 0;
  for (let stream = 0; datasets < 40; stream++) {
    const run = sirStochasticEngine.create({ ...base, N, R0, gamma: truth.gamma, initialInfected: 1, tMax: 14, outputInterval: 1 }, 2029, stream);
    runToEnd(run, 1e12);
    const f = run.observe();
    const I = f.series['I']!;
    if (I[14]! + f.series['R']![14]! < N / 10) continue; // died out: not like the school
    const data = { day: days, count: days.map((d) => I[d]!) };
    const fit = fitSir(data, N);
    const b = bootstrapR0(fit, data, N, 100, 3000 + datasets);
    if (b.low <= R0 && R0 <= b.high) covered++;
    datasets++;
  }
  console.log(`sir-fit: the bootstrap interval covered the true R0 in ${covered} of ${datasets} synthetic outbreaks`);
  record('sir-fit: |coverage − 0.95| of the 95 % bootstrap interval, 40 outbreaks, seed 2029', [Math.abs(covered / datasets - 0.95)], 0.12);
}

let failed = 0;
console.log('check'.padEnd(78), 'cases'.padStart(7), 'worst'.padStart(11), 'tolerance'.padStart(11), ' result');
for (const c of checks) {
  const ok = c.worst <= c.tolerance;
  if (!ok) failed++;
  console.log(c.name.padEnd(78), String(c.cases).padStart(7), c.worst.toExponential(2).padStart(11), c.tolerance.toExponential(0).padStart(11), ok ? ' ok' : ' FAIL');
}
process.exit(failed ? 1 : 0);
