/**
 * Soft-disk packings (simulations/jamming/): forces and pressure against the energy they come
 * from, the cell list against every pair, and the jamming transition of fast-quenched states —
 * φ_J near 0.84 and exactly isostatic contact networks (rattlers removed) for every seed.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../simulations/core/rng.ts';
import { contactNetwork, isostaticContacts } from '../../simulations/jamming/contacts.ts';
import { Fire } from '../../simulations/jamming/fire.ts';
import type { Exponent, Packing } from '../../simulations/jamming/packing.ts';
import { findJammingPoint, randomPacking, relax } from '../../simulations/jamming/protocols.ts';

/** A relaxed packing above jamming, then perturbed a little so no force vanishes. */
function overlapping(n: number, phi: number, exponent: Exponent, seed: number): Packing {
  const p = randomPacking(n, phi, exponent, Rng.stream(seed, 0));
  relax(new Fire(p), 1e-3, 2000);
  const rng = Rng.stream(seed, 1);
  for (let i = 0; i < n; i++) {
    p.x[i] = (p.x[i] as number) + 0.01 * (rng.uniform() - 0.5);
    p.y[i] = (p.y[i] as number) + 0.01 * (rng.uniform() - 0.5);
  }
  return p;
}

/** The energy summed over every pair by minimum image, without the cell list. */
function bruteEnergy(p: Packing): number {
  let e = 0;
  for (let i = 0; i < p.n; i++) {
    for (let j = i + 1; j < p.n; j++) {
      let dx = (p.x[j] as number) - (p.x[i] as number);
      let dy = (p.y[j] as number) - (p.y[i] as number);
      dx -= p.box * Math.round(dx / p.box);
      dy -= p.box * Math.round(dy / p.box);
      const sigma = 0.5 * ((p.diameter[i] as number) + (p.diameter[j] as number));
      const r = Math.hypot(dx, dy);
      if (r < sigma) e += (1 - r / sigma) ** p.exponent / p.exponent;
    }
  }
  return e;
}

describe('soft disks: forces, energy and pressure', () => {
  for (const exponent of [2, 2.5] as const) {
    it(`α = ${exponent}: forces are −∇V (central differences) and the cell list sees every pair`, () => {
      const p = overlapping(200, 0.9, exponent, 3);
      p.computeForces();
      expect(Math.abs(p.energy / bruteEnergy(p) - 1)).toBeLessThan(1e-12);
      const h = 1e-6;
      for (const i of [0, 17, 101, 199]) {
        for (const axis of [p.x, p.y]) {
          const x0 = axis[i] as number;
          axis[i] = x0 + h;
          const plus = bruteEnergy(p);
          axis[i] = x0 - h;
          const minus = bruteEnergy(p);
          axis[i] = x0;
          p.computeForces();
          const force = axis === p.x ? (p.fx[i] as number) : (p.fy[i] as number);
          expect(Math.abs(force + (plus - minus) / (2 * h))).toBeLessThan(1e-7 * Math.max(1, Math.abs(force)));
        }
      }
    });

    it(`α = ${exponent}: the virial pressure equals −dE/dA under an affine compression`, () => {
      const p = overlapping(200, 0.9, exponent, 4);
      p.computeForces();
      const pressure = p.pressure;
      const area = p.box * p.box;
      const phi = p.packingFraction;
      const dA = 1e-6 * area;
      p.setPackingFraction(p.diskArea / (area + dA));
      const ePlus = bruteEnergy(p);
      p.setPackingFraction(p.diskArea / (area - dA));
      const eMinus = bruteEnergy(p);
      p.setPackingFraction(phi);
      expect(Math.abs(pressure / (-(ePlus - eMinus) / (2 * dA)) - 1)).toBeLessThan(1e-6);
    });
  }
});

describe('the jamming transition of fast-quenched states (harmonic disks)', () => {
  it('every jammed packing is isostatic: contacts among non-rattlers = 2(N′ − 1) + 1 (N = 64 and 256, 3 seeds each)', () => {
    const phiJ: number[] = [];
    for (const n of [64, 256]) {
      for (let seed = 0; seed < 3; seed++) {
        const p = randomPacking(n, 0.8, 2, Rng.stream(seed, 0));
        const j = findJammingPoint(p);
        expect(j.converged, `N = ${n}, seed ${seed}`).toBe(true);
        const c = contactNetwork(p);
        expect(c.contacts, `N = ${n}, seed ${seed}: N′ = ${c.backbone}`).toBe(isostaticContacts(c.backbone));
        if (n === 256) phiJ.push(j.phiJ);
      }
    }
    // O'Hern et al. (2003): φ_J ≈ 0.84 for fast quenches in 2D; a few N = 256 seeds average within [0.83, 0.85].
    const mean = phiJ.reduce((a, b) => a + b, 0) / phiJ.length;
    expect(mean).toBeGreaterThan(0.83);
    expect(mean).toBeLessThan(0.85);
  }, 120_000);

  it('is deterministic: the same seed jams at the same φ, to the last bit', () => {
    const a = findJammingPoint(randomPacking(64, 0.8, 2, Rng.stream(9, 0)));
    const b = findJammingPoint(randomPacking(64, 0.8, 2, Rng.stream(9, 0)));
    expect(b.phiJ).toBe(a.phiJ);
    expect(b.steps).toBe(a.steps);
  });

  it('below jamming a relaxed packing has no overlaps; above it, a finite pressure', () => {
    const below = randomPacking(128, 0.7, 2, Rng.stream(2, 0));
    relax(new Fire(below));
    expect(below.energy).toBe(0);
    const above = randomPacking(128, 0.9, 2, Rng.stream(2, 0));
    relax(new Fire(above));
    expect(above.pressure).toBeGreaterThan(1e-3);
    expect(contactNetwork(above).z).toBeGreaterThan(4);
  });
});

describe('the jamming engine (quasi-static compression)', () => {
  it('compressing through φ_J: no pressure and no rigid network below, isostatic-or-more above; the same however the work is split', async () => {
    const { jammingEngine } = await import('../../simulations/jamming/index.ts');
    const { defaultsOf } = await import('../../simulations/core/params.ts');
    const { runToEnd } = await import('../../simulations/core/engine.ts');
    const params = { ...defaultsOf(jammingEngine.params), N: 128, phiStart: 0.78, phi: 0.88, phiStep: 0.01 };
    const a = jammingEngine.create(params, 5, 0);
    runToEnd(a, 1e9);
    const b = jammingEngine.create(params, 5, 0);
    runToEnd(b, 97);
    const fa = a.observe();
    const fb = b.observe();
    expect(Array.from(fb.series['pressure']!.subarray(0, fb.length))).toEqual(Array.from(fa.series['pressure']!.subarray(0, fa.length)));
    const phi = fa.series['phi']!;
    const p = fa.series['pressure']!;
    const z = fa.series['z']!;
    for (let k = 0; k < fa.length; k++) {
      if (phi[k]! < 0.8) {
        expect(p[k]!, `φ = ${phi[k]}`).toBeLessThan(1e-8);
        expect(z[k]!).toBe(0);
      }
      if (phi[k]! > 0.86) {
        expect(p[k]!, `φ = ${phi[k]}`).toBeGreaterThan(1e-3);
        expect(z[k]!).toBeGreaterThanOrEqual(4);
      }
    }
    expect(fa.summary['contacts']!).toBeGreaterThanOrEqual(fa.summary['isostatic']!);
    expect(fa.fields!['x']!.length).toBe(128);
  }, 60_000);
});

describe('FIRE against steepest descent', () => {
  it('from a slightly shaken minimum both relax back to the same energy and positions', () => {
    const p = randomPacking(64, 0.9, 2, Rng.stream(12, 0));
    relax(new Fire(p), 1e-12);
    const rng = Rng.stream(12, 1);
    for (let i = 0; i < p.n; i++) {
      p.x[i] = (p.x[i] as number) + 1e-3 * (rng.uniform() - 0.5);
      p.y[i] = (p.y[i] as number) + 1e-3 * (rng.uniform() - 0.5);
    }
    const x0 = p.x.slice();
    const y0 = p.y.slice();
    // FIRE.
    relax(new Fire(p), 1e-12);
    const fire = { e: p.energy, x: p.x.slice(), y: p.y.slice() };
    // Steepest descent with a backtracking (Armijo) line search, written here independently.
    p.x.set(x0);
    p.y.set(y0);
    p.computeForces();
    const gx = new Float64Array(p.n);
    const gy = new Float64Array(p.n);
    const xs = new Float64Array(p.n);
    const ys = new Float64Array(p.n);
    let step = 1;
    for (let it = 0; it < 100_000 && p.maxForce() > 1e-12; it++) {
      const e0 = p.energy;
      gx.set(p.fx);
      gy.set(p.fy);
      xs.set(p.x);
      ys.set(p.y);
      let g2 = 0;
      for (let i = 0; i < p.n; i++) g2 += gx[i]! ** 2 + gy[i]! ** 2;
      step = Math.min(1, 4 * step);
      for (;;) {
        for (let i = 0; i < p.n; i++) {
          p.x[i] = xs[i]! + step * gx[i]!;
          p.y[i] = ys[i]! + step * gy[i]!;
        }
        p.computeForces();
        if (p.energy <= e0 - 1e-4 * step * g2 || step < 1e-12) break;
        step /= 2;
      }
    }
    expect(Math.abs(p.energy - fire.e)).toBeLessThan(1e-10 * Math.max(1e-12, fire.e) + 1e-20);
    let worst = 0;
    for (let i = 0; i < p.n; i++) {
      let dx = p.x[i]! - fire.x[i]!;
      let dy = p.y[i]! - fire.y[i]!;
      dx -= p.box * Math.round(dx / p.box);
      dy -= p.box * Math.round(dy / p.box);
      worst = Math.max(worst, Math.hypot(dx, dy));
    }
    expect(worst).toBeLessThan(1e-6);
  }, 60_000);
});
