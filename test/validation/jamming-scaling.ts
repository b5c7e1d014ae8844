/**
 * Scaling above the jamming point, for validate:full: N = 1024 harmonic disks, 10 seeds, each
 * quenched and brought to its own φ_J, then compressed to φ_J + Δφ for Δφ = 10⁻⁴ … 10⁻¹ and
 * relaxed. Fits p ∝ Δφ^a (a = α − 1 = 1) over every Δφ, and Z − Z_iso ∝ Δφ^b (b = ½) where
 * N·Δφ ≥ 1 (below that the finite-size plateau of Goodrich, Liu & Nagel 2012 takes over).
 */
import { Rng } from '../../simulations/core/rng.ts';
import { contactNetwork, isostaticContacts } from '../../simulations/jamming/contacts.ts';
import { Fire } from '../../simulations/jamming/fire.ts';
import { findJammingPoint, randomPacking, relax } from '../../simulations/jamming/protocols.ts';

export interface ScalingResult {
  readonly phiJ: number[];
  /** Contacts between non-rattlers minus the isostatic count, at each seed's φ_J (found to ~10⁻⁶). */
  readonly excessContacts: number[];
  readonly pressureExponent: number;
  readonly contactExponent: number;
  readonly seconds: number;
}

export const DELTAS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1] as const;

/** Least-squares slope of log y against log x. */
function logSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < lx.length; k++) {
    sxy += (lx[k]! - mx) * (ly[k]! - my);
    sxx += (lx[k]! - mx) ** 2;
  }
  return sxy / sxx;
}

export function jammingScaling(n = 1024, seeds = 10, seed = 2031, onSeed: (done: number, phiJ: number, seconds: number) => void = () => {}): ScalingResult {
  const t0 = performance.now();
  const phiJ: number[] = [];
  const excessContacts: number[] = [];
  // Averages over seeds at each Δφ: log p, and Z − Z_iso.
  const logP = DELTAS.map(() => 0);
  const excessZ = DELTAS.map(() => 0);
  for (let s = 0; s < seeds; s++) {
    const p = randomPacking(n, 0.8, 2, Rng.stream(seed, s));
    // φ_J to about 10⁻⁶: far finer than the smallest Δφ, and still isostatic (N·10⁻⁶ ≪ 1).
    const j = findJammingPoint(p, { energyCeiling: 1e-13, forceTolerance: 1e-12 });
    phiJ.push(j.phiJ);
    const atJamming = contactNetwork(p);
    excessContacts.push(atJamming.contacts - isostaticContacts(atJamming.backbone));
    const x = p.x.slice();
    const y = p.y.slice();
    const box = p.box;
    const fire = new Fire(p);
    DELTAS.forEach((d, k) => {
      p.x.set(x);
      p.y.set(y);
      p.box = box;
      p.setPackingFraction(j.phiJ + d);
      relax(fire, 1e-13);
      const c = contactNetwork(p);
      logP[k]! += Math.log(p.pressure) / seeds;
      excessZ[k]! += (c.z - (2 * isostaticContacts(c.backbone)) / c.backbone) / seeds;
    });
    onSeed(s + 1, j.phiJ, (performance.now() - t0) / 1000);
  }
  const pressureExponent = logSlope([...DELTAS], logP.map(Math.exp));
  const fitted = DELTAS.map((d, k) => ({ d, z: excessZ[k]! })).filter((r) => n * r.d >= 1);
  const contactExponent = logSlope(fitted.map((r) => r.d), fitted.map((r) => r.z));
  return { phiJ, excessContacts, pressureExponent, contactExponent, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Isostaticity at jamming with O'Hern et al.'s window (E/N in [10⁻¹⁶, 2·10⁻¹⁶]): the number of
 * seeds whose contacts between non-rattlers differ from 2(N′ − 1) + 1.
 */
export function nonIsostaticSeeds(n = 256, seeds = 10, seed = 2032): number {
  let bad = 0;
  for (let s = 0; s < seeds; s++) {
    const p = randomPacking(n, 0.8, 2, Rng.stream(seed, s));
    findJammingPoint(p);
    const c = contactNetwork(p);
    if (c.contacts !== isostaticContacts(c.backbone)) bad++;
  }
  return bad;
}
