import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../simulations/core/engine.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import { sirStochasticEngine } from '../../simulations/sir-stochastic/index.ts';

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
