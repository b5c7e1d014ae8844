/**
 * Physics validation of the deterministic SIR/SEIR engine (simulations/sir) against exact results
 * that this file computes itself; nothing here is taken from simulations/sir/analytic.ts.
 *
 *  - S + E + I + R + V = N on every observed row, to 1e-12 relative;
 *  - the final-size relation ln(s∞/s0) = −R0 (s0 + i0 − s∞) (Kermack & McKendrick 1927), to 1e-8,
 *    and its i0 → 0 limit z = 1 − e^(−R0 z) at R0 = 1.5, 2, 3 (literature values), to 1e-6;
 *  - the SIR peak prevalence i_max = i0 + s0 − (1 + ln(R0 s0))/R0, to 1e-8, with s = 1/R0 at the
 *    peak, to 1e-6;
 *  - SEIR: the same final size (to 1e-8), a later and lower peak;
 *  - herd immunity: at v = 1 − 1/R0 the infected never exceed I(0);
 *  - determinism: bit-identical output however the work is chunked, and across snapshot/restore;
 *  - live parameters: a mid-run change of R0 keeps the state continuous and the new R0 governs
 *    the rest of the epidemic exactly (final-size relation from the state at the switch);
 *  - the parameter validator: every bad value rejected with its code.
 */
import { describe, expect, it } from 'vitest';
import { rk4Days } from './rk4.ts';
import { runToEnd, type Frame } from '../../simulations/core/engine.ts';
import { defaultsOf, validateParams } from '../../simulations/core/params.ts';
import { sirEngine } from '../../simulations/sir/index.ts';
import { presetsFor, sirCrossCheck, sirParams, sirPresets, type SirParams } from '../../simulations/sir/params.ts';

// ---------------------------------------------------------------------------------------------
// Exact references, computed here.

/**
 * s∞ from F(s) = ln(s/s0) + R0 (s0 + i0 − s) = 0 (R(0) = 0, E(0) = 0). F(s0) = R0 i0 > 0 and
 * F → −∞ as s → 0; on (0, min(s0, 1/R0)] F is increasing (F'(s) = 1/s − R0 > 0) and on
 * [1/R0, s0] it stays above F(s0) > 0, so the root is unique in (0, min(s0, 1/R0)).
 * Bisection on u = ln s (s∞ can be ~e^(−R0) small), then Newton steps in u to polish.
 */
function exactFinalSusceptible(R0: number, s0: number, i0: number): number {
  if (i0 === 0) return s0;
  const F = (u: number) => u - Math.log(s0) + R0 * (s0 + i0 - Math.exp(u));
  let hi = Math.log(Math.min(s0, 1 / R0));
  if (F(hi) <= 0) return Math.exp(hi); // only when the root sits exactly at the bracket end
  let lo = hi - 1;
  while (F(lo) > 0) lo -= 2 * (hi - lo);
  for (let k = 0; k < 300; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (F(mid) > 0) hi = mid;
    else lo = mid;
  }
  let u = 0.5 * (lo + hi);
  for (let k = 0; k < 3; k++) {
    const d = 1 - R0 * Math.exp(u); // dF/du
    if (d > 0) u -= F(u) / d;
  }
  return Math.exp(u);
}

/** Fraction ever infected, the initially infected included: s0 + i0 − s∞. */
function exactFinalSize(R0: number, s0: number, i0: number): number {
  return s0 + i0 - exactFinalSusceptible(R0, s0, i0);
}

/** z = 1 − e^(−R0 z), the positive root (R0 > 1), by Newton from z = 1. */
function classicFinalSize(R0: number): number {
  let z = 1;
  for (let k = 0; k < 100; k++) {
    const g = z - 1 + Math.exp(-R0 * z);
    const dz = g / (1 - R0 * Math.exp(-R0 * z));
    z -= dz;
    if (Math.abs(dz) < 1e-17) break;
  }
  return z;
}

/** SIR peak prevalence from the invariant i + s − ln(s)/R0, maximal where s = 1/R0. */
function exactPeak(R0: number, s0: number, i0: number): number {
  return R0 * s0 <= 1 ? i0 : i0 + s0 - (1 + Math.log(R0 * s0)) / R0;
}

// ---------------------------------------------------------------------------------------------
// Running the engine.

const DEFAULTS: SirParams = defaultsOf(sirParams);

function params(over: Partial<SirParams>): SirParams {
  const v = validateParams(sirParams, over, sirCrossCheck);
  if (!v.ok) throw new Error(`test params rejected: ${JSON.stringify(v.errors)}`);
  return v.params;
}

function run(p: SirParams, chunk = Infinity): Frame {
  const inst = sirEngine.create(p, 1);
  const r = runToEnd(inst, chunk);
  expect(r.done).toBe(true);
  return inst.observe();
}

/** Fraction-based parameters: N people, fractions i0 infected and v vaccinated. */
function epidemic(R0: number, i0: number, v: number, over: Partial<SirParams> = {}): SirParams {
  const N = over.N ?? 1e6;
  return params({ R0, N, initialInfected: i0 * N, vaccinated: v, tMax: 3650, outputInterval: 10, ...over });
}

function seriesOf(f: Frame, name: string): Float64Array {
  const col = f.series[name];
  if (!col) throw new Error(`no series ${name}`);
  return col.subarray(0, f.length);
}

function expectConserved(f: Frame, N: number): void {
  const [S, E, I, R, V] = ['S', 'E', 'I', 'R', 'V'].map((n) => seriesOf(f, n)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let worst = 0;
  for (let k = 0; k < f.length; k++) {
    const sum = (S[k] as number) + (E[k] as number) + (I[k] as number) + (R[k] as number) + (V[k] as number);
    worst = Math.max(worst, Math.abs(sum - N) / N);
  }
  expect(worst).toBeLessThanOrEqual(1e-12);
}

const sum = (f: Frame, name: string): number => {
  const x = f.summary[name];
  if (x === undefined) throw new Error(`no summary ${name}`);
  return x;
};

// ---------------------------------------------------------------------------------------------

describe('conservation: S + E + I + R + V = N on every observed row (1e-12 relative)', () => {
  const cases: [string, Partial<SirParams>][] = [
    ['SIR defaults', {}],
    ['SEIR defaults', { model: 'SEIR' }],
    ['SIR, 30 % vaccinated', { vaccinated: 0.3, tMax: 400 }],
    ['SEIR, 45 % vaccinated, fast', { model: 'SEIR', vaccinated: 0.45, R0: 8, sigma: 1.3, tMax: 300 }],
    ['SIR, N = 1 (fractions)', { N: 1, initialInfected: 1e-6, R0: 3, tMax: 300 }],
    ['SEIR, N = 1, vaccinated', { model: 'SEIR', N: 1, initialInfected: 1e-3, vaccinated: 0.2, R0: 4, tMax: 300 }],
    ['SIR, N = 1e10', { N: 1e10, initialInfected: 1000, R0: 10, vaccinated: 0.5, tMax: 200 }],
    ['SEIR, N = 1e10', { model: 'SEIR', N: 1e10, initialInfected: 1, R0: 1.8, sigma: 0.05, tMax: 1500 }],
    ['SIR, R0 < 1', { R0: 0.7, initialInfected: 5e4 }],
    ['SIR, fine output', { R0: 5, outputInterval: 0.01, tMax: 60 }],
  ];
  for (const [name, over] of cases) {
    it(name, () => {
      const p = params(over);
      expectConserved(run(p), p.N);
    });
  }
});

describe('final size against the exact relation ln(s∞/s0) = −R0 (s0 + i0 − s∞)', () => {
  it('SIR, R0 × i0 × vaccinated grid: |Δ| ≤ 1e-8 once the epidemic is over', () => {
    let compared = 0;
    let total = 0;
    const skipped: string[] = [];
    let worst = 0;
    for (const R0 of [1.5, 2, 2.5, 3, 5, 10]) {
      for (const i0 of [1e-6, 1e-3, 0.05]) {
        for (const v of [0, 0.2, 0.5]) {
          if (i0 > 1 - v) continue; // the cross-parameter rule
          total++;
          const p = epidemic(R0, i0, v);
          const f = run(p);
          if (!(sum(f, 'stillInfectious') < 1e-12)) {
            // Only near R0·s0 ≈ 1 does an epidemic outlast ten years.
            expect(Math.abs(R0 * (1 - v) - 1)).toBeLessThan(0.05);
            skipped.push(`R0=${R0} i0=${i0} v=${v}`);
            continue;
          }
          const s0 = 1 - v - i0;
          const exact = exactFinalSize(R0, s0, i0);
          const d = Math.abs(sum(f, 'finalSize') - exact);
          worst = Math.max(worst, d);
          expect(d, `R0=${R0} i0=${i0} v=${v}: simulated ${sum(f, 'finalSize')}, exact ${exact}`).toBeLessThanOrEqual(1e-8);
          compared++;
        }
      }
    }
    expect(total).toBe(54);
    expect(compared / total, `skipped: ${skipped.join('; ')}`).toBeGreaterThanOrEqual(0.9);
    expect(worst).toBeLessThanOrEqual(1e-8);
  });

  it('classic values z = 1 − exp(−R0 z) with i0 = 1e-9 (to 1e-6)', () => {
    const literature: [number, number][] = [[1.5, 0.5828116], [2, 0.7968121], [3, 0.9404798]];
    for (const [R0, z] of literature) {
      expect(Math.abs(classicFinalSize(R0) - z)).toBeLessThan(5e-8); // our Newton agrees with the literature
      const f = run(epidemic(R0, 1e-9, 0));
      expect(sum(f, 'stillInfectious')).toBeLessThan(1e-12);
      expect(Math.abs(sum(f, 'finalSize') - z), `R0=${R0}`).toBeLessThanOrEqual(1e-6);
    }
  });

  it('the engine\'s own finalSizeExact agrees with this file\'s solver (1e-12)', () => {
    for (const [R0, i0, v] of [[2.5, 1e-5, 0], [10, 1e-3, 0.5], [1.2, 1e-4, 0.1], [0.8, 0.01, 0]] as const) {
      const f = run(epidemic(R0, i0, v, { tMax: 1 }));
      expect(Math.abs(sum(f, 'finalSizeExact') - exactFinalSize(R0, 1 - v - i0, i0))).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('SIR peak prevalence i_max = i0 + s0 − (1 + ln(R0 s0))/R0', () => {
  it('matches to 1e-8, with s = 1/R0 at the peak time to 1e-6', () => {
    let checkedS = 0;
    for (const R0 of [1.5, 2, 2.5, 3, 5, 10]) {
      for (const i0 of [1e-6, 1e-3, 0.05]) {
        for (const v of [0, 0.2, 0.5]) {
          const s0 = 1 - v - i0;
          // γ only sets the time scale: the fast cases run with a tenfold slower recovery, which
          // must leave every fraction (and these exact values) unchanged.
          const gamma = R0 >= 5 ? 0.02 : 0.2;
          const p = epidemic(R0, i0, v, { gamma });
          const f = run(p);
          const label = `R0=${R0} i0=${i0} v=${v}`;
          expect(Math.abs(sum(f, 'peakPrevalence') - exactPeak(R0, s0, i0)), label).toBeLessThanOrEqual(1e-8);
          if (R0 * s0 <= 1) {
            expect(sum(f, 'peakTime'), label).toBe(0);
            expect(sum(f, 'peakPrevalence'), label).toBe(p.initialInfected / p.N);
            continue;
          }
          const tPeak = sum(f, 'peakTime');
          expect(tPeak, label).toBeGreaterThan(0);
          if (tPeak < 1) continue;
          // S at the peak time, from a run that ends exactly there.
          const g = run({ ...p, tMax: tPeak });
          const sPeak = 1 - v - sum(g, 'finalSize');
          expect(Math.abs(sPeak - 1 / R0), label).toBeLessThanOrEqual(1e-6);
          checkedS++;
        }
      }
    }
    // 54 cases, 6 of them with R0·s0 ≤ 1; the rerun needs tMax = peakTime ≥ 1 (all are).
    expect(checkedS).toBe(48);
  });

  it('the peak in the observed series is never above the exact peak (to 1e-8)', () => {
    const p = epidemic(2.5, 1e-5, 0, { tMax: 200, outputInterval: 0.01 });
    const f = run(p);
    const I = seriesOf(f, 'I');
    const maxObserved = Math.max(...I) / p.N;
    const exact = exactPeak(2.5, 1 - 1e-5, 1e-5);
    expect(maxObserved).toBeLessThanOrEqual(exact + 1e-8);
    expect(exact - maxObserved).toBeLessThan(1e-5); // the 0.01-day grid lands close to the peak
  });
});

describe('SEIR', () => {
  it('has the SIR final size (to 1e-8) and a later, lower peak, for several σ', () => {
    for (const [R0, i0, v] of [[2.5, 1e-5, 0], [4, 1e-3, 0.3], [1.8, 0.01, 0.1]] as const) {
      const sir = run(epidemic(R0, i0, v));
      const exact = exactFinalSize(R0, 1 - v - i0, i0);
      expect(Math.abs(sum(sir, 'finalSize') - exact)).toBeLessThanOrEqual(1e-8);
      for (const sigma of [0.05, 0.2, 1, 5]) {
        const label = `R0=${R0} i0=${i0} v=${v} σ=${sigma}`;
        const seir = run(epidemic(R0, i0, v, { model: 'SEIR', sigma }));
        expect(sum(seir, 'stillInfectious'), label).toBeLessThan(1e-12);
        expect(Math.abs(sum(seir, 'finalSize') - exact), label).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(sum(seir, 'finalSize') - sum(sir, 'finalSize')), label).toBeLessThanOrEqual(1e-8);
        expect(sum(seir, 'peakTime'), label).toBeGreaterThan(sum(sir, 'peakTime'));
        expect(sum(seir, 'peakPrevalence'), label).toBeLessThan(sum(sir, 'peakPrevalence'));
      }
    }
  });

  it('a faster onset brings the peak closer to the SIR one', () => {
    const sir = run(epidemic(3, 1e-4, 0));
    const peaks = [0.05, 0.2, 1, 5].map((sigma) => run(epidemic(3, 1e-4, 0, { model: 'SEIR', sigma })));
    for (let k = 1; k < peaks.length; k++) {
      expect(sum(peaks[k] as Frame, 'peakPrevalence')).toBeGreaterThan(sum(peaks[k - 1] as Frame, 'peakPrevalence'));
      expect(sum(peaks[k] as Frame, 'peakTime')).toBeLessThan(sum(peaks[k - 1] as Frame, 'peakTime'));
    }
    expect(sum(peaks[3] as Frame, 'peakPrevalence')).toBeLessThan(sum(sir, 'peakPrevalence'));
  });
});

describe('herd immunity', () => {
  it('with vaccinated = 1 − 1/R0 the infected never exceed I(0) (1e-9 relative)', () => {
    for (const R0 of [1.25, 1.5, 2, 2.5, 4, 10]) {
      for (const I0 of [1, 10, 1000]) {
        const p = params({ R0, vaccinated: 1 - 1 / R0, initialInfected: I0, tMax: 1000, outputInterval: 0.25 });
        const f = run(p);
        const I = seriesOf(f, 'I');
        const label = `R0=${R0} I0=${I0}`;
        expect(Math.max(...I), label).toBeLessThanOrEqual(I0 * (1 + 1e-9));
        expect(sum(f, 'peakPrevalence') * p.N, label).toBeLessThanOrEqual(I0 * (1 + 1e-9));
        expect(sum(f, 'peakTime'), label).toBe(0);
        // Decreasing from the start: every observation after t = 0 is below I(0).
        expect(I[1] as number, label).toBeLessThan(I0);
      }
    }
  });
});

describe('herd immunity: the threshold is exactly where an outbreak stops growing', () => {
  it('just below 1 − 1/R0 the infected grow at first; at and above it they only decline', () => {
    for (const R0 of [1.5, 2.5, 4]) {
      const threshold = 1 - 1 / R0;
      const early = (v: number) => {
        const f = run(params({ R0, vaccinated: v, initialInfected: 100, tMax: 5, outputInterval: 1 }));
        const I = seriesOf(f, 'I');
        return (I[1] as number) - (I[0] as number);
      };
      expect(early(threshold - 0.01), `R0=${R0}`).toBeGreaterThan(0);
      expect(early(threshold + 0.01), `R0=${R0}`).toBeLessThan(0);
      expect(early(threshold), `R0=${R0}`).toBeLessThan(0);
    }
  });
});

describe('interventions', () => {
  it('contacts reduced for the whole run act exactly as R0 × factor (final size to 1e-8)', () => {
    for (const [R0, factor] of [[2.5, 0.6], [4, 0.3], [3, 0.5]] as const) {
      // The window outlasts the run (tMax 3000), so the reduced R0 governs all of it.
      const reduced = run(epidemic(R0, 1e-5, 0, { contactFactor: factor, contactStart: 0, contactEnd: 3650, tMax: 3000 }));
      const plain = run(epidemic(R0 * factor, 1e-5, 0, { tMax: 3000 }));
      expect(Math.abs(sum(reduced, 'finalSize') - sum(plain, 'finalSize'))).toBeLessThan(1e-8);
      expect(Math.abs(sum(reduced, 'finalSize') - sum(reduced, 'finalSizeExact'))).toBeLessThan(1e-8);
      expect(sum(reduced, 'effectiveR')).toBeCloseTo((R0 * factor * seriesOf(reduced, 'S').at(-1)!) / 1e6, 12);
    }
  });

  it('after a window of restrictions the final-size relation, anchored where the window ends, is exact (1e-8)', () => {
    const f = run(epidemic(2.5, 1e-5, 0, { contactFactor: 0.3, contactStart: 30, contactEnd: 90 }));
    expect(Math.abs(sum(f, 'finalSize') - sum(f, 'finalSizeExact'))).toBeLessThan(1e-8);
    // The restrictions lower the total below the unrestricted one.
    const free = run(epidemic(2.5, 1e-5, 0));
    expect(sum(f, 'finalSize')).toBeLessThan(sum(free, 'finalSize') - 0.01);
    expectConserved(f, 1e6);
  });

  it('with restrictions and vaccination the engine matches the equations solved independently (RK4, 1e-6 of N)', () => {
    const N = 1e6;
    const over = { model: 'SEIR' as const, sigma: 0.5, contactFactor: 0.4, contactStart: 10, contactEnd: 40, vaccinationRate: 0.01, vaccinationStart: 20 };
    const f = run(params({ R0: 2.5, gamma: 0.2, N, initialInfected: 1000, tMax: 150, outputInterval: 1, ...over }));
    expectConserved(f, N);
    expect(sum(f, 'finalSizeExact')).toBeNaN();
    const rates = (t: number, [s, e, i]: readonly number[]) => {
      const beta = 0.5 * (t >= 10 && t < 40 ? 0.4 : 1);
      const nu = t >= 20 ? 0.01 : 0;
      const inf = (beta * s! * i!) / N;
      return [-inf - nu * s!, inf - 0.5 * e!, 0.5 * e! - 0.2 * i!, 0.2 * i!, nu * s!];
    };
    const reference = rk4Days(rates, [N - 1000, 0, 1000, 0, 0], 150, 200);
    let worst = 0;
    for (let day = 0; day <= 150; day++) {
      ['S', 'E', 'I', 'R', 'V'].forEach((n, j) => (worst = Math.max(worst, Math.abs(seriesOf(f, n)[day]! - reference[day]![j]!) / N)));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('the planner offers the intervention presets; the other widgets none of them', () => {
    expect(presetsFor(true)).toEqual(['basic', 'restrictions', 'vaccination-campaign']);
    expect(presetsFor(false)).toEqual(['basic', 'herd-immunity', 'partial-vaccination', 'near-threshold', 'fast-spread', 'seir']);
  });

  it('the restrictions preset flattens the curve: a lower, later peak than without them', () => {
    const with_ = run(params({ ...sirPresets.restrictions }));
    const without = run(params({ tMax: 300 }));
    expect(sum(with_, 'peakPrevalence')).toBeLessThan(sum(without, 'peakPrevalence'));
    expect(sum(with_, 'peakTime')).toBeGreaterThan(sum(without, 'peakTime'));
  });

  it('rejects a window that ends before it starts, naming contactEnd', () => {
    const v = validateParams(sirParams, { contactStart: 50, contactEnd: 20 }, sirCrossCheck);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => [e.param, e.code])).toEqual([['contactEnd', 'constraint']]);
  });
});

describe('determinism', () => {
  const frameEqual = (a: Frame, b: Frame, label: string) => {
    expect(a.length, label).toBe(b.length);
    expect(Object.keys(a.series), label).toEqual(Object.keys(b.series));
    for (const name of Object.keys(a.series)) {
      const x = seriesOf(a, name);
      const y = seriesOf(b, name);
      for (let k = 0; k < a.length; k++) {
        if (!Object.is(x[k], y[k])) expect.fail(`${label}: series ${name}[${k}] differs: ${x[k]} vs ${y[k]}`);
      }
    }
    expect(Object.keys(a.summary), label).toEqual(Object.keys(b.summary));
    for (const name of Object.keys(a.summary)) {
      if (!Object.is(a.summary[name], b.summary[name])) expect.fail(`${label}: summary ${name} differs: ${a.summary[name]} vs ${b.summary[name]}`);
    }
    expect(a.work, label).toBe(b.work);
    expect(a.done, label).toBe(b.done);
  };

  for (const [name, over] of [
    ['SIR defaults', {}],
    ['SEIR, vaccinated', { model: 'SEIR', vaccinated: 0.2, sigma: 0.4, outputInterval: 0.37 }],
  ] as [string, Partial<SirParams>][]) {
    it(`${name}: bit-identical for advance budgets 0.01, 0.37, 1, 7.5, 1000 days`, () => {
      const p = params(over);
      const reference = run(p, 1000);
      for (const chunk of [0.01, 0.37, 1, 7.5]) frameEqual(run(p, chunk), reference, `chunk ${chunk}`);
    });

    it(`${name}: snapshot mid-run, restore into a fresh instance, continue bit-identically`, () => {
      const p = params(over);
      const reference = run(p, 1000);
      for (const at of [0.3, 57.3, 123]) {
        const a = sirEngine.create(p, 1);
        a.advance(at);
        // Through structuredClone: the snapshot must survive a postMessage to or from a worker.
        const snap = structuredClone(a.snapshot());
        const b = sirEngine.create(p, 1);
        b.restore(snap);
        runToEnd(a, 3.3);
        runToEnd(b, 11);
        frameEqual(b.observe(), a.observe(), `restored at ${at}`);
        frameEqual(b.observe(), reference, `restored at ${at} vs uninterrupted`);
      }
    });
  }

  it('observe() with reused buffers gives the same numbers', () => {
    const inst = sirEngine.create(DEFAULTS, 1);
    inst.advance(50);
    const first = inst.observe();
    inst.advance(50);
    const reused = inst.observe(first.series);
    const fresh = inst.observe();
    frameEqual(reused, fresh, 'reused buffers');
  });
});

describe('live parameters', () => {
  it('a mid-run change of R0 keeps S continuous and the new R0 governs the rest exactly', () => {
    for (const model of ['SIR', 'SEIR'] as const) {
      for (const [R0a, R0b, tSwitch] of [[2.5, 1.3, 60], [1.5, 4, 100], [3, 0.9, 35], [2.5, 0.2, 45], [2.5, 10, 20]] as const) {
        const label = `${model} R0 ${R0a} → ${R0b} at ~${tSwitch}`;
        const p = params({ model, R0: R0a, tMax: 3650, outputInterval: 0.25 });
        const a = sirEngine.create(p, 1);
        a.advance(tSwitch);
        const before = a.observe();
        a.setLiveParams({ ...p, R0: R0b });
        const after = a.observe();
        // The state is not touched by the change: S (through finalSize) and E + I are identical.
        expect(Object.is(sum(after, 'finalSize'), sum(before, 'finalSize')), label).toBe(true);
        expect(Object.is(sum(after, 'stillInfectious'), sum(before, 'stillInfectious')), label).toBe(true);
        expect(after.length, label).toBe(before.length);
        runToEnd(a, 50);
        const end = a.observe();
        expectConserved(end, p.N);

        // History before the switch is that of an unchanged run.
        const unchanged = run(p);
        const S = seriesOf(end, 'S');
        const S0 = seriesOf(unchanged, 'S');
        for (let k = 0; k < before.length; k++) expect(Object.is(S[k], S0[k]), `${label} row ${k}`).toBe(true);

        // Continuity across the switch: S moves by no more than max|dS/dt| × Δt between rows.
        const k = before.length - 1;
        const dSmax = Math.max(R0a, R0b) * p.gamma * p.N / 4;
        expect(Math.abs((S[k + 1] as number) - (S[k] as number)), label).toBeLessThanOrEqual(dSmax * p.outputInterval);

        // From the switch on, s + (e + i) − ln(s)/R0b is conserved (by SIR, and by SEIR too), so the
        // final-size relation holds restarted at the switch state: s_c, and e_c + i_c
        // (stillInfectious) in the place of i0, with R0b.
        if (sum(end, 'stillInfectious') < 1e-12) {
          const sc = 1 - sum(before, 'finalSize');
          const ic = sum(before, 'stillInfectious');
          const sInf = exactFinalSusceptible(R0b, sc, ic);
          expect(Math.abs(1 - sum(end, 'finalSize') - sInf), label).toBeLessThanOrEqual(1e-8);
        }

        // SIR only: a fresh run from the switch state (the recovered counted as vaccinated: both
        // are inert) with R0b is the same trajectory shifted by the switch time. Its peak, if it
        // has one after the start, is the switched run's peak.
        if (model === 'SIR') {
          const ic = sum(before, 'stillInfectious');
          const sc = 1 - sum(before, 'finalSize');
          const vFresh = 1 - sc - ic;
          const fresh = run(params({ R0: R0b, N: p.N, initialInfected: ic * p.N, vaccinated: vFresh, tMax: 3000 }));
          if (sum(fresh, 'peakTime') > 0) {
            expect(Math.abs(sum(end, 'peakPrevalence') - sum(fresh, 'peakPrevalence')), label).toBeLessThanOrEqual(1e-8);
            expect(Math.abs(sum(end, 'peakTime') - (before.work + sum(fresh, 'peakTime'))), label).toBeLessThanOrEqual(1e-6);
          }
          // The susceptible left at the end (the fresh run's finalSize leaves out the recovered).
          const sEnd = 1 - sum(end, 'finalSize');
          const sFresh = 1 - vFresh - sum(fresh, 'finalSize');
          // 1e-10: the two runs agree to ~1e-13; a stale first stage after the change (the
          // integrator not refreshed) shows up here as ~1e-9.
          expect(Math.abs(sEnd - sFresh), label).toBeLessThanOrEqual(1e-10);
        }
      }
    }
  });

  it('changing tMax live ends the run there', () => {
    const p = params({ tMax: 300, outputInterval: 1 });
    const a = sirEngine.create(p, 1);
    a.advance(40);
    a.setLiveParams({ ...p, tMax: 100 });
    const r = runToEnd(a, 1000);
    expect(r.done).toBe(true);
    const f = a.observe();
    expect(f.work).toBe(100);
    expect(seriesOf(f, 't').at(-1)).toBe(100);
    expect(f.length).toBe(101);
  });
});

describe('the parameter validator', () => {
  const codeOf = (raw: Record<string, unknown>) => {
    const v = validateParams(sirParams, raw, sirCrossCheck);
    return v.ok ? 'ok' : v.errors.map((e) => `${e.param}:${e.code}`).join(' ');
  };

  it('rejects bad numbers with the right code', () => {
    expect(codeOf({ R0: Number.NaN })).toBe('R0:not-a-number');
    expect(codeOf({ R0: 'NaN' })).toBe('R0:not-a-number');
    expect(codeOf({ R0: Infinity })).toBe('R0:not-finite');
    expect(codeOf({ R0: -Infinity })).toBe('R0:not-finite');
    expect(codeOf({ R0: '1e999' })).toBe('R0:not-finite');
    for (const s of ['3abc', '', ' ', ' 3', '3 ', '0x10', '1,5', 'Infinity', '--3', '3e', '.']) {
      expect(codeOf({ R0: s }), JSON.stringify(s)).toBe('R0:not-a-number');
    }
    expect(codeOf({ R0: null })).toBe('R0:not-a-number');
    expect(codeOf({ R0: true })).toBe('R0:not-a-number');
    expect(codeOf({ R0: 0.0999 })).toBe('R0:below-min');
    expect(codeOf({ R0: '-1' })).toBe('R0:below-min');
    expect(codeOf({ R0: 20.000001 })).toBe('R0:above-max');
    expect(codeOf({ vaccinated: 1.5 })).toBe('vaccinated:above-max');
    expect(codeOf({ N: 0 })).toBe('N:below-min');
    expect(codeOf({ model: 'SIRS' })).toBe('model:not-an-option');
    expect(codeOf({ model: 'sir' })).toBe('model:not-an-option');
  });

  it('accepts the edges and complete decimal strings', () => {
    expect(codeOf({ R0: 0.1 })).toBe('ok');
    expect(codeOf({ R0: 20 })).toBe('ok');
    expect(codeOf({ R0: '2.5', N: '1e6', gamma: '.5', sigma: '+0.3', tMax: '3650' })).toBe('ok');
    const v = validateParams(sirParams, { R0: '2.5', N: '1e6' }, sirCrossCheck);
    expect(v.ok && v.params.R0 === 2.5 && v.params.N === 1e6).toBe(true);
  });

  it('rejects unknown parameters, including prototype names', () => {
    expect(codeOf({ beta: 0.5 })).toBe('beta:unknown-param');
    expect(codeOf({ r0: 2 })).toBe('r0:unknown-param');
    expect(codeOf(JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toBe('__proto__:unknown-param');
    expect(codeOf({ constructor: 1, toString: 2 })).toBe('constructor:unknown-param toString:unknown-param');
  });

  it('reports every error, not just the first', () => {
    expect(codeOf({ R0: 'x', gamma: 99, foo: 1 })).toBe('R0:not-a-number gamma:above-max foo:unknown-param');
  });

  it('applies the cross rule: initial infected ≤ unvaccinated population', () => {
    expect(codeOf({ N: 100, initialInfected: 100 })).toBe('ok');
    expect(codeOf({ N: 100, initialInfected: 101 })).toBe('initialInfected:constraint');
    expect(codeOf({ N: 100, vaccinated: 0.5, initialInfected: 50 })).toBe('ok');
    expect(codeOf({ N: 100, vaccinated: 0.5, initialInfected: 50.001 })).toBe('initialInfected:constraint');
    expect(codeOf({ vaccinated: 1, initialInfected: 1 })).toBe('initialInfected:constraint');
    const v = validateParams(sirParams, { N: 100, vaccinated: 0.5, initialInfected: 60 }, sirCrossCheck);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]?.allowed).toEqual({ rule: 'sir.rule.infectedWithinUnvaccinated', limit: 50 });
  });

  it('validates on top of a base (a preset) and never clamps', () => {
    const base = params({ R0: 5, tMax: 120 });
    const v = validateParams(sirParams, { gamma: '0.1' }, sirCrossCheck, base);
    expect(v.ok && v.params.R0 === 5 && v.params.gamma === 0.1 && v.params.tMax === 120).toBe(true);
    expect(validateParams(sirParams, { R0: 25 }, sirCrossCheck, base).ok).toBe(false);
  });
});
