/**
 * Logarithm, exponential, sine, cosine and arctangent that give the same bits in every JavaScript engine.
 *
 * Why: V8's Math.log and Math.exp are not fixed by the language standard, and they changed
 * between V8 versions — Node 24 (V8 13.6) and Chromium 156 disagree in the last bit on about 7 %
 * of uniform arguments in (0, 1] for log and 10 % for exp (measured November 2026). One differing
 * bit in a Gillespie waiting time changes the whole trajectory. These versions use only IEEE 754
 * +, −, ×, ÷ (correctly rounded everywhere) and exact bit manipulation, so a run is bit-identical
 * in Node, in a browser worker and in the CLI. Engines use these instead of Math.log/exp/pow
 * (the linter enforces it); likewise sin, cos and atan.
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

// ---- sin, cos, atan: fdlibm's k_sin.c, k_cos.c, s_atan.c (same reasons as log/exp above) ----

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** sin(x + y) for |x| ≤ π/4, y the tail of a reduced argument. */
function kernelSin(x: number, y: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** cos(x + y) for |x| ≤ π/4. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // 1 − z/2 loses bits when z/2 is not small: subtract an exactly representable part first.
  const qx = ix > 0x3fe90000 ? 0.28125 : withHighWord(0, ix - 0x00200000);
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - (z * r - x * y));
}

// π/2 in three parts of 33 bits each (fdlibm's pio2_1, pio2_1t, pio2_2, pio2_2t), for a
// Cody–Waite reduction that is exact for the |x| < 2^19·π/2 this library accepts.
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const INV_PIO2 = 6.36619772367581382433e-1;
/** Largest |x| for sin and cos: 2^19·π/2 (the medium-size reduction of fdlibm). */
export const TRIG_MAX = 823549.6654;

// The reduced argument, as a head, a tail and the quadrant; module-level so calls allocate nothing.
let reducedHi = 0;
let reducedLo = 0;

/** Writes x − n·π/2 into reducedHi + reducedLo and returns n mod 4. */
function reduce(x: number): number {
  if (!(Math.abs(x) <= TRIG_MAX)) throw new RangeError(`sin/cos: argument ${x} outside ±${TRIG_MAX}`);
  const n = Math.round(x * INV_PIO2);
  let r = x - n * PIO2_1;
  let w = n * PIO2_1T;
  // Second step of fdlibm's reduction: another 33 bits of π/2, exact when r and n·π/2 nearly cancel.
  const t = r;
  w = n * PIO2_2;
  r = t - w;
  w = n * PIO2_2T - ((t - r) - w);
  reducedHi = r - w;
  reducedLo = (r - reducedHi) - w;
  return n & 3;
}

/** Sine, reproducible in every JavaScript engine; |x| ≤ TRIG_MAX (RangeError beyond). */
export function sin(x: number): number {
  if (Math.abs(x) < 0.7853981633974483) return Math.abs(x) < 7.450580596923828e-9 ? x : kernelSin(x, 0);
  switch (reduce(x)) {
    case 0: return kernelSin(reducedHi, reducedLo);
    case 1: return kernelCos(reducedHi, reducedLo);
    case 2: return -kernelSin(reducedHi, reducedLo);
    default: return -kernelCos(reducedHi, reducedLo);
  }
}

/** Cosine, reproducible in every JavaScript engine; |x| ≤ TRIG_MAX (RangeError beyond). */
export function cos(x: number): number {
  if (Math.abs(x) < 0.7853981633974483) return kernelCos(x, 0);
  switch (reduce(x)) {
    case 0: return kernelCos(reducedHi, reducedLo);
    case 1: return -kernelSin(reducedHi, reducedLo);
    case 2: return -kernelCos(reducedHi, reducedLo);
    default: return kernelSin(reducedHi, reducedLo);
  }
}

const ATAN_HI = [4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1, 1.57079632679489655800] as const;
const ATAN_LO = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17] as const;
const AT0 = 3.33333333333329318027e-1;
const AT1 = -1.99999999998764832476e-1;
const AT2 = 1.42857142725034663711e-1;
const AT3 = -1.11111104054623557880e-1;
const AT4 = 9.09088713343650656196e-2;
const AT5 = -7.69187620504482999495e-2;
const AT6 = 6.66107313738753120669e-2;
const AT7 = -5.83357013379057348645e-2;
const AT8 = 4.97687799461593236017e-2;
const AT9 = -3.65315727442169155270e-2;
const AT10 = 1.62858201153657823623e-2;

/** Arctangent, reproducible in every JavaScript engine. */
export function atan(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  if (ax >= 7.378697629483821e19) return x > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3]; // |x| ≥ 2^66
  let id: number;
  let t: number;
  if (ax < 0.4375) {
    if (ax < 1.862645149230957e-9) return x; // |x| < 2^-29
    id = -1;
    t = x;
  } else if (ax < 1.1875) {
    if (ax < 0.6875) { id = 0; t = (2 * ax - 1) / (2 + ax); } else { id = 1; t = (ax - 1) / (ax + 1); }
  } else if (ax < 2.4375) {
    id = 2; t = (ax - 1.5) / (1 + 1.5 * ax);
  } else {
    id = 3; t = -1 / ax;
  }
  const z = t * t;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return t - t * (s1 + s2);
  const r = ATAN_HI[id as 0] - ((t * (s1 + s2) - ATAN_LO[id as 0]) - t);
  return x < 0 ? -r : r;
}
