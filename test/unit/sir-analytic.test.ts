/**
 * simulations/sir/analytic.ts against a solver written here: plain bisection on s itself (not on
 * ln s as analytic.ts does) for F(s) = ln(s/s0) + R0 (s0 + i0 − s) = 0, run until the interval
 * stops shrinking, so the two share no code and no method.
 */
import { describe, expect, it } from 'vitest';
import { finalSize, finalSusceptible, herdImmunityThreshold, peakPrevalenceSIR } from '../../simulations/sir/analytic.ts';

function sInfinity(R0: number, s0: number, i0: number): number {
  if (s0 <= 0) return 0;
  if (i0 <= 0) return s0;
  const F = (s: number) => Math.log(s / s0) + R0 * (s0 + i0 - s);
  // F(0+) = −∞, F > 0 on [min(s0, 1/R0), s0]: the root is in (0, min(s0, 1/R0)).
  let lo = 0;
  let hi = Math.min(s0, 1 / R0);
  for (let k = 0; k < 5000; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (F(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

describe('finalSusceptible / finalSize', () => {
  it('agree with an independent bisection over a wide grid (1e-12 relative in s∞, beyond rounding near criticality)', () => {
    for (const R0 of [0.1, 0.5, 0.99, 1, 1.01, 1.25, 1.5, 2, 2.5, 3, 5, 10, 15, 20]) {
      for (const i0 of [1e-12, 1e-9, 1e-6, 1e-3, 0.05, 0.5]) {
        for (const v of [0, 0.2, 0.5, 0.9]) {
          const s0 = 1 - v - i0;
          if (s0 <= 0) continue;
          const label = `R0=${R0} i0=${i0} v=${v}`;
          const ref = sInfinity(R0, s0, i0);
          const got = finalSusceptible(R0, s0, i0);
          // Near R0 s∞ = 1 the root is ill-conditioned: F'(s∞) = 1/s∞ − R0 → 0 and rounding in F
          // (terms of size ~1 + R0) moves any solver's root by ~ε(1 + R0)/|F'(s∞)|.
          const conditioning = (1e-15 * (1 + R0)) / Math.abs(1 / ref - R0);
          expect(Math.abs(got - ref), label).toBeLessThanOrEqual(1e-12 * ref + conditioning);
          expect(Math.abs(finalSize(R0, s0, i0) - (s0 + i0 - ref)), label).toBeLessThanOrEqual(1e-14 + conditioning);
        }
      }
    }
  });

  it('handles very small s∞ (R0 = 20 from a fully susceptible population: s∞ ≈ 2e-9)', () => {
    const s = finalSusceptible(20, 1 - 1e-6, 1e-6);
    expect(s).toBeGreaterThan(1e-9);
    expect(s).toBeLessThan(3e-9);
    expect(Math.abs(s - sInfinity(20, 1 - 1e-6, 1e-6)) / s).toBeLessThanOrEqual(1e-12);
  });

  it('gives the classic values z = 1 − exp(−R0 z) as i0 → 0', () => {
    expect(finalSize(1.5, 1 - 1e-12, 1e-12)).toBeCloseTo(0.5828116, 6);
    expect(finalSize(2, 1 - 1e-12, 1e-12)).toBeCloseTo(0.7968121, 6);
    expect(finalSize(3, 1 - 1e-12, 1e-12)).toBeCloseTo(0.9404798, 6);
  });

  it('edge cases: no infected, no susceptible', () => {
    expect(finalSusceptible(2.5, 0.7, 0)).toBe(0.7);
    expect(finalSize(2.5, 0.7, 0)).toBe(0);
    expect(finalSusceptible(2.5, 0, 0.3)).toBe(0);
    expect(finalSize(2.5, 0, 0.3)).toBe(0.3);
  });
});

describe('peakPrevalenceSIR and herdImmunityThreshold', () => {
  it('peak: i0 + s0 − (1 + ln(R0 s0))/R0 above threshold, i0 at or below it', () => {
    expect(peakPrevalenceSIR(2.5, 1 - 1e-5, 1e-5)).toBeCloseTo(0.2335, 4); // the lesson's number
    expect(peakPrevalenceSIR(2, 0.5, 0.01)).toBe(0.01);
    expect(peakPrevalenceSIR(0.8, 0.99, 0.01)).toBe(0.01);
    const [R0, s0, i0] = [4, 0.7, 0.001];
    expect(peakPrevalenceSIR(R0, s0, i0)).toBeCloseTo(i0 + s0 - (1 + Math.log(R0 * s0)) / R0, 15);
  });

  it('threshold 1 − 1/R0, 0 when R0 ≤ 1', () => {
    expect(herdImmunityThreshold(2.5)).toBeCloseTo(0.6, 15);
    expect(herdImmunityThreshold(1)).toBe(0);
    expect(herdImmunityThreshold(0.5)).toBe(0);
  });
});
