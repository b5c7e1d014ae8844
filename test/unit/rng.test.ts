/**
 * Known-answer and property tests for simulations/core/rng.ts.
 *
 * The literals below were not produced by rng.ts:
 *  - raw xoshiro128** outputs and res53 uniforms: test/kat/xoshiro128starstar.c (reference C from
 *    the paper's definition): `gcc -O2 -o /tmp/x test/kat/xoshiro128starstar.c && /tmp/x`;
 *  - stream states and the uniforms of stream (2026, 3): test/kat/seedsequence.py (numpy 2.4.6's
 *    SeedSequence plus an independent Python xoshiro128**): `python3 test/kat/seedsequence.py`.
 * Changing any of them changes every seeded run in the book; they are not to be "updated".
 */
import { describe, it, expect } from 'vitest';
import { Rng, seedSequenceState } from '../../simulations/core/rng.ts';

const take = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextU32());

describe('xoshiro128** raw outputs (reference C, test/kat/xoshiro128starstar.c)', () => {
  it('state A = {1, 2, 3, 4}', () => {
    const rng = Rng.fromState(Uint32Array.of(1, 2, 3, 4));
    expect(take(rng, 10)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ]);
    expect(Array.from(rng.getState())).toEqual([939045227, 1864939416, 1451579149, 2199351389]);
    // res53 doubles printed with %.17g by the C program; compared bit for bit.
    const u = [
      0.078656952819622816, 0.83281333347471298, 0.90111004734933065, 0.88587147396382038,
      0.83153278894496474,
    ];
    for (const x of u) expect(rng.uniform()).toBe(x);
  });

  it('state B = {0x9E3779B9, 0x6A09E667, 0xBB67AE85, 0x3C6EF372}', () => {
    const rng = Rng.fromState(Uint32Array.of(2654435769, 1779033703, 3144134277, 1013904242));
    expect(take(rng, 10)).toEqual([
      3737128401, 1456898550, 2659965331, 2463808214, 949162432, 1104456503, 1261471969,
      1019407137, 3835663777, 1022640465,
    ]);
    expect(Array.from(rng.getState())).toEqual([897975294, 4273969946, 420148944, 2981752562]);
    const u = [
      0.84035952776862033, 0.36553300089504814, 0.44250579592972406, 0.83575382784211782,
      0.15022162039526066,
    ];
    for (const x of u) expect(rng.uniform()).toBe(x);
  });
});

describe('stream seeding = numpy SeedSequence (test/kat/seedsequence.py, numpy 2.4.6)', () => {
  // np.random.SeedSequence(entropy=seed, spawn_key=(stream,)).generate_state(4, np.uint32)
  const vectors: [number, number, number[]][] = [
    [0, 0, [3757552657, 2018376492, 1456443223, 3395645823]],
    [1, 0, [1641411168, 1963192212, 1340743928, 1254710336]],
    [0, 1, [673228719, 1136656250, 1681278441, 3264002610]],
    [12345, 67, [1318596807, 142513307, 980163419, 834617432]],
    [4294967295, 4294967295, [4000149234, 723280168, 3517290299, 3741871308]],
  ];
  for (const [seed, stream, words] of vectors) {
    it(`(${seed}, ${stream})`, () => {
      expect(Array.from(Rng.stream(seed, stream).getState())).toEqual(words);
      expect(Array.from(seedSequenceState(seed, stream))).toEqual(words);
    });
  }

  it('stream (2026, 3): state, first 8 uniform() bit-identical, then 4 nextU32()', () => {
    const rng = Rng.stream(2026, 3);
    expect(Array.from(rng.getState())).toEqual([2288458700, 2465812954, 975433903, 1508858302]);
    const u = [
      0.9128673648494067, 0.3639073391626203, 0.6372010699905885, 0.5996398547958776,
      0.8651948555490812, 0.5563074125873115, 0.605959454602784, 0.3450499383898279,
    ];
    for (const x of u) expect(rng.uniform()).toBe(x);
    expect(take(rng, 4)).toEqual([3015137155, 2473376605, 730225663, 2569345091]);
  });
});

/** A state whose next two outputs are exactly a and b: invert rotl(s1 * 5, 7) * 9 for each. */
function stateEmitting(a: number, b: number): Uint32Array {
  const s1For = (out: number): number => {
    const x = Math.imul(out, 0x38e38e39) >>> 0; // 9^-1 mod 2^32
    const r = ((x >>> 7) | (x << 25)) >>> 0;
    return Math.imul(r, 0xcccccccd) >>> 0; // 5^-1 mod 2^32
  };
  const s0 = 1;
  const s1 = s1For(a);
  // After one step s1' = s1 ^ s2 ^ s0; choose s2 so that s1' emits b.
  const s2 = (s1For(b) ^ s1 ^ s0) >>> 0;
  return Uint32Array.of(s0, s1, s2, 7);
}

describe('ranges and exact end points', () => {
  it('uniform() in [0, 1), uniformOpen() in (0, 1] over 10^5 draws (stream (7, 0))', () => {
    const a = Rng.stream(7, 0);
    const b = Rng.stream(7, 0);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = a.uniform();
      const v = b.uniformOpen();
      // same state: uniformOpen is 1 - uniform, exactly
      if (!(u >= 0 && u < 1) || !(v > 0 && v <= 1) || v !== 1 - u) bad++;
    }
    expect(bad).toBe(0);
  });

  it('end points: outputs (0, 0) give uniform 0, uniformOpen 1, exponential +0', () => {
    const st = stateEmitting(0, 0);
    expect(take(Rng.fromState(st), 2)).toEqual([0, 0]);
    expect(Rng.fromState(st).uniform()).toBe(0);
    expect(Rng.fromState(st).uniformOpen()).toBe(1);
    expect(Object.is(Rng.fromState(st).exponential(3), 0)).toBe(true);
  });

  it('end points: outputs (2^32-1, 2^32-1) give uniform 1-2^-53, uniformOpen 2^-53', () => {
    const st = stateEmitting(0xffffffff, 0xffffffff);
    expect(take(Rng.fromState(st), 2)).toEqual([0xffffffff, 0xffffffff]);
    expect(Rng.fromState(st).uniform()).toBe(1 - 2 ** -53);
    expect(Rng.fromState(st).uniformOpen()).toBe(2 ** -53);
    expect(Rng.fromState(st).exponential(2)).toBe(-Math.log(2 ** -53) / 2);
  });

  it('nextU32() returns integers in [0, 2^32)', () => {
    const rng = Rng.stream(11, 2);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.nextU32();
      if (!(Number.isInteger(x) && x >= 0 && x < 2 ** 32)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('statistics', () => {
  it('mean and variance of 10^6 uniforms of stream (20260101, 0) within 5 sigma', () => {
    const n = 1_000_000;
    const rng = Rng.stream(20260101, 0);
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const d = rng.uniform() - 0.5;
      sum += d;
      sum2 += d * d;
    }
    const mean = 0.5 + sum / n;
    const variance = sum2 / n - (sum / n) ** 2;
    // sd of the mean: sqrt(1/12 / n); sd of the variance: sqrt((1/80 - 1/144) / n) = sqrt(1/180/n).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('exponential(rate) has mean 1/rate within 5 sigma (10^5 draws, stream (3, 9))', () => {
    const n = 100_000;
    const rate = 2.5;
    const rng = Rng.stream(3, 9);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rng.exponential(rate);
    expect(Math.abs(sum / n - 1 / rate)).toBeLessThan((5 * (1 / rate)) / Math.sqrt(n));
  });

  it('exponentialZiggurat(1) is Exp(1): Kolmogorov–Smirnov over 10^6 draws, the tail beyond the base layer, mean and variance (stream (5, 2))', () => {
    const n = 1_000_000;
    const rng = Rng.stream(5, 2);
    const xs = new Float64Array(n);
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponentialZiggurat(1);
      expect(x >= 0 && Number.isFinite(x)).toBe(true);
      xs[i] = x;
      if (x > 7.697117470131487) tail++;
    }
    let mean = 0;
    for (const x of xs) mean += x / n;
    let variance = 0;
    for (const x of xs) variance += (x - mean) ** 2 / n;
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = 1 - Math.exp(-xs[i]!);
      d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    // KS: sqrt(n) D > 1.95 has probability 0.001.
    expect(Math.sqrt(n) * d).toBeLessThan(1.95);
    // The tail (drawn as r − ln u) holds e^−r of the mass: 453 expected, sd 21.
    const expected = n * Math.exp(-7.697117470131487);
    expect(Math.abs(tail - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(Math.abs(mean - 1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(8 / n));
  });

  it('exponentialZiggurat scales by 1/rate and repeats exactly from a saved state', () => {
    const a = Rng.stream(8, 1);
    const state = a.getState();
    const first = Array.from({ length: 1000 }, () => a.exponentialZiggurat(4));
    const b = Rng.fromState(state);
    const again = Array.from({ length: 1000 }, () => b.exponentialZiggurat(4));
    expect(again).toEqual(first);
    const c = Rng.fromState(state);
    const unit = Array.from({ length: 1000 }, () => c.exponentialZiggurat(1));
    unit.forEach((x, i) => expect(first[i]).toBeCloseTo(x / 4, 15));
  });

  it('streams (s, 0) and (s, 1) differ and their first 10^5 outputs are uncorrelated', () => {
    const n = 100_000;
    for (const s of [0, 1, 2026]) {
      const a = Rng.stream(s, 0);
      const b = Rng.stream(s, 1);
      expect(Array.from(a.getState())).not.toEqual(Array.from(b.getState()));
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      let equal = 0;
      for (let i = 0; i < n; i++) {
        const x = a.nextU32();
        const y = b.nextU32();
        if (x === y) equal++;
        const u = x / 2 ** 32 - 0.5;
        const v = y / 2 ** 32 - 0.5;
        sa += u;
        sb += v;
        saa += u * u;
        sbb += v * v;
        sab += u * v;
      }
      const cov = sab / n - (sa / n) * (sb / n);
      const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
      expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
      expect(equal).toBeLessThan(5); // expected 10^5 / 2^32 ≈ 2e-5
    }
  });
});

describe('argument checks', () => {
  const bad = [-1, 0.5, Number.NaN, 2 ** 32, 2 ** 53, Infinity, -Infinity];
  for (const x of bad) {
    it(`seed ${String(x)} and stream ${String(x)} throw RangeError naming the argument`, () => {
      expect(() => Rng.stream(x, 0)).toThrow(RangeError);
      expect(() => Rng.stream(x, 0)).toThrow(/seed/);
      expect(() => Rng.stream(0, x)).toThrow(RangeError);
      expect(() => Rng.stream(0, x)).toThrow(/stream/);
    });
  }

  it('accepts the ends of the range', () => {
    expect(() => Rng.stream(0, 2 ** 32 - 1)).not.toThrow();
    expect(() => Rng.stream(2 ** 32 - 1, 0)).not.toThrow();
  });

  it('setState rejects wrong length and the all-zero state; exponential rejects rate <= 0', () => {
    const rng = Rng.stream(1, 1);
    expect(() => rng.setState(new Uint32Array(3))).toThrow(RangeError);
    expect(() => rng.setState(new Uint32Array(5))).toThrow(RangeError);
    expect(() => rng.setState(new Uint32Array(4))).toThrow(RangeError);
    expect(() => Rng.fromState(new Uint32Array(4))).toThrow(RangeError);
    expect(() => rng.exponential(0)).toThrow(RangeError);
    expect(() => rng.exponential(-1)).toThrow(RangeError);
    expect(() => rng.exponential(Number.NaN)).toThrow(RangeError);
  });
});

describe('checkpoints', () => {
  it('getState/setState round-trip reproduces the sequence', () => {
    const rng = Rng.stream(42, 5);
    take(rng, 1000);
    const saved = rng.getState();
    const ahead = [...take(rng, 50), rng.uniform(), rng.uniformOpen(), rng.exponential(1.5)];
    rng.setState(saved);
    expect([...take(rng, 50), rng.uniform(), rng.uniformOpen(), rng.exponential(1.5)]).toEqual(
      ahead,
    );
    const other = Rng.stream(0, 0);
    other.setState(saved);
    expect(take(other, 53)).toEqual(take(Rng.fromState(saved), 53));
  });

  it('getState returns a copy, and setState/fromState copy their argument', () => {
    const rng = Rng.stream(9, 9);
    const st = rng.getState();
    st[0] = (st[0]! ^ 1) >>> 0;
    expect(rng.getState()).not.toEqual(st);
    const copy = Rng.fromState(st);
    const before = copy.getState();
    st[1] = (st[1]! ^ 1) >>> 0;
    expect(copy.getState()).toEqual(before);
    rng.setState(st);
    st[2] = (st[2]! ^ 1) >>> 0;
    expect(rng.getState()).not.toEqual(st);
  });
});
