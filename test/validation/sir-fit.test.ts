/**
 * Fitting SIR to prevalence data: the least-squares fit recovers known parameters from exact
 * model data, finds a true minimum for the 1978 boarding-school outbreak (BMJ 1978;1:587,
 * doi:10.1136/bmj.1.6112.587) with R0 and 1/γ in the range published fits give, and the
 * parametric bootstrap gives an interval around it; bad CSV is refused with the line named.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../simulations/core/engine.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import { sirStochasticEngine } from '../../simulations/sir-stochastic/index.ts';
import { sirStochasticParams } from '../../simulations/sir-stochastic/spec.ts';
import { boardingSchool1978 } from '../../simulations/sir-fit/data.ts';
import { parseDailyCounts, summarizeBootstrap } from '../../simulations/sir-fit/counts.ts';
import { bootstrapR0, bootstrapSamples, fitSir, sirPrevalence } from '../../simulations/sir-fit/fit.ts';

const school = { day: boardingSchool1978.day, count: boardingSchool1978.inBed };
const N = boardingSchool1978.population;

describe('least-squares SIR fit', () => {
  it('recovers β, γ and I0 from exact model data (to 1e-4 relative)', () => {
    const truth = { beta: 1.4, gamma: 0.35, i0: 2 };
    const curve = sirPrevalence(1000, truth.beta, truth.gamma, truth.i0, 20);
    const days = Array.from({ length: 20 }, (_, k) => k + 1);
    const fit = fitSir({ day: days, count: days.map((d) => curve[d]!) }, 1000);
    expect(Math.abs(fit.beta / truth.beta - 1)).toBeLessThan(1e-4);
    expect(Math.abs(fit.gamma / truth.gamma - 1)).toBeLessThan(1e-4);
    expect(Math.abs(fit.initialInfected / truth.i0 - 1)).toBeLessThan(1e-4);
  });

  it('the boarding school: R0 ≈ 3.9, infectious for about 2.2 days, at a true minimum of the squared residuals', () => {
    const fit = fitSir(school, N);
    expect(fit.R0).toBeGreaterThan(3.6);
    expect(fit.R0).toBeLessThan(4.2);
    expect(1 / fit.gamma).toBeGreaterThan(2);
    expect(1 / fit.gamma).toBeLessThan(2.5);
    expect(fit.residuals).toHaveLength(14);
    expect(fit.sumOfSquares).toBeLessThan(4000);
    // Moving any parameter by 1 % either way makes the fit worse.
    const sse = (beta: number, gamma: number, i0: number) => {
      const I = sirPrevalence(N, beta, gamma, i0, 14);
      return school.day.reduce((a, d, k) => a + (school.count[k]! - I[d]!) ** 2, 0);
    };
    for (const [db, dg, di] of [[1.01, 1, 1], [0.99, 1, 1], [1, 1.01, 1], [1, 0.99, 1], [1, 1, 1.01], [1, 1, 0.99]] as const) {
      expect(sse(fit.beta * db, fit.gamma * dg, fit.initialInfected * di)).toBeGreaterThan(fit.sumOfSquares);
    }
  });

  it('a parametric bootstrap of the stochastic model gives a 95 % interval around R0 (20 epidemics, seed 7)', () => {
    const fit = fitSir(school, N);
    const b = bootstrapR0(fit, school, N, 20, 7);
    expect(b.R0).toHaveLength(20);
    expect(b.low).toBeLessThan(fit.R0);
    expect(b.high).toBeGreaterThan(fit.R0);
    // Correlated daily prevalence leaves R0 uncertain by more than a few percent.
    expect(b.high - b.low).toBeGreaterThan(0.3);
    expect(b.high - b.low).toBeLessThan(4);
  });

  it('the bootstrap is the same computed in parts, in any order (as the workers of a page do)', () => {
    const fit = fitSir(school, N);
    const whole = bootstrapR0(fit, school, N, 6, 3);
    const parts = [bootstrapSamples(fit, school, N, 4, 6, 3), bootstrapSamples(fit, school, N, 0, 4, 3)];
    expect(summarizeBootstrap(parts)).toEqual(whole);
  });
});

describe('the fit converges on noisy outbreaks too', () => {
  it('refits of 12 stochastic outbreaks like the school\'s reach the optimum: starting at the true parameters finds no better fit', () => {
    const truth = { beta: 1.79, gamma: 0.455, initialInfected: 1 };
    const params = { ...defaultsOf(sirStochasticParams), N, R0: truth.beta / truth.gamma, gamma: truth.gamma, initialInfected: 1, tMax: 14, outputInterval: 1 };
    let checked = 0;
    for (let stream = 0; checked < 12; stream++) {
      const run = sirStochasticEngine.create(params, 11, stream);
      runToEnd(run, Number.MAX_SAFE_INTEGER);
      const f = run.observe();
      const I = f.series['I']!;
      if (I[14]! + f.series['R']![14]! < N / 10) continue; // died out: not like the school
      const data = { day: school.day, count: school.day.map((d) => I[d]!) };
      const fromData = fitSir(data, N);
      const fromTruth = fitSir(data, N, truth);
      expect(fromData.sumOfSquares, `stream ${stream}`).toBeLessThanOrEqual(fromTruth.sumOfSquares * 1.01 + 1);
      checked++;
    }
  });
});

describe('daily counts from CSV', () => {
  it('reads a header, comments, and commas, semicolons or tabs', () => {
    expect(parseDailyCounts('# my school\nday,count\n1,3\n2;8\n3\t26\n\n4, 76\n')).toEqual({ day: [1, 2, 3, 4], count: [3, 8, 26, 76] });
  });

  it('names the line of every kind of bad row', () => {
    const bad: [string, RegExp][] = [
      ['day,count\n1,3\n2,eight\n3,26\n4,76', /^line 3: the count must be a whole number/],
      ['1,3\n2,8\n2,26\n4,76', /^line 3: days must increase/],
      ['1,3\n2,8,9\n3,26\n4,76', /^line 2: expected two values/],
      ['1,3\n-2,8\n3,26\n4,76', /^line 2: the day must be a whole number/],
      ['1,3\n2,8\n3,2.5\n4,76', /^line 3: the count must be a whole number/],
      ['1,3\n2,8', /need at least 4 days/],
      // A broken first row is an error, not a header.
      ['1,three\n2,8\n3,26\n4,76', /^line 1: the count must be a whole number/],
    ];
    for (const [text, message] of bad) expect(() => parseDailyCounts(text), text).toThrow(message);
  });
});
