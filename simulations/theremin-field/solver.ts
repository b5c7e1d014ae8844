/**
 * The boundary-element (method-of-moments) solver. Unknowns: the total charge on each flat panel,
 * spread uniformly over it. Conditions: the potential at each panel's centroid equals its
 * conductor's potential. With charges in units of 4πε0·(1 V)·m the system is P q = v, where
 *
 *   P_ij = (1/A_j) ∫_{T_j} dS'/|c_i − r'|     (potential at centroid i of unit charge on panel j),
 *
 * computed in closed form for near pairs (|c_i − c_j| < NEAR_FACTOR × diameter of panel j; this
 * includes i = j) and by the centroid rule 1/|c_i − c_j| otherwise. P is then symmetrised,
 * P ← (P + Pᵀ)/2: the potential-coefficient matrix of a set of conductors is symmetric positive
 * definite, collocation breaks the symmetry only at the level of its discretisation error (a
 * Galerkin scheme would keep it), and the symmetric matrix can be solved by conjugate gradients.
 *
 * The theremin: rod at V = 1, hand and arm at V = 0, C = c11 = 4πε0 Σ_rod q. The hand-and-arm body
 * only translates, so the rod–rod and body–body blocks are assembled once; each hand position
 * recomputes the rod–body coupling block and solves from the previous position's charges.
 */
import { ConjugateGradient } from './conjugate-gradient.ts';
import { bodyPanels, handCentreX, rodPanels, type Geometry, type Resolution } from './geometry.ts';
import { PanelSet } from './panels.ts';
import { panelIntegral } from './triangle-potential.ts';

/** Vacuum permittivity (F/m), CODATA 2018. */
export const EPSILON_0 = 8.8541878128e-12;
export const FOUR_PI_EPSILON_0 = 4 * Math.PI * EPSILON_0;

/**
 * Pairs closer than this many source-panel diameters use the closed-form panel integral. At 4
 * diameters the centroid rule's error (the panel's quadrupole over its monopole) is below ~0.3 %
 * of an entry that is itself a small part of the row; the tests show the capacitance converging.
 */
export const NEAR_FACTOR = 4;
/** Conjugate gradients stop at ‖P q − v‖ ≤ CG_TOLERANCE ‖v‖. */
export const CG_TOLERANCE = 1e-8;
const CG_MAX_ITERATIONS = 2000;

/** Potential at (x, y, z) of unit charge spread uniformly on panel j (units of 1/(4πε0)). */
export function unitChargePotential(panels: PanelSet, j: number, x: number, y: number, z: number): number {
  const c = panels.centroid;
  const dx = x - c[3 * j]!, dy = y - c[3 * j + 1]!, dz = z - c[3 * j + 2]!;
  const r2 = dx * dx + dy * dy + dz * dz;
  const near = NEAR_FACTOR * panels.diameter[j]!;
  if (r2 < near * near) return panelIntegral(panels, j, x, y, z) / panels.area[j]!;
  return 1 / Math.sqrt(r2);
}

/**
 * Fills the symmetrised block of rows [r0, r1) × columns [c0, c1) of the row-major matrix P
 * (stride n), and its mirror block when the two differ. Either the blocks are disjoint or the
 * block is a diagonal one (r0 = c0, r1 = c1).
 */
function assembleBlock(panels: PanelSet, P: Float64Array, n: number, r0: number, r1: number, c0: number, c1: number): void {
  const cen = panels.centroid;
  const diagonal = r0 === c0 && r1 === c1;
  for (let i = r0; i < r1; i++) {
    const xi = cen[3 * i]!, yi = cen[3 * i + 1]!, zi = cen[3 * i + 2]!;
    for (let j = diagonal ? i : c0; j < c1; j++) {
      const pij = unitChargePotential(panels, j, xi, yi, zi);
      const pji = unitChargePotential(panels, i, cen[3 * j]!, cen[3 * j + 1]!, cen[3 * j + 2]!);
      const mean = 0.5 * (pij + pji);
      P[i * n + j] = mean;
      P[j * n + i] = mean;
    }
  }
}

/**
 * Charges (units of 4πε0·V·m) on every panel of a set of conductors held at the given potentials,
 * one per panel: the plain solver, used by the tests on spheres.
 */
export function solveCharges(panels: PanelSet, potential: Float64Array): Float64Array {
  const n = panels.count;
  const P = new Float64Array(n * n);
  assembleBlock(panels, P, n, 0, n, 0, n);
  const q = new Float64Array(n);
  new ConjugateGradient(n).solve(P, n, n, potential, q, CG_TOLERANCE, CG_MAX_ITERATIONS);
  return q;
}

/** The antenna and the player's hand (and arm), solved position after position. */
export class ThereminSolver {
  readonly geometry: Geometry;
  /** Rod panels first (indices 0 … rodCount − 1), then the body's, placed at the current hand position. */
  readonly panels: PanelSet;
  readonly rodCount: number;
  readonly count: number;
  /** Solved charges at the current position (units of 4πε0·V·m); warm start for the next. */
  readonly charges: Float64Array;
  /** Capacitance of the rod with no hand anywhere (F). */
  readonly rodCapacitance: number;
  private readonly body: PanelSet;
  private readonly P: Float64Array;
  private readonly potential: Float64Array;
  private readonly cg: ConjugateGradient;

  constructor(geometry: Geometry, resolution: Resolution) {
    this.geometry = geometry;
    const rod = rodPanels(geometry, resolution);
    this.body = bodyPanels(geometry, resolution);
    this.rodCount = rod.count;
    this.count = rod.count + this.body.count;
    const n = this.count;
    this.panels = new PanelSet(n);
    this.panels.copyFrom(rod, 0, 0, 0, 0);
    this.P = new Float64Array(n * n);
    this.potential = new Float64Array(n);
    this.potential.fill(1, 0, this.rodCount);
    this.charges = new Float64Array(n);
    this.cg = new ConjugateGradient(n);

    // The body's own block does not depend on where it is: assemble it once, at the origin.
    this.panels.copyFrom(this.body, this.rodCount, 0, 0, 0);
    assembleBlock(this.panels, this.P, n, this.rodCount, n, this.rodCount, n);
    assembleBlock(this.panels, this.P, n, 0, this.rodCount, 0, this.rodCount);

    // The rod alone: its leading block, solved in place; its charges also start the first position.
    this.cg.solve(this.P, this.rodCount, n, this.potential, this.charges, CG_TOLERANCE, CG_MAX_ITERATIONS);
    let sum = 0;
    for (let j = 0; j < this.rodCount; j++) sum += this.charges[j]!;
    this.rodCapacitance = FOUR_PI_EPSILON_0 * sum;
  }

  /** Moves the hand so that its surface is `gap` (m) from the rod's surface; solves; returns C (F). */
  capacitanceAt(gap: number): number {
    const n = this.count;
    this.panels.place(this.body, this.rodCount, handCentreX(this.geometry, gap), 0, this.geometry.handHeight);
    assembleBlock(this.panels, this.P, n, 0, this.rodCount, this.rodCount, n);
    this.cg.solve(this.P, n, n, this.potential, this.charges, CG_TOLERANCE, CG_MAX_ITERATIONS);
    let sum = 0;
    for (let j = 0; j < this.rodCount; j++) sum += this.charges[j]!;
    return FOUR_PI_EPSILON_0 * sum;
  }

  /** Restores a solution (a checkpoint's warm start) so later solves repeat bit for bit. */
  setCharges(charges: ArrayLike<number>): void {
    this.charges.set(charges);
  }
}
