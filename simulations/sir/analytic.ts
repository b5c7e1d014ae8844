/**
 * Closed-form results of the deterministic SIR model (fractions of the population N):
 * the final-size relation, the peak prevalence and the herd-immunity threshold.
 * Kermack & McKendrick, Proc. R. Soc. A 115, 700 (1927), doi:10.1098/rspa.1927.0118;
 * Ma & Earn, Bull. Math. Biol. 68, 679 (2006), doi:10.1007/s11538-005-9047-7.
 */
import { exp, log } from '../core/math.ts';


/**
 * Susceptible fraction left when the epidemic is over, s∞, from ln(s∞/s0) = −R0 (s0 + i0 − s∞)
 * (R(0) = 0; the vaccinated are in neither s0 nor i0). The same relation holds for SEIR with E(0) = 0.
 * The function x ↦ x − ln s0 + R0(s0 + i0 − eˣ) of x = ln s is increasing below ln(1/R0) and
 * changes sign in (−∞, ln min(s0, 1/R0)], so bisection in x finds the root to machine precision,
 * even when s∞ is as small as e^−R0·… for large R0.
 */
export function finalSusceptible(R0: number, s0: number, i0: number): number {
  if (s0 <= 0) return 0;
  if (i0 <= 0) return s0;
  const lnS0 = log(s0);
  const g = (x: number) => x - lnS0 + R0 * (s0 + i0 - exp(x));
  let hi = Math.min(lnS0, -log(R0));
  let lo = -745; // below this e^x underflows to 0
  if (g(hi) <= 0) return exp(hi);
  if (g(lo) >= 0) return 0;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return exp(0.5 * (lo + hi));
}

/** Fraction ever infected (including the initially infected) when the epidemic is over. */
export function finalSize(R0: number, s0: number, i0: number): number {
  return s0 + i0 - finalSusceptible(R0, s0, i0);
}

/**
 * Peak prevalence of SIR, from the conserved quantity i + s − ln(s)/R0: the maximum of i is where
 * s = 1/R0, i_max = i0 + s0 − (1 + ln(R0 s0))/R0; if R0 s0 ≤ 1 the infected only decline.
 */
export function peakPrevalenceSIR(R0: number, s0: number, i0: number): number {
  if (R0 * s0 <= 1) return i0;
  return i0 + s0 - (1 + log(R0 * s0)) / R0;
}

/** Fraction that must be immune for an outbreak not to grow: 1 − 1/R0 (0 when R0 ≤ 1). */
export function herdImmunityThreshold(R0: number): number {
  return R0 > 1 ? 1 - 1 / R0 : 0;
}
