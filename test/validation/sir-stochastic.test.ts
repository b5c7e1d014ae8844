import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../simulations/core/engine.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import { sirStochasticEngine } from '../../simulations/sir-stochastic/index.ts';
import { chiSquare, exactFinalSize } from './exact-final-size.ts';

const base = defaultsOf(sirStochasticEngine.params);

describe('stochastic SIR (Gillespie direct method)', () => {
  it('conserves S + I + R = N on every observation and stops when no infective is left', () => {
    for (const stream of [0, 1, 2, 3, 4]) {
      const run = sirStochasticEngine.create({ ...base, N: 300, R0: 3 }, 11, stream);
      runToEnd(run, 1e9);
      const f = run.observe();
      for (let k = 0; k < f.length; k++) expect(f.series['S']![k]! + f.series['I']![k]! + f.series['R']![k]!).toBe(300);
      expect(f.done).toBe(true);
    }
  });

  it('the chance that nobody else is infected is 1/(1 + R0 (N−1)/N) (20 000 runs, seed 5, within 4σ)', () => {
    const N = 100;
    const R0 = 2;
    const runs = 20_000;
    let single = 0;
    for (let k = 0; k < runs; k++) {
      const run = sirStochasticEngine.create({ ...base, N, R0, initialInfected: 1 }, 5, k);
      runToEnd(run, 1e9);
      if (run.observe().summary['finalSize'] === 1 / N) single++;
    }
    const p = 1 / (1 + (R0 * (N - 1)) / N);
    const sigma = Math.sqrt((p * (1 - p)) / runs);
    expect(Math.abs(single / runs - p)).toBeLessThan(4 * sigma);
  });

  it('gives bit-identical output however advance() is chunked, and after snapshot/restore', () => {
    const params = { ...base, N: 2000, R0: 2.5, initialInfected: 5 };
    const whole = sirStochasticEngine.create(params, 9, 3);
    runToEnd(whole, 1e12);
    const ref = whole.observe();
    for (const chunk of [1, 3, 64, 1000]) {
      const run = sirStochasticEngine.create(params, 9, 3);
      runToEnd(run, chunk);
      const f = run.observe();
      expect(f.length).toBe(ref.length);
      for (const name of Object.keys(ref.series)) expect(Array.from(f.series[name]!.subarray(0, f.length))).toEqual(Array.from(ref.series[name]!.subarray(0, ref.length)));
      expect(f.summary).toEqual(ref.summary);
    }
    const a = sirStochasticEngine.create(params, 9, 3);
    a.advance(500);
    const b = sirStochasticEngine.create(params, 1, 0);
    b.restore(structuredClone(a.snapshot()));
    runToEnd(b, 77);
    expect(b.observe().summary).toEqual(ref.summary);
  });
});

describe('stochastic SIR: the observation window', () => {
  it('records the state at tMax even when kΔ rounds above it, and time never runs back when tMax is lowered', () => {
    const run = sirStochasticEngine.create({ ...base, N: 5000, R0: 3, initialInfected: 20, tMax: 7, outputInterval: 0.07 }, 1, 0);
    runToEnd(run, 1e9);
    expect(run.observe().length).toBe(101);

    const long = sirStochasticEngine.create({ ...base, N: 100_000, R0: 3, initialInfected: 50, tMax: 365 }, 3, 0);
    long.advance(20_000);
    const t = long.observe().summary['time']!;
    long.setLiveParams({ ...base, N: 100_000, R0: 3, initialInfected: 50, tMax: t / 2 });
    const r = long.advance(10);
    expect(r.done).toBe(true);
    expect(long.observe().summary['time']).toBe(t);
  });
});

describe('stochastic SIR: the distribution of the final size', () => {
  it('the exact distribution sums to 1 and gives P(total = 1) = 1/(1 + R0 (N−1)/N)', () => {
    for (const [N, R0] of [[20, 1.5], [100, 2], [1000, 3]] as const) {
      const p = exactFinalSize(N, 1, R0);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(p[1]).toBeCloseTo(1 / (1 + (R0 * (N - 1)) / N), 14);
    }
  });

  // Seed 17; runs to the end (tMax long enough that every epidemic is over).
  for (const { N, R0, i0, runs } of [
    { N: 20, R0: 1.5, i0: 1, runs: 20_000 },
    { N: 100, R0: 2, i0: 1, runs: 20_000 },
    { N: 100, R0: 0.8, i0: 3, runs: 10_000 },
    { N: 1000, R0: 1.5, i0: 1, runs: 4_000 },
  ]) {
    it(`matches the exact distribution by a chi-square test: N = ${N}, R0 = ${R0}, ${i0} initial (${runs} runs, seed 17)`, () => {
      const counts = new Float64Array(N + 1);
      for (let k = 0; k < runs; k++) {
        const run = sirStochasticEngine.create({ ...base, N, R0, initialInfected: i0, tMax: 3650, outputInterval: 10 }, 17, k);
        runToEnd(run, 1e9);
        const f = run.observe();
        expect(f.summary['extinct']).toBe(1);
        counts[Math.round(f.summary['finalSize']! * N)]!++;
      }
      const { z, df } = chiSquare(counts, exactFinalSize(N, i0, R0));
      expect(df).toBeGreaterThan(5);
      expect(z).toBeLessThan(3.09);
    });
  }

  it('the chi-square test can fail: it rejects the exact distribution for R0 off by 5 % (N = 100, 20 000 runs, seed 29)', () => {
    const N = 100;
    const counts = new Float64Array(N + 1);
    for (let k = 0; k < 20_000; k++) {
      const run = sirStochasticEngine.create({ ...base, N, R0: 2, initialInfected: 1, tMax: 3650, outputInterval: 10 }, 29, k);
      runToEnd(run, 1e9);
      counts[Math.round(run.observe().summary['finalSize']! * N)]!++;
    }
    expect(chiSquare(counts, exactFinalSize(N, 1, 2)).z).toBeLessThan(3.09);
    expect(chiSquare(counts, exactFinalSize(N, 1, 2.1)).z).toBeGreaterThan(3.09);
  });

  it('the exact probability of a minor outbreak tends to R0^(−k) as N grows (k = 1, 3)', () => {
    for (const [R0, k] of [[2, 1], [2.5, 3], [1.5, 1]] as const) {
      const limit = R0 ** -k;
      const gaps = [250, 1000, 4000].map((N) => {
        // Minor: at most a tenth of the population ever infected (the two modes are far apart).
        const p = exactFinalSize(N, k, R0);
        let minor = 0;
        for (let j = 0; j <= N / 10; j++) minor += p[j]!;
        return Math.abs(minor - limit);
      });
      expect(gaps[1]!).toBeLessThan(gaps[0]!);
      expect(gaps[2]!).toBeLessThan(gaps[1]!);
      expect(gaps[2]!).toBeLessThan(0.01);
    }
  });

  it('simulated major outbreaks occur with probability 1 − 1/R0 (N = 4000, R0 = 2, 4000 runs, seed 23, within 4σ of the exact finite-N value)', () => {
    const N = 4000;
    const R0 = 2;
    const runs = 4000;
    let major = 0;
    for (let k = 0; k < runs; k++) {
      const run = sirStochasticEngine.create({ ...base, N, R0, initialInfected: 1, tMax: 3650, outputInterval: 10 }, 23, k);
      runToEnd(run, 1e9);
      if (run.observe().summary['finalSize']! > 0.1) major++;
    }
    const p = exactFinalSize(N, 1, R0);
    let exactMajor = 0;
    for (let j = Math.floor(N / 10) + 1; j <= N; j++) exactMajor += p[j]!;
    expect(Math.abs(exactMajor - (1 - 1 / R0))).toBeLessThan(0.01);
    const sigma = Math.sqrt((exactMajor * (1 - exactMajor)) / runs);
    expect(Math.abs(major / runs - exactMajor)).toBeLessThan(4 * sigma);
  });
});
