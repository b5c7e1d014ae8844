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
import { slenderRodCapacitance, twoSphereC11 } from './electrostatics.ts';
import { icosphere } from '../../simulations/theremin-field/mesh.ts';
import { PanelSet } from '../../simulations/theremin-field/panels.ts';
import { solveCharges, ThereminSolver } from '../../simulations/theremin-field/solver.ts';
import { geometryOf } from '../../simulations/theremin-field/model-params.ts';
import { resolutionFor } from '../../simulations/theremin-field/geometry.ts';
import { thereminFieldParams } from '../../simulations/theremin-field/spec.ts';
import { beatFrequency, pitchFrequency } from '../../simulations/theremin-circuit/circuit.ts';
import { RfCircuit, SAMPLE_RATE } from '../../simulations/theremin-circuit/rf-circuit.ts';
import { PICO, pitchCircuitOf, VOLUME_TANK } from '../../simulations/theremin-circuit/values.ts';
import { handCapacitanceAt, ThereminVoice } from '../../simulations/theremin-circuit/voice.ts';
import { capacitanceCurveTask } from '../../simulations/theremin-field/tasks.ts';
import { jammingScaling, nonIsostaticSeeds } from './jamming-scaling.ts';

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

// Theremin 1: boundary elements against exact electrostatics, at the finest mesh (level 3).
{
  const devs: number[] = [];
  for (const [b, gapOverA] of [[1, 0.2], [1, 0.5], [1, 1], [1, 2], [1, 4], [2, 0.5], [2, 1], [2, 3], [0.5, 0.5], [0.5, 2]] as const) {
    const one = PanelSet.fromMesh(icosphere(3, 1));
    const two = PanelSet.fromMesh(icosphere(3, b));
    const s = 1 + b + gapOverA;
    const both = new PanelSet(one.count + two.count);
    both.copyFrom(one, 0, 0, 0, 0);
    both.copyFrom(two, one.count, s, 0, 0);
    const q = solveCharges(both, new Float64Array(both.count).fill(1, 0, one.count));
    let c11 = 0;
    for (let j = 0; j < one.count; j++) c11 += q[j]!;
    devs.push(Math.abs(c11 / twoSphereC11(1, b, s) - 1));
  }
  record('theremin-field: c11 of two spheres (radii 1 and b), level 3, vs image series', devs, 0.01);
  const g = geometryOf(defaultsOf(thereminFieldParams));
  const rod = new ThereminSolver(g, resolutionFor(3, g)).rodCapacitance;
  record('theremin-field: 0.5 m × 5 mm rod, level 3, vs slender-body series (next term 0.7 %)', [Math.abs(rod / slenderRodCapacitance(g.rodLength, g.rodRadius) - 1)], 0.01);
  const coarse = capacitanceCurveTask({ refinement: 2 });
  const fine = capacitanceCurveTask({ refinement: 3 });
  record('theremin-field: ΔC(gap), level 2 (shipped) vs level 3, relative, 30 gaps', coarse.handCapacitance.map((c, i) => Math.abs(c / fine.handCapacitance[i]! - 1)), 0.05);
}

// Theremin 2: tank frequencies measured from the RF simulation against the resonance conditions.
{
  const plain: number[] = [];
  for (const L of [0.5, 1, 2, 5]) {
    for (const C0 of [50, 100, 200, 400]) {
      const pitch = pitchCircuitOf({ inductance: L, tankCapacitance: C0, antennaCapacitance: 10, coil: false, coilInductance: 24 });
      const c = new RfCircuit({ pitch, volume: VOLUME_TANK, handCapacitance: 1 * PICO, volumeHandCapacitance: 0, mixLevel: 0.8, filterCutoff: 8000 });
      c.run(Math.round(0.004 * SAMPLE_RATE));
      plain.push(Math.abs(c.pitchMeter.frequency / pitchFrequency(pitch, 1 * PICO) - 1));
    }
  }
  record('theremin-circuit: measured tank frequency vs 1/(2π√(LC)), 16 tanks', plain, 1e-5);
  const coil: number[] = [];
  const zero: number[] = [];
  for (const La of [23, 24, 30, 40]) {
    for (const hand of [0, 0.2, 1, 5]) {
      const pitch = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil: true, coilInductance: La });
      const c = new RfCircuit({ pitch, volume: VOLUME_TANK, handCapacitance: hand * PICO, volumeHandCapacitance: 0, mixLevel: 0.8, filterCutoff: 8000 });
      c.run(Math.round(0.004 * SAMPLE_RATE));
      coil.push(Math.abs(c.pitchMeter.frequency / pitchFrequency(pitch, hand * PICO) - 1));
      if (hand === 0) zero.push(Math.abs(c.fixedMeter.frequency - c.pitchMeter.frequency));
    }
  }
  record('theremin-circuit: with the coil, measured vs coupled-tank resonance, 16 cases', coil, 1e-5);
  record('theremin-circuit: |f1 − f2| (Hz) with the hand far away, 4 coils', zero, 1);
}

// Theremin 3: the real-time voice against the circuit model over the whole playing range.
{
  const data = capacitanceCurveTask({});
  const curve = { gap: Float64Array.from(data.gap, (x) => x / 100), capacitance: Float64Array.from(data.handCapacitance, (x) => x * PICO) };
  const devs: number[] = [];
  for (const coil of [false, true]) {
    const pitch = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil, coilInductance: 24 });
    for (let k = 0; k < 20; k++) {
      const gap = 0.015 * (0.55 / 0.015) ** (k / 19);
      const expected = beatFrequency(pitch, handCapacitanceAt(curve, gap));
      if (expected < 40) continue;
      const v = new ThereminVoice({ sampleRate: 48_000, pitch, volume: VOLUME_TANK, pitchHand: curve, volumeHand: curve, mixLevel: 0.8, filterCutoff: 8000 });
      const block = new Float32Array(128);
      const x = new Float32Array(48_000);
      for (let b = 0; b < x.length / 128; b++) {
        v.setHands(gap, 0.6);
        if (b === 0) v.jumpToTargets();
        v.render(block, 1);
        x.set(block, b * 128);
      }
      let n = 0, first = 0, last = 0;
      for (let i = 4800; i < x.length; i++) {
        if (x[i - 1]! < 0 && x[i]! >= 0) {
          const t = i - x[i]! / (x[i]! - x[i - 1]!);
          if (n === 0) first = t;
          last = t;
          n++;
        }
      }
      devs.push(Math.abs(((n - 1) / (last - first)) * 48_000 / expected - 1));
    }
  }
  record('theremin voice: fundamental vs the circuit model, 40 hand positions', devs, 0.01);
}

// Jamming: φ_J and the scaling of p and Z above it (N = 1024, 10 seeds); isostaticity (N = 256, 10 seeds).
{
  const r = jammingScaling(1024, 10, 2031, (done, phiJ, seconds) => console.log(`jamming: seed ${done} of 10 jammed at φ = ${phiJ.toFixed(5)} (${seconds.toFixed(0)} s)`));
  const mean = r.phiJ.reduce((a, b) => a + b, 0) / r.phiJ.length;
  console.log(`jamming: mean φ_J ${mean.toFixed(4)}; p exponent ${r.pressureExponent.toFixed(3)}, Z exponent ${r.contactExponent.toFixed(3)}; contacts above isostatic at φ_J (N = 1024): ${r.excessContacts.join(', ')}`);
  record('jamming: |mean φ_J − 0.84| of 10 fast quenches, N = 1024, seed 2031 (within [0.83, 0.85])', [Math.abs(mean - 0.84)], 0.01);
  record('jamming: |exponent of p(Δφ) − 1|, harmonic, N = 1024, Δφ = 1e-4 … 1e-1', [Math.abs(r.pressureExponent - 1)], 0.1);
  record('jamming: |exponent of Z − Z_iso − ½|, N = 1024, N·Δφ ≥ 1', [Math.abs(r.contactExponent - 0.5)], 0.1);
  record("jamming: seeds not isostatic at φ_J (O'Hern window), N = 256, 10 seeds, seed 2032", [nonIsostaticSeeds(256, 10, 2032)], 0);
}

let failed = 0;
console.log('check'.padEnd(78), 'cases'.padStart(7), 'worst'.padStart(11), 'tolerance'.padStart(11), ' result');
for (const c of checks) {
  const ok = c.worst <= c.tolerance;
  if (!ok) failed++;
  console.log(c.name.padEnd(78), String(c.cases).padStart(7), c.worst.toExponential(2).padStart(11), c.tolerance.toExponential(0).padStart(11), ok ? ' ok' : ' FAIL');
}
process.exit(failed ? 1 : 0);
