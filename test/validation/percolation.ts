/**
 * Bond percolation on configuration-model networks (Newman, Phys. Rev. E 66, 016128 (2002),
 * doi:10.1103/PhysRevE.66.016128), from a graph's own degree sequence: the prediction the
 * network SIR engine is validated against, shared by the tests and `npm run validate:full`.
 */
import type { Graph } from '../../simulations/sir-network/graphs.ts';

export function degreeDistribution(g: Graph): Float64Array {
  let kMax = 0;
  for (let v = 0; v < g.n; v++) kMax = Math.max(kMax, g.offsets[v + 1]! - g.offsets[v]!);
  const p = new Float64Array(kMax + 1);
  for (let v = 0; v < g.n; v++) p[g.offsets[v + 1]! - g.offsets[v]!]! += 1 / g.n;
  return p;
}

/** Percolation prediction of the final size of a major outbreak, and T_c. */
export function percolation(p: Float64Array, T: number): { S: number; Tc: number } {
  let k1 = 0;
  let k2 = 0;
  p.forEach((pk, k) => {
    k1 += k * pk;
    k2 += k * k * pk;
  });
  const G0 = (x: number) => p.reduce((acc, pk, k) => acc + pk * x ** k, 0);
  const G1 = (x: number) => p.reduce((acc, pk, k) => (k > 0 ? acc + (k * pk * x ** (k - 1)) / k1 : acc), 0);
  let u = 0;
  for (let i = 0; i < 10_000; i++) u = G1(1 - T + T * u);
  return { S: 1 - G0(1 - T + T * u), Tc: k1 / (k2 - k1) };
}

/** The transmission rate that gives transmissibility T = β/(β + γ). */
export const betaFor = (T: number, gamma: number) => (gamma * T) / (1 - T);
