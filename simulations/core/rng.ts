/**
 * The one seeded random-number generator of the simulations.
 *
 * Every stochastic engine draws from an `Rng` made by `Rng.stream(seed, stream)`, so a run is
 * named by two integers and reproduces bit for bit in Node, in a browser worker, on any machine,
 * whichever worker happens to run it. Nothing here reads the clock, `Math.random` or the platform.
 *
 * Generator: xoshiro128** — D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM Trans. Math. Softw. 47(4), 36 (2021), doi:10.1145/3460772. Chosen because its
 * state and arithmetic are 32-bit: JavaScript does exact 32-bit integer maths (`Math.imul`, the
 * bit operators, `>>> 0`) at full speed, whereas a 64-bit generator would need BigInt or 16-bit
 * limbs. Period 2^128 − 1, passes BigCrush; its low bits are as good as its high ones (the **
 * scrambler), and we only use the top 27 and 26 bits for doubles anyway.
 *
 * Seeding: numpy's `SeedSequence` (R. Kern, after M. E. O'Neill's C++ `seed_seq` replacement,
 * https://www.pcg-random.org/posts/developing-a-seed_seq-alternative.html; numpy/random/
 * bit_generator.pyx). Stream (s, k) starts from
 *     np.random.SeedSequence(entropy=s, spawn_key=(k,)).generate_state(4, np.uint32)
 * i.e. the state numpy gives the k-th child spawned from `SeedSequence(s)`. Why this and not
 * `seed + stream` into SplitMix or a jump-ahead: the hash makes every (seed, stream) pair an
 * unrelated 128-bit state (neighbouring seeds and streams are not correlated, and the chance that
 * two of the 2^64 possible streams overlap within any realistic run length is negligible), a
 * stream is addressable directly without generating its predecessors (no jump() chains, so a
 * worker pool can hand out replicas in any order), and the same states can be produced in Python
 * with numpy for cross-checks (see test/kat/seedsequence.py).
 *
 * Uniform doubles use the genrand_res53 construction (Matsumoto & Nishimura's MT19937 reference):
 * 27 + 26 bits of two consecutive outputs, giving every multiple of 2^-53 in [0, 1) with equal
 * probability. Known-answer tests: test/unit/rng.test.ts, vectors from test/kat/.
 */
import { exp, log } from './math.ts';


const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

// numpy/random/bit_generator.pyx constants (uint32), DEFAULT_POOL_SIZE = 4, XSHIFT = 16.
const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;

/**
 * Replacement for an all-zero state, the one state xoshiro cannot leave. SeedSequence never
 * produces it for any (seed, stream) we know of (the chance is 2^-128 per pair); if it ever did,
 * `Rng.stream` uses this fixed state instead: 2^32/φ and the first 32 fractional bits of √2, √3,
 * √5 (the xoshiro128** KAT state "B" in test/kat/xoshiro128starstar.c).
 */
const ZERO_STATE_REPLACEMENT: readonly number[] = [0x9e3779b9, 0x6a09e667, 0xbb67ae85, 0x3c6ef372];

function checkU32(name: 'seed' | 'stream', value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= TWO_POW_32) {
    throw new RangeError(
      `${name} must be an integer in [0, 2^32), got ${String(value)}`,
    );
  }
}

/**
 * The 4 state words numpy derives for (seed, stream), exactly as
 * `np.random.SeedSequence(entropy=seed, spawn_key=(stream,)).generate_state(4, np.uint32)`.
 * This is the raw SeedSequence output (in theory it could be all zero; `Rng.stream` handles that).
 *
 * How numpy assembles the entropy for these arguments: an integer below 2^32 is one uint32 word
 * (0 included: the word [0], not an empty array); because a spawn key is present, the run entropy
 * is zero-padded to the pool size (numpy ≥ 1.19, gh-16539) and the key follows, so the words
 * hashed are [seed, 0, 0, 0, stream].
 */
export function seedSequenceState(seed: number, stream: number): Uint32Array {
  checkU32('seed', seed);
  checkU32('stream', stream);
  const entropy = [seed, 0, 0, 0, stream];
  const pool = new Uint32Array(POOL_SIZE);

  // hashmix: the multiplier evolves with every call (hash_const is in-out in numpy).
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> 16)) >>> 0;
  };
  // mix: (MIX_MULT_L * x - MIX_MULT_R * y) mod 2^32. The difference of two int32 products is an
  // exact integer below 2^32 in magnitude, and `>>> 0` reduces it mod 2^32 exactly.
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };

  // Add in the entropy up to the pool size.
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(entropy[i] ?? 0);
  // Mix all bits together so late bits can affect earlier bits.
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst] ?? 0, hashmix(pool[src] ?? 0));
    }
  }
  // Remaining entropy (here: the spawn key), mixed into every pool word. hashmix is called
  // afresh for each destination, so the multiplier advances each time.
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      pool[dst] = mix(pool[dst] ?? 0, hashmix(entropy[src] ?? 0));
    }
  }

  // generate_state(4, uint32): cycle over the pool with a second evolving multiplier.
  const out = new Uint32Array(4);
  let hashB = INIT_B;
  for (let i = 0; i < 4; i++) {
    let v = ((pool[i % POOL_SIZE] ?? 0) ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    out[i] = v ^ (v >>> 16);
  }
  return out;
}

function checkState(s: Uint32Array): void {
  if (!(s instanceof Uint32Array) || s.length !== 4) {
    throw new RangeError('state must be a Uint32Array of length 4');
  }
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) {
    throw new RangeError('state must not be all zero (xoshiro128** would output zeros forever)');
  }
}

const TWO_POW_M32 = 2.3283064365386963e-10; // 2^-32

/**
 * The ziggurat tables for the exponential distribution (Marsaglia & Tsang 2000, `zigset`): 256
 * layers of equal area ZIG_V, the base layer ending at ZIG_R with the tail beyond it. K: the
 * acceptance thresholds on a 32-bit draw; W: the draw-to-x scale of each layer; F: e^−x at each
 * layer's edge.
 */
const ZIG_R = 7.697117470131487;
const ZIG_V = 3.949659822581572e-3;
const ZIG_K = new Float64Array(256);
const ZIG_W = new Float64Array(256);
const ZIG_F = new Float64Array(256);
{
  const m2 = 4294967296; // 2^32
  let de = ZIG_R;
  let te = ZIG_R;
  const q = ZIG_V / exp(-de);
  ZIG_K[0] = Math.floor((de / q) * m2);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m2;
  ZIG_W[255] = de / m2;
  ZIG_F[0] = 1;
  ZIG_F[255] = exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -log(ZIG_V / de + exp(-de));
    ZIG_K[i + 1] = Math.floor((de / te) * m2);
    te = de;
    ZIG_F[i] = exp(-de);
    ZIG_W[i] = de / m2;
  }
}

/**
 * A xoshiro128** generator. Not thread-shared: each engine instance owns its own.
 * The hot path (`nextU32`, `uniform`, `uniformOpen`, `exponential`) allocates nothing.
 */
export class Rng {
  /** s0..s3, always a valid (not all zero) state. */
  private readonly s: Uint32Array;

  private constructor(state: Uint32Array) {
    this.s = state;
  }

  /**
   * Stream `stream` of run `seed`: both integers in [0, 2^32), else RangeError naming the
   * argument. Different (seed, stream) pairs give statistically independent sequences; the same
   * pair gives the same sequence everywhere. The initial state equals numpy's
   * `SeedSequence(entropy=seed, spawn_key=(stream,)).generate_state(4, np.uint32)`, except that
   * an all-zero result (never observed; probability 2^-128) is replaced by a fixed valid state.
   */
  static stream(seed: number, stream: number): Rng {
    const s = seedSequenceState(seed, stream);
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s.set(ZERO_STATE_REPLACEMENT);
    return new Rng(s);
  }

  /** A generator resuming from a state saved by `getState()` (copied; validated as in setState). */
  static fromState(state: Uint32Array): Rng {
    checkState(state);
    return new Rng(Uint32Array.from(state));
  }

  /** Next raw 32-bit output, an integer in [0, 2^32). */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    // Writes to a Uint32Array reduce mod 2^32, so int32 intermediates are stored correctly.
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * Uniform double in [0, 1): j / 2^53 with j uniform on [0, 2^53), from two outputs a, b as
   * ((a >>> 5) · 2^26 + (b >>> 6)) / 2^53 (genrand_res53). Every step is exact.
   */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * Uniform double in (0, 1], for −ln(u) and other maps singular at 0. Bit-identical to
   * `1 − uniform()` from the same state: (2^53 − j) / 2^53, exact, smallest value 2^-53.
   */
  uniformOpen(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (TWO_POW_53 - (a * TWO_POW_26 + b)) / TWO_POW_53;
  }

  /**
   * Exponential waiting time with the given rate (> 0, else RangeError): −ln(u) / rate with u from
   * `uniformOpen()`, so the result is finite, ≥ 0 (never −0) and at most 36.74 / rate. Consumes
   * two outputs, like `uniform()`. A zero total rate (nothing can happen) is the caller's case.
   */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new RangeError(`rate must be > 0, got ${String(rate)}`);
    return (0 - log(this.uniformOpen())) / rate;
  }

  /**
   * Uniform double in [0, 1) from one 32-bit output (k / 2^32). For choosing between events by
   * their rates, where 2^-32 resolution is far finer than any rate ratio that matters, at half the
   * cost of `uniform()`.
   */
  uniform32(): number {
    return this.nextU32() * TWO_POW_M32;
  }

  /**
   * Exponential waiting time with the given rate by Marsaglia and Tsang's ziggurat (REXP of
   * "The Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8) (2000),
   * doi:10.18637/jss.v005.i08): 256 layers; in 98.9 % of draws one 32-bit output, a table lookup
   * and a multiplication, with no logarithm. The wedges and the tail use core/math's exp and log,
   * and the tables are computed with them at load time, so the values are the same on every
   * platform. Resolution: 32 bits within a layer. A different (faster) sequence from
   * `exponential()`, which inverts the distribution function exactly.
   */
  exponentialZiggurat(rate: number): number {
    const jz = this.nextU32();
    const iz = jz & 255;
    if (jz < ZIG_K[iz]!) return (jz * ZIG_W[iz]!) / rate;
    return this.zigguratEdge(jz, iz) / rate;
  }

  /** The rare cases of the ziggurat: the base layer's tail and the wedges between layers. */
  private zigguratEdge(jz: number, iz: number): number {
    for (;;) {
      if (iz === 0) return ZIG_R - log(this.uniformOpen());
      const x = jz * ZIG_W[iz]!;
      if (ZIG_F[iz]! + this.uniform() * (ZIG_F[iz - 1]! - ZIG_F[iz]!) < exp(-x)) return x;
      jz = this.nextU32();
      iz = jz & 255;
      if (jz < ZIG_K[iz]!) return jz * ZIG_W[iz]!;
    }
  }

  /** A copy of the 4 state words, for checkpoints; `setState`/`fromState` resume from it. */
  getState(): Uint32Array {
    return Uint32Array.from(this.s);
  }

  /** Restore a state from `getState()`. RangeError unless a Uint32Array of length 4, not all zero. */
  setState(state: Uint32Array): void {
    checkState(state);
    this.s.set(state);
  }
}
