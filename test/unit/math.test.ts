import { describe, expect, it } from 'vitest';
import { atan, cos, exp, log, powPositive, sin, TRIG_MAX } from '../../simulations/core/math.ts';
import { Rng } from '../../simulations/core/rng.ts';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  const d = buf.getBigInt64(0) - buf.getBigInt64(8);
  return Number(d < 0n ? -d : d);
}

describe('reproducible log and exp (simulations/core/math.ts)', () => {
  it('special values follow IEEE conventions', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(NaN)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(709.7)).toBeLessThan(Number.MAX_VALUE);
    expect(exp(-745)).toBe(5e-324);
  });

  it('agrees with the platform to within 1 ulp on 10^6 arguments across the range', () => {
    const rng = Rng.stream(7, 0);
    let worstLog = 0;
    let worstExp = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const u = rng.uniformOpen();
      // log: uniforms in (0,1] (Gillespie waiting times), near 1, and spread over all exponents.
      const xs = [u, 1 + (u - 0.5) * 1e-6, u * 2 ** Math.floor(rng.uniform() * 2098 - 1074)];
      for (const x of xs) if (x > 0) worstLog = Math.max(worstLog, ulps(log(x), Math.log(x)));
      const y = (rng.uniform() - 0.5) * 1400;
      const e = exp(y);
      if (e > 2.3e-308) worstExp = Math.max(worstExp, ulps(e, Math.exp(y)));
      worstExp = Math.max(worstExp, ulps(exp(u - 0.5), Math.exp(u - 0.5)));
    }
    expect(worstLog).toBeLessThanOrEqual(1);
    expect(worstExp).toBeLessThanOrEqual(1);
  });

  it('is accurate against exact identities', () => {
    expect(log(Math.E)).toBeCloseTo(1, 15);
    expect(log(2)).toBe(0.6931471805599453);
    expect(ulps(exp(1), Math.E)).toBeLessThanOrEqual(1);
    expect(log(2 ** -1074)).toBeCloseTo(-1074 * Math.LN2, 12);
    for (let k = -1000; k <= 1000; k += 37) expect(log(2 ** k)).toBeCloseTo(k * Math.LN2, 11);
    expect(powPositive(32, 0.2)).toBeCloseTo(2, 14);
  });
});

describe('reproducible sin, cos and atan (simulations/core/math.ts)', () => {
  it('agree with the platform to within 1 ulp over the accepted range', () => {
    const rng = Rng.stream(11, 0);
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      const u = rng.uniform();
      // Small, moderate (an oscillator's phase), large (long runs) and near multiples of π/2.
      const xs = [(u - 0.5) * 2, (u - 0.5) * 200, (u - 0.5) * 2 * TRIG_MAX, Math.round(u * 1000) * (Math.PI / 2) + (u - 0.5) * 1e-9];
      for (const x of xs) {
        for (const [mine, platform] of [[sin(x), Math.sin(x)], [cos(x), Math.cos(x)]] as const) {
          // Near a zero the value is tiny and ulps are not the measure; compare absolutely there.
          if (Math.abs(platform) < 1e-6) expect(Math.abs(mine - platform)).toBeLessThan(1e-15);
          else worst = Math.max(worst, ulps(mine, platform));
        }
      }
      const y = (u - 0.5) * 10 ** (rng.uniform() * 8 - 4);
      if (y !== 0) worst = Math.max(worst, ulps(atan(y), Math.atan(y)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('keep exact values and reject arguments outside their range', () => {
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    expect(atan(1)).toBe(Math.PI / 4);
    expect(atan(Infinity)).toBe(Math.PI / 2);
    expect(atan(-1e300)).toBe(-Math.PI / 2);
    expect(sin(Math.PI / 6)).toBeCloseTo(0.5, 15);
    expect(() => sin(1e7)).toThrow(RangeError);
    expect(() => cos(NaN)).toThrow(RangeError);
  });
});
