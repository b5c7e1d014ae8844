import { describe, expect, it } from 'vitest';
import { rk4Days } from './rk4.ts';
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

describe('stochastic SIR: the plain-SIR fast path', () => {
  it('gives exactly the runs of the general loop (forced by a vaccination that starts after tMax)', () => {
    for (const stream of [0, 1, 2]) {
      const plain = { ...base, N: 5000, R0: 2.5, initialInfected: 3, tMax: 300 };
      const fast = sirStochasticEngine.create(plain, 19, stream);
      const general = sirStochasticEngine.create({ ...plain, vaccinationRate: 0.1, vaccinationStart: 3650 }, 19, stream);
      runToEnd(fast, 97);
      runToEnd(general, 97);
      const a = fast.observe();
      const b = general.observe();
      expect(b.summary).toEqual(a.summary);
      expect(b.length).toBe(a.length);
      for (const name of ['t', 'S', 'E', 'I', 'R', 'V']) expect(Array.from(b.series[name]!.subarray(0, b.length))).toEqual(Array.from(a.series[name]!.subarray(0, a.length)));
    }
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

describe('stochastic SEIR and interventions', () => {
  const finalSizes = (params: Record<string, unknown>, runs: number, seed: number) => {
    const counts = new Float64Array((params['N'] as number) + 1);
    for (let k = 0; k < runs; k++) {
      const run = sirStochasticEngine.create({ ...base, tMax: 3650, outputInterval: 10, ...params } as typeof base, seed, k);
      runToEnd(run, 1e9);
      const f = run.observe();
      expect(f.summary['extinct']).toBe(1);
      counts[Math.round(f.summary['finalSize']! * (params['N'] as number))]!++;
    }
    return counts;
  };

  it('SEIR has the final-size distribution of SIR: a latent period changes when, not whom (N = 100, R0 = 2, σ = 0.3, 20 000 runs, seed 31)', () => {
    const counts = finalSizes({ model: 'SEIR', sigma: 0.3, N: 100, R0: 2, initialInfected: 1 }, 20_000, 31);
    expect(chiSquare(counts, exactFinalSize(100, 1, 2)).z).toBeLessThan(3.09);
  });

  it('vaccinated before the outbreak: the exact distribution with fewer susceptibles (N = 200, 30 % immune, R0 = 3, 20 000 runs, seed 37)', () => {
    const counts = finalSizes({ N: 200, R0: 3, vaccinated: 0.3, initialInfected: 2 }, 20_000, 37);
    expect(chiSquare(counts, exactFinalSize(200, 2, 3, 200 - 60 - 2)).z).toBeLessThan(3.09);
  });

  it('contacts reduced for the whole run act as R0 × factor (N = 100, R0 = 3, factor 0.6, 20 000 runs, seed 41)', () => {
    const counts = finalSizes({ N: 100, R0: 3, contactFactor: 0.6, contactStart: 0, contactEnd: 3650 }, 20_000, 41);
    expect(chiSquare(counts, exactFinalSize(100, 1, 1.8)).z).toBeLessThan(3.09);
  });

  it('herd immunity: the chance of a major outbreak tends to 1 − 1/(R0 (1 − v)) above the threshold and to 0 below it', () => {
    const R0 = 2.5;
    const majorChance = (N: number, v: number) => {
      const V = Math.round(v * N);
      const p = exactFinalSize(N, 1, R0, N - V - 1);
      let major = 0;
      for (let k = Math.floor(N / 10) + 1; k <= N; k++) major += p[k]!;
      return major;
    };
    // v = 0.5 (R0(1 − v) = 1.25): 1 − 1/1.25 = 0.2.
    expect(Math.abs(majorChance(4000, 0.5) - 0.2)).toBeLessThan(0.02);
    // Beyond the threshold 1 − 1/R0 = 0.6 major outbreaks vanish as N grows.
    const beyond = [500, 2000, 8000].map((N) => majorChance(N, 0.65));
    expect(beyond[1]!).toBeLessThan(beyond[0]!);
    expect(beyond[2]!).toBeLessThan(1e-3);
  });

  it('with many initial cases the mean of 20 runs follows the mean-field equations, restrictions and vaccination included (N = 10^5, seed 43)', () => {
    const N = 100_000;
    const runs = 20;
    const params = {
      ...base, model: 'SEIR' as const, sigma: 0.5, N, R0: 2.5, gamma: 0.2, initialInfected: 1000, tMax: 150, outputInterval: 1,
      contactFactor: 0.4, contactStart: 10, contactEnd: 40, vaccinationRate: 0.01, vaccinationStart: 20,
    };
    const names = ['S', 'E', 'I', 'R', 'V'];
    const mean = names.map(() => new Float64Array(151));
    for (let k = 0; k < runs; k++) {
      const run = sirStochasticEngine.create(params, 43, k);
      runToEnd(run, 1e9);
      const f = run.observe();
      for (let d = 0; d <= 150; d++) {
        let sum = 0;
        names.forEach((n, j) => {
          mean[j]![d]! += f.series[n]![d]! / runs;
          sum += f.series[n]![d]!;
        });
        expect(sum).toBe(N);
      }
    }
    // The same model as differential equations, by classical Runge–Kutta with steps that land on
    // every switch (days 10, 20, 40), written here independently of the engines.
    const rates = (t: number, [s, e, i]: readonly number[]) => {
      const beta = params.R0 * params.gamma * (t >= 10 && t < 40 ? 0.4 : 1);
      const nu = t >= 20 ? 0.01 : 0;
      const inf = (beta * s! * i!) / N;
      return [-inf - nu * s!, inf - params.sigma * e!, params.sigma * e! - params.gamma * i!, params.gamma * i!, nu * s!];
    };
    const reference = rk4Days(rates, [N - 1000, 0, 1000, 0, 0], 150, 100);
    let worst = 0;
    for (let day = 0; day <= 150; day++) {
      names.forEach((_, j) => (worst = Math.max(worst, Math.abs(mean[j]![day]! - reference[day]![j]!) / N)));
    }
    // One run strays by about 1 % of N around the steep fall of S (its timing fluctuates by
    // hours); the mean of 20 by a few tenths of a percent. A wrong rate or a missed switch shows
    // as several percent.
    expect(worst).toBeLessThan(0.005);
  });
});
