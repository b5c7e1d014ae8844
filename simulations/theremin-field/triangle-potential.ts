/**
 * The integral of 1/|r − r'| over a flat triangle, and its gradient, in closed form at any point r
 * (Wilton, Rao, Glisson, Schaubert, Al-Bundak & Butler, IEEE TAP 32, 276 (1984); Graglia, IEEE TAP
 * 41, 1448 (1993)). The potential of a uniform surface charge σ on the triangle is σ/(4πε0) times it.
 *
 * With d the signed height of r above the panel's plane and, for each edge i, l̂ its direction, û
 * its in-plane outward normal, t = (r_a − r)·û the signed distance from the foot of r to the edge's
 * line (positive on the panel's side), l∓ = (r_{a,b} − r)·l̂ and R∓ = |r_{a,b} − r| for its ends a, b,
 * R0² = t² + d²:
 *
 *   ∫ dS'/R = Σ_i [ t f_i − |d| β_i ],
 *   f_i = ln((R+ + l+)/(R− + l−)),   β_i = atan(t l+/(R0² + |d| R+)) − atan(t l−/(R0² + |d| R−)),
 *
 * and, since ∇_ρ ∫ 1/R = −∮ û/R dl (Gauss in the plane) and ∂_d ∫ 1/R = −d ∫ 1/R³ = −sgn(d) Ω
 * with the solid angle Ω = Σ_i β_i,
 *
 *   ∇ ∫ dS'/R = −Σ_i û_i f_i − sgn(d) n̂ Σ_i β_i.
 *
 * R + l loses every digit when l < 0 and |l| ≫ R0 (a point far along the edge's line behind it).
 * With R² − l² = R0², f is computed without cancellation in each case (l+ > l− always):
 * ln((R+ + l+)/(R− + l−)) when l− ≥ 0, ln((R− − l−)/(R+ − l+)) when l+ ≤ 0, and
 * ln((R+ + l+)(R− − l−)/R0²) when the foot of r lies between the edge's ends. f is infinite only
 * on the edge itself, where t = 0 and the potential term t f vanishes.
 */
import { atan, log } from '../core/math.ts';
import type { PanelSet } from './panels.ts';

/** f = ln((R+ + l+)/(R− + l−)) of one edge, without cancellation (see above). */
function edgeLog(rPlus: number, lPlus: number, rMinus: number, lMinus: number, r0sq: number): number {
  if (lMinus >= 0) return log((rPlus + lPlus) / (rMinus + lMinus));
  if (lPlus <= 0) return log((rMinus - lMinus) / (rPlus - lPlus));
  return log(((rPlus + lPlus) * (rMinus - lMinus)) / r0sq);
}

/** ∫ dS'/|r − r'| over panel j at r = (x, y, z), in metres (area / distance). */
export function panelIntegral(panels: PanelSet, j: number, x: number, y: number, z: number): number {
  const c = panels.corners, dir = panels.edgeDirection, out = panels.edgeOutward, n = panels.normal;
  const o = 9 * j;
  const d = (x - c[o]!) * n[3 * j]! + (y - c[o + 1]!) * n[3 * j + 1]! + (z - c[o + 2]!) * n[3 * j + 2]!;
  const ad = Math.abs(d);
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const a = o + 3 * i, b = o + (i === 2 ? 0 : 3 * i + 3), e = o + 3 * i;
    const ax = c[a]! - x, ay = c[a + 1]! - y, az = c[a + 2]! - z;
    const bx = c[b]! - x, by = c[b + 1]! - y, bz = c[b + 2]! - z;
    const lx = dir[e]!, ly = dir[e + 1]!, lz = dir[e + 2]!;
    const t = ax * out[e]! + ay * out[e + 1]! + az * out[e + 2]!;
    // In the plane of the edge's line (t = 0) the edge contributes nothing.
    if (t === 0) continue;
    const lMinus = ax * lx + ay * ly + az * lz, lPlus = bx * lx + by * ly + bz * lz;
    const rMinus = Math.sqrt(ax * ax + ay * ay + az * az), rPlus = Math.sqrt(bx * bx + by * by + bz * bz);
    const r0sq = t * t + d * d;
    sum += t * edgeLog(rPlus, lPlus, rMinus, lMinus, r0sq);
    if (ad > 0) sum -= ad * (atan((t * lPlus) / (r0sq + ad * rPlus)) - atan((t * lMinus) / (r0sq + ad * rMinus)));
  }
  return sum;
}

/**
 * The integral (result[0]) and its gradient with respect to r (result[1..3]) over panel j. The
 * in-plane part is infinite on an edge (a field singularity of the flat model); field points are
 * kept off the panels.
 */
export function panelIntegralAndGradient(panels: PanelSet, j: number, x: number, y: number, z: number, result: Float64Array): void {
  const c = panels.corners, dir = panels.edgeDirection, out = panels.edgeOutward, n = panels.normal;
  const o = 9 * j;
  const nx = n[3 * j]!, ny = n[3 * j + 1]!, nz = n[3 * j + 2]!;
  const d = (x - c[o]!) * nx + (y - c[o + 1]!) * ny + (z - c[o + 2]!) * nz;
  const ad = Math.abs(d);
  let sum = 0, gx = 0, gy = 0, gz = 0, solidAngle = 0;
  for (let i = 0; i < 3; i++) {
    const a = o + 3 * i, b = o + (i === 2 ? 0 : 3 * i + 3), e = o + 3 * i;
    const ax = c[a]! - x, ay = c[a + 1]! - y, az = c[a + 2]! - z;
    const bx = c[b]! - x, by = c[b + 1]! - y, bz = c[b + 2]! - z;
    const lx = dir[e]!, ly = dir[e + 1]!, lz = dir[e + 2]!;
    const ux = out[e]!, uy = out[e + 1]!, uz = out[e + 2]!;
    const t = ax * ux + ay * uy + az * uz;
    const lMinus = ax * lx + ay * ly + az * lz, lPlus = bx * lx + by * ly + bz * lz;
    const rMinus = Math.sqrt(ax * ax + ay * ay + az * az), rPlus = Math.sqrt(bx * bx + by * by + bz * bz);
    const r0sq = t * t + d * d;
    const f = edgeLog(rPlus, lPlus, rMinus, lMinus, r0sq);
    // Infinite only on the edge itself (where t = 0): the point is then on the panel's rim.
    if (Number.isFinite(f)) {
      sum += t * f;
      gx -= ux * f;
      gy -= uy * f;
      gz -= uz * f;
    }
    if (ad > 0 && t !== 0) solidAngle += atan((t * lPlus) / (r0sq + ad * rPlus)) - atan((t * lMinus) / (r0sq + ad * rMinus));
  }
  const sign = d > 0 ? 1 : d < 0 ? -1 : 0;
  result[0] = sum - ad * solidAngle;
  result[1] = gx - sign * nx * solidAngle;
  result[2] = gy - sign * ny * solidAngle;
  result[3] = gz - sign * nz * solidAngle;
}
