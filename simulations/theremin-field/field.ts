/**
 * The field picture of one hand position in the mirror plane y = 0: the potential on a grid and
 * field lines from the rod. Potential and field are sums over the solved panel charges (closed
 * form near a panel, point charge far from it), the same split as the solver's matrix. By the
 * y → −y symmetry E has no y component in that plane, so the lines stay in it.
 */
import { bodyDistance, handCentreX, rodDistance, type Geometry } from './geometry.ts';
import type { PanelSet } from './panels.ts';
import { NEAR_FACTOR, unitChargePotential } from './solver.ts';
import { panelIntegralAndGradient } from './triangle-potential.ts';

/** Potential (V, the rod at 1 V) at (x, y, z) of charges q (units of 4πε0·V·m) on the panels. */
export function potentialAt(panels: PanelSet, q: Float64Array, x: number, y: number, z: number): number {
  let phi = 0;
  for (let j = 0; j < panels.count; j++) phi += q[j]! * unitChargePotential(panels, j, x, y, z);
  return phi;
}

/** Electric field E = −∇φ (V/m) at (x, y, z) into out[0..2]; `scratch` holds at least 4 numbers. */
export function fieldAt(panels: PanelSet, q: Float64Array, x: number, y: number, z: number, scratch: Float64Array, out: Float64Array): void {
  const c = panels.centroid;
  let ex = 0, ey = 0, ez = 0;
  for (let j = 0; j < panels.count; j++) {
    const dx = x - c[3 * j]!, dy = y - c[3 * j + 1]!, dz = z - c[3 * j + 2]!;
    const r2 = dx * dx + dy * dy + dz * dz;
    const near = NEAR_FACTOR * panels.diameter[j]!;
    if (r2 < near * near) {
      panelIntegralAndGradient(panels, j, x, y, z, scratch);
      const s = q[j]! / panels.area[j]!;
      ex -= s * scratch[1]!;
      ey -= s * scratch[2]!;
      ez -= s * scratch[3]!;
    } else {
      const s = q[j]! / (r2 * Math.sqrt(r2));
      ex += s * dx;
      ey += s * dy;
      ez += s * dz;
    }
  }
  out[0] = ex;
  out[1] = ey;
  out[2] = ez;
}

export interface PlaneBox {
  readonly x0: number;
  readonly x1: number;
  readonly z0: number;
  readonly z1: number;
}

export interface PotentialGrid extends PlaneBox {
  readonly nx: number;
  readonly nz: number;
  /** Row-major, z rows of x: value at (x0 + i (x1 − x0)/(nx − 1), z0 + k (z1 − z0)/(nz − 1)) at k·nx + i. */
  readonly potential: Float32Array;
}

/**
 * Potential on an nx × nz grid of the box in the plane y = 0. Nodes inside a conductor (its true
 * round surface, not the panels inscribed in it) get that conductor's potential: 1 on the rod,
 * 0 in the hand and arm.
 */
export function potentialGrid(g: Geometry, gap: number, panels: PanelSet, q: Float64Array, box: PlaneBox, nx: number, nz: number): PotentialGrid {
  const potential = new Float32Array(nx * nz);
  const hx = handCentreX(g, gap);
  for (let k = 0; k < nz; k++) {
    const z = box.z0 + ((box.z1 - box.z0) * k) / (nz - 1);
    for (let i = 0; i < nx; i++) {
      const x = box.x0 + ((box.x1 - box.x0) * i) / (nx - 1);
      let phi: number;
      if (rodDistance(g, x, 0, z) <= 0) phi = 1;
      else if (bodyDistance(g, hx, g.handHeight, x, 0, z) <= 0) phi = 0;
      else phi = potentialAt(panels, q, x, 0, z);
      potential[k * nx + i] = phi;
    }
  }
  return { ...box, nx, nz, potential };
}

export interface FieldLines {
  /** (x, z) pairs of every line, one line after another. */
  readonly points: Float32Array;
  /** Line k is points (pairs) offsets[k] … offsets[k+1] − 1; offsets has lines + 1 entries. */
  readonly offsets: Int32Array;
}

/** Lines start this far outside the rod's surface, in rod radii (clear of the inscribed panels' edges). */
const START_OFFSET = 0.2;
/** Step length: this fraction of the distance to the nearest conductor, within the limits below. */
const STEP_FRACTION = 0.25;
const MIN_STEP_RADII = 0.05;
const MAX_STEP_OF_BOX = 0.01;
/** A line has reached the hand or arm within this many rod radii of its surface. */
const ARRIVAL_RADII = 0.2;
const MAX_STEPS = 3000;

/**
 * Where the rod's outline in the plane y = 0 is at arc length s, walking around it from the bottom
 * centre: out along the bottom to x = +a, up the +x side, in along the top to the axis, on to −a,
 * down the −x side, back along the bottom. Total length 2L + 4a. Writes (x, z, outward nx, nz).
 */
function outlinePoint(g: Geometry, s: number, out: Float64Array): void {
  const a = g.rodRadius, L = g.rodLength;
  const put = (x: number, z: number, nx: number, nz: number): void => {
    out[0] = x;
    out[1] = z;
    out[2] = nx;
    out[3] = nz;
  };
  if (s < a) put(s, 0, 0, -1);
  else if (s < a + L) put(a, s - a, 1, 0);
  else if (s < 3 * a + L) put(2 * a + L - s, L, 0, 1);
  else if (s < 3 * a + 2 * L) put(-a, 3 * a + 2 * L - s, -1, 0);
  else put(s - (4 * a + 2 * L), 0, 0, -1);
}

/** Arc length on that outline of rod panel j (by its centroid; the x ≥ 0 half goes to the +x side). */
function outlinePosition(g: Geometry, panels: PanelSet, j: number): number {
  const a = g.rodRadius, L = g.rodLength;
  const x = panels.centroid[3 * j]!, y = panels.centroid[3 * j + 1]!, z = panels.centroid[3 * j + 2]!;
  const nz = panels.normal[3 * j + 2]!;
  const rho = Math.sqrt(x * x + y * y);
  const plus = x >= 0;
  if (nz < -0.5) return plus ? rho : 4 * a + 2 * L - rho;
  if (nz > 0.5) return plus ? 2 * a + L - rho : 2 * a + L + rho;
  return plus ? a + z : 3 * a + 2 * L - z;
}

/**
 * `count` field lines from the rod, started at equal increments of the rod's charge along its
 * outline (so their density follows the surface charge, piled up at the ends), and integrated
 * along E by classical Runge–Kutta in arc length, with steps that shrink near conductors. A line
 * ends on the hand or arm, when it leaves the box, or after MAX_STEPS steps.
 */
export function fieldLines(g: Geometry, gap: number, panels: PanelSet, rodCount: number, q: Float64Array, box: PlaneBox, count: number): FieldLines {
  const hx = handCentreX(g, gap), hz = g.handHeight;
  // Cumulative rod charge along the outline, panel by panel in outline order.
  const order = Array.from({ length: rodCount }, (_, j) => j);
  const position = Float64Array.from(order, (j) => outlinePosition(g, panels, j));
  order.sort((i, j) => position[i]! - position[j]!);
  const cumulative = new Float64Array(rodCount + 1);
  for (let k = 0; k < rodCount; k++) cumulative[k + 1] = cumulative[k]! + q[order[k]!]!;
  const total = cumulative[rodCount]!;

  const points = new Float64Array(2 * count * (MAX_STEPS + 1));
  const offsets = new Int32Array(count + 1);
  const scratch = new Float64Array(4);
  const e = new Float64Array(3);
  const start = new Float64Array(4);
  const size = Math.max(box.x1 - box.x0, box.z1 - box.z0);
  const minStep = MIN_STEP_RADII * g.rodRadius, maxStep = MAX_STEP_OF_BOX * size;
  const arrival = ARRIVAL_RADII * g.rodRadius;
  let used = 0;

  /** Unit vector along E in the plane at (x, z), into e[0], e[2]; false where E vanishes. */
  const direction = (x: number, z: number): boolean => {
    fieldAt(panels, q, x, 0, z, scratch, e);
    const m = Math.sqrt(e[0]! * e[0]! + e[2]! * e[2]!);
    if (!(m > 0)) return false;
    e[0] = e[0]! / m;
    e[2] = e[2]! / m;
    return true;
  };

  for (let line = 0; line < count; line++) {
    offsets[line] = used;
    // Arc length where the cumulative charge reaches (line + ½)/count of the total, interpolated
    // between panel centroids.
    const target = ((line + 0.5) / count) * total;
    let k = 0;
    while (k < rodCount - 1 && cumulative[k + 1]! < target) k++;
    const q0 = cumulative[k]!, q1 = cumulative[k + 1]!;
    const sA = position[order[Math.max(0, k - 1)]!]!, sB = position[order[k]!]!;
    const s = k === 0 ? sB : sA + ((sB - sA) * (target - q0)) / (q1 - q0);
    outlinePoint(g, s, start);
    let x = start[0]! + START_OFFSET * g.rodRadius * start[2]!;
    let z = start[1]! + START_OFFSET * g.rodRadius * start[3]!;
    points[2 * used] = x;
    points[2 * used + 1] = z;
    used++;
    for (let step = 0; step < MAX_STEPS; step++) {
      const dRod = rodDistance(g, x, 0, z), dBody = bodyDistance(g, hx, hz, x, 0, z);
      if (dBody < arrival) break;
      const h = Math.min(maxStep, Math.max(minStep, STEP_FRACTION * Math.min(dRod, dBody)));
      if (!direction(x, z)) break;
      const k1x = e[0]!, k1z = e[2]!;
      if (!direction(x + 0.5 * h * k1x, z + 0.5 * h * k1z)) break;
      const k2x = e[0]!, k2z = e[2]!;
      if (!direction(x + 0.5 * h * k2x, z + 0.5 * h * k2z)) break;
      const k3x = e[0]!, k3z = e[2]!;
      if (!direction(x + h * k3x, z + h * k3z)) break;
      x += (h / 6) * (k1x + 2 * k2x + 2 * k3x + e[0]!);
      z += (h / 6) * (k1z + 2 * k2z + 2 * k3z + e[2]!);
      points[2 * used] = x;
      points[2 * used + 1] = z;
      used++;
      if (x < box.x0 || x > box.x1 || z < box.z0 || z > box.z1) break;
    }
  }
  offsets[count] = used;
  return { points: Float32Array.from(points.subarray(0, 2 * used)), offsets };
}
