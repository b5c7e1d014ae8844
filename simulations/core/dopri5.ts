/**
 * Adaptive explicit Runge–Kutta integration with the Dormand–Prince 5(4) pair
 * (Dormand & Prince, J. Comput. Appl. Math. 6, 19 (1980), doi:10.1016/0771-050X(80)90013-3),
 * with local extrapolation, FSAL, an error-per-step controller and Hairer's 4th-order dense output
 * (Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., §II.4–II.6, doi:10.1007/978-3-540-78862-1).
 *
 * The step sequence depends only on the initial state, the right-hand side and the tolerances —
 * never on how a caller splits the work — so observations read from the dense output at fixed
 * times are identical however a run is chunked. All arrays are allocated once.
 */
import { powPositive } from './math.ts';


/** Writes dy/dt at (t, y) into `out`. Must not allocate. */
export type Rhs = (t: number, y: Float64Array, out: Float64Array) => void;

export interface Dopri5Snapshot {
  readonly t: number;
  readonly h: number;
  readonly y: Float64Array;
  readonly f: Float64Array;
  readonly counts: readonly [accepted: number, rejected: number, evaluations: number];
}

export interface Dopri5Options {
  readonly rtol: number;
  readonly atol: number;
  /** Initial upper bound on the step (e.g. to keep animation smooth); Infinity for none. */
  readonly hmax: number;
}

// Butcher tableau of Dormand–Prince 5(4).
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Difference between the 5th- and 4th-order weights: the local error estimate.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// Hairer's continuous extension (contd5).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

const SAFETY = 0.9;
const FAC_MIN = 0.2;
const FAC_MAX = 10;
const MIN_STEP_RATIO = 1e-14;

export class Dopri5 {
  readonly n: number;
  /** Current time and state (after the last accepted step). */
  t = 0;
  readonly y: Float64Array;
  /** Derivative at (t, y) — first stage of the next step (FSAL). */
  readonly f: Float64Array;
  /** Proposed size of the next step; 0 means "choose an initial step". */
  h = 0;
  /** Start time and size of the last accepted step: the interval the dense output covers. */
  tOld = 0;
  hOld = 0;
  acceptedSteps = 0;
  rejectedSteps = 0;
  /**
   * Upper bound on the step; settable, because a caller may need to tighten it when its right-hand
   * side gets stiffer (a live parameter change).
   */
  hmax: number;
  evaluations = 0;

  private readonly rhs: Rhs;
  private readonly opts: Dopri5Options;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly k7: Float64Array;
  private readonly yStage: Float64Array;
  private readonly yNew: Float64Array;
  private readonly r1: Float64Array;
  private readonly r2: Float64Array;
  private readonly r3: Float64Array;
  private readonly r4: Float64Array;
  private readonly r5: Float64Array;

  constructor(n: number, rhs: Rhs, opts: Dopri5Options) {
    this.n = n;
    this.rhs = rhs;
    this.opts = opts;
    this.hmax = opts.hmax;
    const make = () => new Float64Array(n);
    this.y = make(); this.f = make();
    this.k2 = make(); this.k3 = make(); this.k4 = make(); this.k5 = make(); this.k6 = make(); this.k7 = make();
    this.yStage = make(); this.yNew = make();
    this.r1 = make(); this.r2 = make(); this.r3 = make(); this.r4 = make(); this.r5 = make();
  }

  /** Sets the state and recomputes the first stage; the step size is re-initialised. */
  reset(t: number, y0: ArrayLike<number>): void {
    this.t = t;
    for (let i = 0; i < this.n; i++) this.y[i] = y0[i] as number;
    this.h = 0;
    this.tOld = t;
    this.hOld = 0;
    this.refresh();
  }

  /**
   * Recomputes f(t, y) after the right-hand side changed (a live parameter): the FSAL stage would
   * otherwise carry the old model into the next step. Keeps the current step size.
   */
  refresh(): void {
    this.rhs(this.t, this.y, this.f);
    this.evaluations++;
  }

  /** Weighted RMS norm used for error control. */
  private norm(v: Float64Array, scaleA: Float64Array, scaleB: Float64Array): number {
    const { rtol, atol } = this.opts;
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const sc = atol + rtol * Math.max(Math.abs(scaleA[i] as number), Math.abs(scaleB[i] as number));
      const q = (v[i] as number) / sc;
      s += q * q;
    }
    return Math.sqrt(s / this.n);
  }

  /** Hairer's starting-step heuristic (Solving ODEs I, §II.4). */
  private initialStep(): number {
    const { n, y, f, yStage, k2 } = this;
    const d0 = this.norm(y, y, y);
    const d1 = this.norm(f, y, y);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
    h0 = Math.min(h0, this.hmax);
    for (let i = 0; i < n; i++) yStage[i] = (y[i] as number) + h0 * (f[i] as number);
    this.rhs(this.t + h0, yStage, k2);
    this.evaluations++;
    for (let i = 0; i < n; i++) yStage[i] = (k2[i] as number) - (f[i] as number);
    const d2 = this.norm(yStage, y, y) / h0;
    const dmax = Math.max(d1, d2);
    const h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : powPositive(0.01 / dmax, 1 / 5);
    return Math.min(100 * h0, h1, this.hmax);
  }

  /**
   * Takes one accepted step (retrying rejected ones), never past `tEnd`. Returns the step size taken.
   * Throws when the step size underflows (a stiff or singular problem), rather than looping forever.
   */
  step(tEnd: number): number {
    const { n, y, f, k2, k3, k4, k5, k6, k7, yStage: ys, yNew } = this;
    if (this.h === 0) this.h = this.initialStep();
    for (;;) {
      let h = Math.min(this.h, this.hmax);
      // Land exactly on tEnd, and avoid leaving a sliver of a step before it.
      const last = this.t + 1.01 * h >= tEnd;
      if (last) h = tEnd - this.t;
      if (!(h > MIN_STEP_RATIO * Math.max(1, Math.abs(this.t)))) throw new Error('step size underflow');
      const t = this.t;

      for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + h * A21 * (f[i] as number);
      this.rhs(t + C2 * h, ys, k2);
      for (let i = 0; i < n; i++) ys[i] = (y[i] as number) + h * (A31 * (f[i] as number) + A32 * (k2[i] as number));
      this.rhs(t + C3 * h, ys, k3);
      for (let i = 0; i < n; i++) {
        ys[i] = (y[i] as number) + h * (A41 * (f[i] as number) + A42 * (k2[i] as number) + A43 * (k3[i] as number));
      }
      this.rhs(t + C4 * h, ys, k4);
      for (let i = 0; i < n; i++) {
        ys[i] = (y[i] as number)
          + h * (A51 * (f[i] as number) + A52 * (k2[i] as number) + A53 * (k3[i] as number) + A54 * (k4[i] as number));
      }
      this.rhs(t + C5 * h, ys, k5);
      for (let i = 0; i < n; i++) {
        ys[i] = (y[i] as number) + h * (A61 * (f[i] as number) + A62 * (k2[i] as number) + A63 * (k3[i] as number)
          + A64 * (k4[i] as number) + A65 * (k5[i] as number));
      }
      this.rhs(t + h, ys, k6);
      for (let i = 0; i < n; i++) {
        yNew[i] = (y[i] as number) + h * (A71 * (f[i] as number) + A73 * (k3[i] as number) + A74 * (k4[i] as number)
          + A75 * (k5[i] as number) + A76 * (k6[i] as number));
      }
      this.rhs(t + h, yNew, k7);
      this.evaluations += 6;

      for (let i = 0; i < n; i++) {
        ys[i] = h * (E1 * (f[i] as number) + E3 * (k3[i] as number) + E4 * (k4[i] as number) + E5 * (k5[i] as number)
          + E6 * (k6[i] as number) + E7 * (k7[i] as number));
      }
      const err = this.norm(ys, y, yNew);
      if (!Number.isFinite(err)) throw new Error('non-finite state in integration');
      const grow = err === 0 ? FAC_MAX : Math.min(FAC_MAX, Math.max(FAC_MIN, SAFETY * powPositive(err, -1 / 5)));

      if (err <= 1) {
        this.prepareDenseOutput(h);
        this.tOld = t;
        this.hOld = h;
        this.t = last ? tEnd : t + h;
        y.set(yNew);
        f.set(k7);
        this.acceptedSteps++;
        // After a step shortened to hit tEnd, keep the controller's proposal rather than the stub.
        this.h = last ? Math.max(this.h, h * grow) : h * grow;
        return h;
      }
      this.rejectedSteps++;
      this.h = h * Math.min(1, grow);
    }
  }

  private prepareDenseOutput(h: number): void {
    const { n, y, f, k3, k4, k5, k6, k7, yNew, r1, r2, r3, r4, r5 } = this;
    for (let i = 0; i < n; i++) {
      const y0 = y[i] as number;
      const dy = (yNew[i] as number) - y0;
      const bspl = h * (f[i] as number) - dy;
      r1[i] = y0;
      r2[i] = dy;
      r3[i] = bspl;
      r4[i] = dy - h * (k7[i] as number) - bspl;
      r5[i] = h * (D1 * (f[i] as number) + D3 * (k3[i] as number) + D4 * (k4[i] as number) + D5 * (k5[i] as number)
        + D6 * (k6[i] as number) + D7 * (k7[i] as number));
    }
  }

  /** Component i of the 4th-order interpolant at time `at` within the last accepted step. */
  dense(i: number, at: number): number {
    const theta = (at - this.tOld) / this.hOld;
    const theta1 = 1 - theta;
    return (this.r1[i] as number) + theta * ((this.r2[i] as number) + theta1 * ((this.r3[i] as number)
      + theta * ((this.r4[i] as number) + theta1 * (this.r5[i] as number))));
  }

  /** The whole interpolated state at `at`, written into `out`. */
  denseAll(at: number, out: Float64Array): void {
    for (let i = 0; i < this.n; i++) out[i] = this.dense(i, at);
  }

  /** Everything needed to continue bit-identically: state, FSAL stage, step size and counters. */
  snapshot(): Dopri5Snapshot {
    return { t: this.t, h: this.h, y: this.y.slice(), f: this.f.slice(), counts: [this.acceptedSteps, this.rejectedSteps, this.evaluations] };
  }

  restore(s: Dopri5Snapshot): void {
    this.t = s.t;
    this.h = s.h;
    this.y.set(s.y);
    this.f.set(s.f);
    this.tOld = s.t;
    this.hOld = 0;
    [this.acceptedSteps, this.rejectedSteps, this.evaluations] = s.counts;
  }
}
