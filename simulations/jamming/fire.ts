/**
 * FIRE, the fast inertial relaxation engine (Bitzek, Koskinen, Gähler, Moseler & Gumbsch, PRL 97,
 * 170201 (2006), doi:10.1103/PhysRevLett.97.170201), in the form of FIRE 2.0 (Guénolé et al.,
 * Comput. Mater. Sci. 175, 109584 (2020), doi:10.1016/j.commatsci.2020.109584): semi-implicit Euler
 * steps whose velocity is turned toward the force, sped up while the power F·v stays positive, and
 * stopped (with half a step back) as soon as it turns negative. Unit masses.
 *
 * The minimiser works in bounded chunks (`run(maxSteps)`), so an engine can relax a packing a few
 * hundred steps per frame and show it settling.
 */
import type { Packing } from './packing.ts';

const N_DELAY = 5;
const F_INC = 1.1;
const F_DEC = 0.5;
const ALPHA_START = 0.1;
const F_ALPHA = 0.99;
const DT_START = 0.05;
const DT_MAX = 0.5;
const DT_MIN = 1e-4;

export class Fire {
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  private dt = DT_START;
  private alpha = ALPHA_START;
  private positiveSteps = 0;
  /** Steps taken since the last reset. */
  steps = 0;

  private readonly p: Packing;

  constructor(p: Packing) {
    this.p = p;
    this.vx = new Float64Array(p.n);
    this.vy = new Float64Array(p.n);
  }

  snapshot(): { vx: number[]; vy: number[]; dt: number; alpha: number; positiveSteps: number; steps: number } {
    return { vx: Array.from(this.vx), vy: Array.from(this.vy), dt: this.dt, alpha: this.alpha, positiveSteps: this.positiveSteps, steps: this.steps };
  }

  restore(s: ReturnType<Fire['snapshot']>): void {
    this.vx.set(s.vx);
    this.vy.set(s.vy);
    this.dt = s.dt;
    this.alpha = s.alpha;
    this.positiveSteps = s.positiveSteps;
    this.steps = s.steps;
  }

  /** Forgets the velocities and the adapted step (after the box or the disks changed). */
  reset(): void {
    this.vx.fill(0);
    this.vy.fill(0);
    this.dt = DT_START;
    this.alpha = ALPHA_START;
    this.positiveSteps = 0;
    this.steps = 0;
  }

  /**
   * Up to `maxSteps` steps, stopping when the largest force on a disk is below `forceTolerance`.
   * Returns true when converged. Forces (and energy, pressure) are those of the final positions.
   */
  run(maxSteps: number, forceTolerance: number): boolean {
    const { p, vx, vy } = this;
    const n = p.n;
    p.computeForces();
    for (let s = 0; s < maxSteps; s++) {
      if (p.maxForce() < forceTolerance) return true;
      let power = 0;
      for (let i = 0; i < n; i++) power += (p.fx[i] as number) * (vx[i] as number) + (p.fy[i] as number) * (vy[i] as number);
      if (power > 0) {
        this.positiveSteps++;
        if (this.positiveSteps > N_DELAY) {
          this.dt = Math.min(this.dt * F_INC, DT_MAX);
          this.alpha *= F_ALPHA;
        }
      } else {
        this.positiveSteps = 0;
        this.dt = Math.max(this.dt * F_DEC, DT_MIN);
        this.alpha = ALPHA_START;
        // Half a step back, then stand still: the uphill move is undone.
        for (let i = 0; i < n; i++) {
          p.x[i] = (p.x[i] as number) - 0.5 * this.dt * (vx[i] as number);
          p.y[i] = (p.y[i] as number) - 0.5 * this.dt * (vy[i] as number);
        }
        vx.fill(0);
        vy.fill(0);
      }
      const dt = this.dt;
      let v2 = 0;
      let f2 = 0;
      for (let i = 0; i < n; i++) {
        const fx = p.fx[i] as number;
        const fy = p.fy[i] as number;
        const ux = (vx[i] as number) + dt * fx;
        const uy = (vy[i] as number) + dt * fy;
        vx[i] = ux;
        vy[i] = uy;
        v2 += ux * ux + uy * uy;
        f2 += fx * fx + fy * fy;
      }
      // Mix the velocity toward the force: v ← (1 − α)v + α|v| F̂.
      const mix = f2 > 0 ? (this.alpha * Math.sqrt(v2)) / Math.sqrt(f2) : 0;
      for (let i = 0; i < n; i++) {
        const ux = (1 - this.alpha) * (vx[i] as number) + mix * (p.fx[i] as number);
        const uy = (1 - this.alpha) * (vy[i] as number) + mix * (p.fy[i] as number);
        vx[i] = ux;
        vy[i] = uy;
        p.x[i] = (p.x[i] as number) + dt * ux;
        p.y[i] = (p.y[i] as number) + dt * uy;
      }
      this.steps++;
      p.computeForces();
    }
    return p.maxForce() < forceTolerance;
  }
}
