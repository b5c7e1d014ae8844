/**
 * Exact and asymptotic capacitances that the boundary-element solver is checked against, shared by
 * the unit-size tests (theremin-field.test.ts) and the full-size runs (full.ts).
 */
import { FOUR_PI_EPSILON_0 } from '../../simulations/theremin-field/solver.ts';

export /**
 * c11 of sphere 1 (radius a, V = 1) with sphere 2 (radius b) grounded, centres s apart, in units
 * of 4πε0 (Smythe, Static and Dynamic Electricity, §5.08; Jackson, Classical Electrodynamics, §2.2):
 * start with q = a at the centre of sphere 1; a charge q at distance x from a sphere's centre
 * (radius R) has the image −qR/x at R²/x from it; alternate images between the two spheres and
 * add up those inside sphere 1.
 */
function twoSphereC11(a: number, b: number, s: number): number {
  let total = 0;
  let q = a, x = 0; // charge inside sphere 1, at x from its centre towards sphere 2
  while (Math.abs(q) > 1e-16 * a) {
    total += q;
    const d2 = s - x; // distance from sphere 2's centre
    const q2 = (-q * b) / d2, x2 = s - (b * b) / d2; // image in sphere 2 (position from centre 1)
    q = (-q2 * a) / x2;
    x = (a * a) / x2;
  }
  return total;
}

export /**
 * Capacitance of a thin cylinder of length L and radius a, Λ = ln(L/a) (Vainshtein 1962; Jackson,
 * Am. J. Phys. 68, 789 (2000), doi:10.1119/1.1302908):
 *   C = 2πε0 L/Λ · {1 + (1 − ln 2)/Λ + [1 + (1 − ln 2)² − π²/12]/Λ² + O(Λ⁻³)}.
 */
function slenderRodCapacitance(L: number, a: number): number {
  const lam = Math.log(L / a);
  const c1 = 1 - Math.LN2;
  return ((FOUR_PI_EPSILON_0 / 2) * L / lam) * (1 + c1 / lam + (1 + c1 * c1 - (Math.PI * Math.PI) / 12) / (lam * lam));
}
