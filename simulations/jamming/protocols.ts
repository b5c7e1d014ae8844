/**
 * Preparing packings: a random configuration at packing fraction φ relaxed to its nearest energy
 * minimum (a fast quench from infinite temperature), and the search for the jamming point of that
 * configuration by compressing and decompressing it, relaxing after each step (O'Hern, Silbert,
 * Liu & Nagel, PRE 68, 011306 (2003), doi:10.1103/PhysRevE.68.011306): a relaxed state is jammed
 * when its energy per disk stays above E_JAMMED; the step in φ halves each time the direction
 * changes, until the packing sits just above jamming with E/N in [E_JAMMED, 2·E_JAMMED].
 */
import type { Rng } from '../core/rng.ts';
import { Fire } from './fire.ts';
import { LARGE, Packing, SMALL, type Exponent } from './packing.ts';

/** Energy per disk above which a relaxed packing counts as jammed (O'Hern et al. use 10⁻¹⁶). */
export const E_JAMMED = 1e-16;
/** Largest force on a disk at which a relaxation counts as finished. */
export const FORCE_TOLERANCE = 1e-14;
/** No relaxation may take more steps than this (it then reports that it did not converge). */
export const MAX_RELAX_STEPS = 2_000_000;

/** N disks, half of diameter 1 and half of 1.4 (the first ⌈N/2⌉ small). */
export function bidisperse(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) ? SMALL : LARGE));
}

/** A packing with the disks placed uniformly at random (overlapping freely) at packing fraction φ. */
export function randomPacking(n: number, phi: number, exponent: Exponent, rng: Rng): Packing {
  const p = new Packing(bidisperse(n), exponent);
  p.setPackingFraction(phi);
  for (let i = 0; i < n; i++) {
    p.x[i] = rng.uniform() * p.box;
    p.y[i] = rng.uniform() * p.box;
  }
  return p;
}

export interface Relaxation {
  readonly converged: boolean;
  readonly steps: number;
}

/** Relaxes to the nearest energy minimum (FIRE), from rest. */
export function relax(fire: Fire, forceTolerance = FORCE_TOLERANCE, maxSteps = MAX_RELAX_STEPS): Relaxation {
  fire.reset();
  const converged = fire.run(maxSteps, forceTolerance);
  return { converged, steps: fire.steps };
}

export interface JammingPoint {
  readonly phiJ: number;
  readonly energyPerDisk: number;
  readonly relaxations: number;
  readonly steps: number;
  /** Every relaxation converged. */
  readonly converged: boolean;
}

export interface JammingSearch {
  /** First step in φ (halved at each change of direction). */
  readonly step?: number;
  /** Smallest step before the search settles for the last jammed state. */
  readonly minStep?: number;
  /** A jammed state with E/N at most this ends the search (O'Hern et al.: 2·E_JAMMED). */
  readonly energyCeiling?: number;
  readonly forceTolerance?: number;
}

/**
 * Compresses or decompresses the packing in steps, relaxing after each, until it is jammed with
 * E/N in [E_JAMMED, energyCeiling] (or the step falls below `minStep`). Leaves the packing there.
 * A wider window ends sooner, a little further above φ_J (E/N ∝ (φ − φ_J)²): 10⁻¹³ puts a packing
 * of 1000 disks about 10⁻⁶ above it, where N(φ − φ_J) ≪ 1 and the contact network is still the
 * isostatic one.
 */
export function findJammingPoint(p: Packing, search: JammingSearch = {}): JammingPoint {
  let step = search.step ?? 1e-3;
  const minStep = search.minStep ?? 1e-10;
  const ceiling = search.energyCeiling ?? 2 * E_JAMMED;
  const tolerance = search.forceTolerance ?? FORCE_TOLERANCE;
  const fire = new Fire(p);
  let relaxations = 0;
  let steps = 0;
  let converged = true;
  let lastDirection = 0;
  for (;;) {
    const r = relax(fire, tolerance);
    relaxations++;
    steps += r.steps;
    converged &&= r.converged;
    const e = p.energy / p.n;
    const jammed = e > E_JAMMED;
    if (jammed && e <= ceiling) break;
    const direction = jammed ? -1 : 1;
    if (lastDirection !== 0 && direction !== lastDirection) step /= 2;
    lastDirection = direction;
    if (step < minStep && jammed) break;
    p.setPackingFraction(p.packingFraction + direction * step);
  }
  return { phiJ: p.packingFraction, energyPerDisk: p.energy / p.n, relaxations, steps, converged };
}
