/**
 * Validation of the theremin-field boundary-element solver (simulations/theremin-field) against
 * results this file computes itself:
 *
 *  - the closed-form panel integral ∫ dS/|r − r'| against adaptive quadrature (a degree-5 rule on
 *    ever finer sub-triangles) at points off the plane, near an edge and a vertex, in the plane and
 *    far away, to 1e-6 relative (1e-7 where the integrand is smooth); the in-plane self case
 *    against the 1D reduction h ∫ dl/|x − p| integrated by Gauss–Legendre, to 1e-9, with plain
 *    subdivision converging towards it; its gradient against central differences, to 1e-6;
 *  - an isolated sphere, C = 4πε0 R, to 1 %, the error falling ≈ 4× per mesh level;
 *  - two equal spheres, c11 with the second grounded, against the image-charge series, to 1 %,
 *    at centre distances 3a and 2.2a;
 *  - the rod alone against the slender-body series of Vainshtein (Jackson 2000), to 2 %;
 *  - convergence under refinement (levels 1, 2, 3) of C and ΔC for rod and hand;
 *  - the hand alone far away against the leading far-field result ΔC = 4πε0 a φ_rod(hand)², to 3 %;
 *  - the sweep: C strictly decreasing over 30 gaps from 1 to 60 cm, ΔC of order pF near, and
 *    deterministic (chunking, checkpoints, the curve task give the same bits);
 *  - the potential on the conductors' surfaces, at and between collocation points;
 *  - the field picture: a sane grid and field lines that end on the hand.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd, type Frame } from '../../simulations/core/engine.ts';
import { validateParams } from '../../simulations/core/params.ts';
import { fieldAt, potentialAt } from '../../simulations/theremin-field/field.ts';
import { handCentreX, resolutionFor, type Geometry } from '../../simulations/theremin-field/geometry.ts';
import { thereminFieldEngine } from '../../simulations/theremin-field/index.ts';
import { icosphere } from '../../simulations/theremin-field/mesh.ts';
import { PanelSet } from '../../simulations/theremin-field/panels.ts';
import { FOUR_PI_EPSILON_0, solveCharges, ThereminSolver } from '../../simulations/theremin-field/solver.ts';
import { thereminFieldCrossCheck, thereminFieldParams } from '../../simulations/theremin-field/spec.ts';
import { capacitanceCurveTask, fieldPictureTask } from '../../simulations/theremin-field/tasks.ts';
import { panelIntegral, panelIntegralAndGradient } from '../../simulations/theremin-field/triangle-potential.ts';
import { slenderRodCapacitance, twoSphereC11 } from './electrostatics.ts';

const DEFAULT: Geometry = { rodLength: 0.5, rodRadius: 0.0025, handRadius: 0.045, handHeight: 0.3, armRadius: 0.035, arm: true };

// ---------------------------------------------------------------------------------------------
// Quadrature references for one triangle.

type Vec = [number, number, number];

/** Dunavant's 7-point rule, exact for polynomials of degree 5: barycentric (α, β, β) orbits, weights. */
const RULE: readonly (readonly [number, number, number, number])[] = (() => {
  const a1 = 0.0597158717897698, b1 = 0.4701420641051151, w1 = 0.1323941527885062;
  const a2 = 0.7974269853530873, b2 = 0.1012865073234563, w2 = 0.1259391805448271;
  return [
    [1 / 3, 1 / 3, 1 / 3, 0.225],
    [a1, b1, b1, w1], [b1, a1, b1, w1], [b1, b1, a1, w1],
    [a2, b2, b2, w2], [b2, a2, b2, w2], [b2, b2, a2, w2],
  ];
})();

const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const mid = (a: Vec, b: Vec): Vec => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];

/**
 * ∫ dS/|x − p| by the 7-point rule on sub-triangles, split in four until each is smaller than
 * `eta` × its distance from p, or `maxDepth` splits deep (which only the singular case reaches).
 */
function quadrature(a: Vec, b: Vec, c: Vec, p: Vec, eta: number, maxDepth: number, depth = 0): number {
  const size = Math.max(norm(sub(b, a)), norm(sub(c, b)), norm(sub(a, c)));
  const centre: Vec = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3];
  if (size < eta * norm(sub(centre, p)) || depth >= maxDepth) {
    const area = norm(cross(sub(b, a), sub(c, a))) / 2;
    let s = 0;
    for (const [l1, l2, l3, w] of RULE) {
      const x: Vec = [l1 * a[0] + l2 * b[0] + l3 * c[0], l1 * a[1] + l2 * b[1] + l3 * c[1], l1 * a[2] + l2 * b[2] + l3 * c[2]];
      s += w / norm(sub(x, p));
    }
    return s * area;
  }
  const ab = mid(a, b), bc = mid(b, c), ca = mid(c, a);
  return (
    quadrature(a, ab, ca, p, eta, maxDepth, depth + 1) +
    quadrature(ab, b, bc, p, eta, maxDepth, depth + 1) +
    quadrature(ca, bc, c, p, eta, maxDepth, depth + 1) +
    quadrature(ab, bc, ca, p, eta, maxDepth, depth + 1)
  );
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre recurrence). */
function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [], w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = z;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}

/**
 * In-plane point p inside the triangle: in polar coordinates about p, ∫ dS/R = ∮ ρ(θ) dθ, which
 * edge by edge is h_e ∫_edge dl/|x − p| (h_e the distance from p to the edge's line) — a smooth
 * 1D integral, done here by composite Gauss–Legendre.
 */
function inPlaneReference(corners: readonly Vec[], p: Vec): number {
  const { x: gx, w: gw } = gaussLegendre(20);
  let total = 0;
  for (let e = 0; e < 3; e++) {
    const a = corners[e]!, b = corners[(e + 1) % 3]!;
    const ab = sub(b, a);
    const len = norm(ab);
    const h = norm(cross(ab, sub(p, a))) / len;
    const pieces = 200;
    let s = 0;
    for (let k = 0; k < pieces; k++) {
      for (let g = 0; g < gx.length; g++) {
        const u = (k + (gx[g]! + 1) / 2) / pieces;
        const x: Vec = [a[0] + u * ab[0], a[1] + u * ab[1], a[2] + u * ab[2]];
        s += (gw[g]! / 2 / pieces) / norm(sub(x, p));
      }
    }
    total += h * len * s;
  }
  return total;
}

function onePanel(corners: readonly Vec[]): PanelSet {
  return PanelSet.fromMesh({ vertices: Float64Array.from(corners.flat()), triangles: Uint32Array.of(0, 1, 2) });
}

/** A scalene triangle, tilted in every direction. */
const TRI: readonly Vec[] = [[0.1, 0.2, 0.3], [1.2, 0.1, 0.5], [0.4, 0.9, 0.1]];

function pointAbove(foot: Vec, height: number, panel: PanelSet): Vec {
  return [foot[0] + height * panel.normal[0]!, foot[1] + height * panel.normal[1]!, foot[2] + height * panel.normal[2]!];
}

function onTriangle(l1: number, l2: number, l3: number): Vec {
  const [a, b, c] = TRI as [Vec, Vec, Vec];
  return [l1 * a[0] + l2 * b[0] + l3 * c[0], l1 * a[1] + l2 * b[1] + l3 * c[1], l1 * a[2] + l2 * b[2] + l3 * c[2]];
}

describe('closed-form panel integral (Wilton et al. 1984)', () => {
  const panel = onePanel(TRI);
  const [a, b, c] = TRI as [Vec, Vec, Vec];
  const closed = (p: Vec): number => panelIntegral(panel, 0, p[0], p[1], p[2]);

  // Feet outside the triangle: beyond the edge a–b (barycentric weight of c slightly negative).
  const cases: [string, Vec][] = [
    ['far away', [10, -7, 12]],
    ['above the interior', pointAbove(onTriangle(0.3, 0.3, 0.4), 0.3, panel)],
    ['just above the interior', pointAbove(onTriangle(0.5, 0.2, 0.3), 0.02, panel)],
    ['near an edge, off the plane', pointAbove(onTriangle(0.52, 0.5, -0.02), 0.05, panel)],
    ['near a vertex, off the plane', pointAbove(onTriangle(1.03, -0.01, -0.02), -0.03, panel)],
    ['in the plane, outside near a vertex', onTriangle(1.04, -0.02, -0.02)],
    ['in the plane, outside beyond an edge', onTriangle(0.6, 0.6, -0.2)],
    ['in the plane of an edge, behind it', [a[0] - 0.5 * (b[0] - a[0]), a[1] - 0.5 * (b[1] - a[1]), a[2] - 0.5 * (b[2] - a[2])]],
  ];
  for (const [name, p] of cases) {
    it(`matches adaptive quadrature: ${name} (1e-7 relative)`, () => {
      const ref = quadrature(a, b, c, p, 0.05, 14);
      expect(Math.abs(closed(p) / ref - 1)).toBeLessThan(1e-7);
    });
  }

  it('in-plane self case (the centroid): matches the 1D polar reduction to 1e-9', () => {
    const p = onTriangle(1 / 3, 1 / 3, 1 / 3);
    expect(Math.abs(closed(p) / inPlaneReference(TRI, p) - 1)).toBeLessThan(1e-9);
  });

  it('in-plane, inside: plain subdivision converges to the closed form (error roughly halving per level)', () => {
    // A point no sub-triangle's quadrature node ever hits (barycentric 0.3 is not dyadic).
    const p = onTriangle(0.5, 0.3, 0.2);
    const exact = closed(p);
    expect(Math.abs(exact / inPlaneReference(TRI, p) - 1)).toBeLessThan(1e-9);
    const errors = [4, 6, 8].map((depth) => Math.abs(quadrature(a, b, c, p, 0, depth) / exact - 1));
    expect(errors[1]!).toBeLessThan(0.5 * errors[0]!);
    expect(errors[2]!).toBeLessThan(0.5 * errors[1]!);
    expect(errors[2]!).toBeLessThan(1e-2);
  });

  it('in-plane, inside but near a corner: matches the polar reduction to 1e-9', () => {
    const p = onTriangle(0.9, 0.06, 0.04);
    expect(Math.abs(closed(p) / inPlaneReference(TRI, p) - 1)).toBeLessThan(1e-9);
  });

  it('gradient matches central differences of the integral (1e-6 relative)', () => {
    const grad = new Float64Array(4);
    const h = 1e-5;
    for (const [, p] of cases.slice(0, 6)) {
      panelIntegralAndGradient(panel, 0, p[0], p[1], p[2], grad);
      expect(Math.abs(grad[0]! / closed(p) - 1)).toBeLessThan(1e-13);
      const size = Math.hypot(grad[1]!, grad[2]!, grad[3]!);
      for (let k = 0; k < 3; k++) {
        const plus: Vec = [...p], minus: Vec = [...p];
        plus[k] = p[k]! + h;
        minus[k] = p[k]! - h;
        const fd = (closed(plus) - closed(minus)) / (2 * h);
        expect(Math.abs(grad[k + 1]! - fd)).toBeLessThan(1e-6 * size);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Spheres: exact capacitances.

function sphereCapacitance(level: number, radius: number): number {
  const panels = PanelSet.fromMesh(icosphere(level, radius));
  const q = solveCharges(panels, new Float64Array(panels.count).fill(1));
  return FOUR_PI_EPSILON_0 * q.reduce((s, v) => s + v, 0);
}

describe('spheres', () => {
  it('isolated sphere: C = 4πε0 R within 1 % (level 3, 1280 panels)', () => {
    const R = 0.1;
    const exact = FOUR_PI_EPSILON_0 * R;
    const err = sphereCapacitance(3, R) / exact - 1;
    expect(Math.abs(err)).toBeLessThan(0.01);
  });

  it('isolated sphere: the error falls about 4× per level (flat panels: O(h²))', () => {
    const errors = [1, 2, 3].map((level) => Math.abs(sphereCapacitance(level, 1) / FOUR_PI_EPSILON_0 - 1));
    expect(errors[1]! / errors[0]!).toBeLessThan(0.35);
    expect(errors[2]! / errors[1]!).toBeLessThan(0.35);
  });

  for (const s of [3, 2.2]) {
    it(`two equal spheres at s = ${s}a: c11 with the other grounded matches the image series within 1 %`, () => {
      const one = PanelSet.fromMesh(icosphere(3, 1));
      const both = new PanelSet(2 * one.count);
      both.copyFrom(one, 0, 0, 0, 0);
      both.copyFrom(one, one.count, s, 0, 0);
      const v = new Float64Array(both.count).fill(1, 0, one.count);
      const q = solveCharges(both, v);
      let c11 = 0;
      for (let j = 0; j < one.count; j++) c11 += q[j]!;
      expect(Math.abs(c11 / twoSphereC11(1, 1, s) - 1)).toBeLessThan(0.01);
    });
  }

  it('the image series itself: s → ∞ gives a; known limit c11(s = 3a) between a and 2a', () => {
    expect(twoSphereC11(1, 1, 1e6)).toBeCloseTo(1, 5);
    const c = twoSphereC11(1, 1, 3);
    expect(c).toBeGreaterThan(1);
    expect(c).toBeLessThan(2);
  });
});

// ---------------------------------------------------------------------------------------------
// The rod, the hand, the sweep.

describe('rod and hand', () => {
  it('rod alone matches the slender-body series within 2 % (L/a = 200, Λ = 5.3: next term ≈ 0.7 %)', () => {
    const solver = new ThereminSolver(DEFAULT, resolutionFor(2, DEFAULT));
    const reference = slenderRodCapacitance(DEFAULT.rodLength, DEFAULT.rodRadius);
    expect(Math.abs(solver.rodCapacitance / reference - 1)).toBeLessThan(0.02);
  });

  it('converges under refinement: successive differences of C_rod and ΔC(5 cm) shrink (levels 1, 2, 3)', () => {
    const rod: number[] = [], dc: number[] = [];
    for (const level of [1, 2, 3]) {
      const solver = new ThereminSolver(DEFAULT, resolutionFor(level, DEFAULT));
      rod.push(solver.rodCapacitance);
      dc.push(solver.capacitanceAt(0.05) - solver.rodCapacitance);
    }
    expect(Math.abs(rod[2]! - rod[1]!)).toBeLessThan(0.7 * Math.abs(rod[1]! - rod[0]!));
    expect(Math.abs(dc[2]! - dc[1]!)).toBeLessThan(0.7 * Math.abs(dc[1]! - dc[0]!));
    // Level 2 (the default) is within 1 % of level 3 for the rod and 3 % for ΔC.
    expect(Math.abs(rod[1]! / rod[2]! - 1)).toBeLessThan(0.01);
    expect(Math.abs(dc[1]! / dc[2]! - 1)).toBeLessThan(0.03);
  });

  it('a far hand (no arm) adds ΔC = 4πε0 a φ_rod(hand)² to leading order: within 3 % at 30, 50, 60 cm', () => {
    // φ_rod: the potential of the rod alone (at 1 V) at the hand's centre, from the rod-only charges
    // the solver starts with. Corrections are of relative order (a/D)² (the sphere's dipole).
    const g: Geometry = { ...DEFAULT, arm: false };
    const solver = new ThereminSolver(g, resolutionFor(2, g));
    const rodOnly = solver.charges.slice();
    for (const gap of [0.3, 0.5, 0.6]) {
      const phi = potentialAt(solver.panels, rodOnly, handCentreX(g, gap), 0, g.handHeight);
      const estimate = FOUR_PI_EPSILON_0 * g.handRadius * phi * phi;
      const dc = solver.capacitanceAt(gap) - solver.rodCapacitance;
      expect(Math.abs(dc / estimate - 1)).toBeLessThan(0.03);
    }
  });
});

function runAll(params: Record<string, unknown>, chunk: number): Frame {
  const v = validateParams(thereminFieldParams, params, thereminFieldCrossCheck);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const inst = thereminFieldEngine.create(v.params, 0);
  runToEnd(inst, chunk);
  return inst.observe();
}

describe('the sweep (engine)', () => {
  const frame = runAll({}, 1);
  const n = frame.length;
  const gap = frame.series.gap!.subarray(0, n), c = frame.series.capacitance!.subarray(0, n), dc = frame.series.handCapacitance!.subarray(0, n);
  const at = (cm: number): number => {
    // ΔC at a gap by log-log interpolation between the sampled positions.
    let k = 0;
    while (k < n - 2 && gap[k + 1]! < cm) k++;
    const u = Math.log(cm / gap[k]!) / Math.log(gap[k + 1]! / gap[k]!);
    return Math.exp((1 - u) * Math.log(dc[k]!) + u * Math.log(dc[k + 1]!));
  };

  it('30 positions, log-spaced from 1 cm out to 60 cm', () => {
    expect(frame.done).toBe(true);
    expect(n).toBe(30);
    expect(gap[0]).toBe(1);
    expect(gap[29]).toBe(60);
    for (let k = 1; k < n; k++) expect(gap[k]! / gap[k - 1]!).toBeCloseTo(Math.pow(60, 1 / 29), 10);
  });

  it('C decreases strictly as the hand withdraws, and stays above the rod alone', () => {
    for (let k = 1; k < n; k++) expect(c[k]!).toBeLessThan(c[k - 1]!);
    for (let k = 0; k < n; k++) expect(dc[k]!).toBeGreaterThan(0);
    expect(frame.summary.handCapacitanceMax).toBe(dc[0]);
  });

  it('ΔC: ~1.5 pF at 1 cm, 0.4–0.7 pF at 5–10 cm, ~0.05 pF at 50 cm (fist and forearm only; see README)', () => {
    expect(dc[0]!).toBeGreaterThan(1);
    expect(dc[0]!).toBeLessThan(2.5);
    expect(at(5)).toBeGreaterThan(0.4);
    expect(at(5)).toBeLessThan(1);
    expect(at(10)).toBeGreaterThan(0.25);
    expect(at(10)).toBeLessThan(0.7);
    expect(at(50)).toBeGreaterThan(0.03);
    expect(at(50)).toBeLessThan(0.12);
    // Between 10 and 60 cm, close to 1/d^p with p between 1 and 3 (1/d near, φ² ∝ 1/d² far).
    const p = Math.log(at(10) / at(60)) / Math.log(6);
    expect(p).toBeGreaterThan(1);
    expect(p).toBeLessThan(3);
  });

  it('is deterministic: other chunkings, a checkpoint and the curve task give the same bits', () => {
    const small = { positions: 6, refinement: 1 };
    const ref = runAll(small, 100);
    const chunked = runAll(small, 0.5);
    expect(Array.from(chunked.series.capacitance!.subarray(0, 6))).toEqual(Array.from(ref.series.capacitance!.subarray(0, 6)));

    const v = validateParams(thereminFieldParams, small, thereminFieldCrossCheck);
    if (!v.ok) throw new Error('params');
    const first = thereminFieldEngine.create(v.params, 0);
    first.advance(2);
    const snap = structuredClone(first.snapshot());
    const second = thereminFieldEngine.create(v.params, 0);
    second.restore(snap);
    runToEnd(second, 1);
    expect(Array.from(second.observe().series.capacitance!.subarray(0, 6))).toEqual(Array.from(ref.series.capacitance!.subarray(0, 6)));

    const curve = capacitanceCurveTask(small);
    expect(curve.capacitance).toEqual(Array.from(ref.series.capacitance!.subarray(0, 6)));
    expect(curve.rodCapacitance).toBe(ref.summary.rodCapacitance);
  });
});

describe('potential on the conductors', () => {
  // Two departures from the conductor's potential, both discretisation errors that shrink with
  // the mesh: at the centroids, the symmetrisation P ← (P + Pᵀ)/2 (pure collocation would give
  // exactly 1 and 0 there); between centroids, the piecewise-constant charge. Points between
  // centroids: barycentric (0.6, 0.2, 0.2), its permutations and (0.45, 0.45, 0.1) on every panel;
  // on the rod 1 cm or more from its ends, whose rims carry an edge singularity of the charge
  // that constant panels cannot follow.
  const weights = [[0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6], [0.45, 0.45, 0.1]] as const;
  interface Deviations { rodCentroid: number; bodyCentroid: number; rodMax: number; rodMean: number; bodyMax: number }
  function deviations(level: number): Deviations {
    const solver = new ThereminSolver(DEFAULT, resolutionFor(level, DEFAULT));
    solver.capacitanceAt(0.05);
    const { panels, charges } = solver;
    const cen = panels.centroid, p = panels.corners;
    const d: Deviations = { rodCentroid: 0, bodyCentroid: 0, rodMax: 0, rodMean: 0, bodyMax: 0 };
    let rodN = 0;
    for (let j = 0; j < solver.count; j++) {
      const onRod = j < solver.rodCount;
      const target = onRod ? 1 : 0;
      const atCentroid = Math.abs(potentialAt(panels, charges, cen[3 * j]!, cen[3 * j + 1]!, cen[3 * j + 2]!) - target);
      if (onRod) d.rodCentroid = Math.max(d.rodCentroid, atCentroid);
      else d.bodyCentroid = Math.max(d.bodyCentroid, atCentroid);
      for (const [w1, w2, w3] of weights) {
        const o = 9 * j;
        const x = w1 * p[o]! + w2 * p[o + 3]! + w3 * p[o + 6]!;
        const y = w1 * p[o + 1]! + w2 * p[o + 4]! + w3 * p[o + 7]!;
        const z = w1 * p[o + 2]! + w2 * p[o + 5]! + w3 * p[o + 8]!;
        if (onRod && (z < 0.01 || z > DEFAULT.rodLength - 0.01)) continue;
        const dev = Math.abs(potentialAt(panels, charges, x, y, z) - target);
        if (onRod) {
          d.rodMax = Math.max(d.rodMax, dev);
          d.rodMean += dev;
          rodN++;
        } else d.bodyMax = Math.max(d.bodyMax, dev);
      }
    }
    d.rodMean /= rodN;
    return d;
  }

  it('level 2 (default), hand at 5 cm: within 6e-3 of 1 at the rod\'s centroids and 1.5e-3 of 0 at the body\'s; between centroids, rod within 7e-3 (mean 2e-3), hand and arm within 3e-3', () => {
    const d = deviations(2);
    expect(d.rodCentroid).toBeLessThan(6e-3);
    expect(d.bodyCentroid).toBeLessThan(1.5e-3);
    expect(d.rodMax).toBeLessThan(7e-3);
    expect(d.rodMean).toBeLessThan(2e-3);
    expect(d.bodyMax).toBeLessThan(3e-3);
  });

  it('the deviations fall by at least 40 % from level 1 to level 3 (on the rod by more than half)', () => {
    const [d1, d3] = [deviations(1), deviations(3)];
    // The body's centroid error sits at the seam of hand and arm, which refines more slowly.
    for (const key of ['rodCentroid', 'bodyCentroid', 'rodMax', 'rodMean', 'bodyMax'] as const) expect(d3[key]).toBeLessThan(0.6 * d1[key]);
    for (const key of ['rodCentroid', 'rodMax', 'rodMean'] as const) expect(d3[key]).toBeLessThan(0.5 * d1[key]);
  });
});

describe('field picture task', () => {
  const out = fieldPictureTask({ gap: 10, columns: 81, lines: 16 });

  it('agrees with the sweep at the same gap and has a sane potential grid', () => {
    const curve = capacitanceCurveTask({ positions: 2, gapMin: 10, gapMax: 20 });
    expect(out.capacitance).toBe(curve.capacitance[0]);
    const { nx, nz, potential } = out.grid;
    expect(potential.length).toBe(nx * nz);
    expect(nx).toBe(81);
    for (const v of potential) {
      expect(v).toBeGreaterThan(-0.02);
      expect(v).toBeLessThan(1.02);
    }
  });

  it('field lines start on the rod and several end on the hand; E is normal to the rod surface', () => {
    const { points, offsets } = out.lines;
    expect(offsets.length).toBe(17);
    const hx = out.outlines.hand.x, hz = out.outlines.hand.z, r = out.outlines.hand.radius;
    let onHand = 0;
    for (let k = 0; k < 16; k++) {
      const s = offsets[k]!, e = offsets[k + 1]! - 1;
      expect(e).toBeGreaterThan(s);
      const x0 = points[2 * s]!, z0 = points[2 * s + 1]!;
      expect(Math.abs(x0)).toBeLessThan(0.004); // starts beside the 2.5 mm rod
      expect(z0).toBeGreaterThan(-0.001);
      expect(z0).toBeLessThan(0.501);
      const dx = points[2 * e]! - hx, dz = points[2 * e + 1]! - hz;
      if (Math.hypot(dx, dz) < r + 0.002) onHand++;
    }
    expect(onHand).toBeGreaterThanOrEqual(2);

    // Beside the rod at mid-height, away from the hand, the field points straight out (−x).
    const solver = new ThereminSolver(DEFAULT, resolutionFor(2, DEFAULT));
    solver.capacitanceAt(0.1);
    const E = new Float64Array(3);
    fieldAt(solver.panels, solver.charges, -0.01, 0, 0.25, new Float64Array(4), E);
    expect(E[0]!).toBeLessThan(0);
    expect(Math.abs(E[2]! / E[0]!)).toBeLessThan(0.05);
  });
});

describe('parameters', () => {
  it('rejects a hand above the rod, an arm thicker than the hand, and gapMin ≥ gapMax', () => {
    const bad = validateParams(thereminFieldParams, { handHeight: 0.6, armRadius: 5, handRadius: 4, gapMin: 30, gapMax: 20 }, thereminFieldCrossCheck);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.param).sort()).toEqual(['armRadius', 'gapMin', 'handHeight']);
    expect(bad.errors.every((e) => e.code === 'constraint')).toBe(true);
  });

  it('tasks reject bad input with the parameter named', () => {
    expect(() => fieldPictureTask({ gap: -1 })).toThrow(/gap/);
    expect(() => fieldPictureTask({ gap: 10, lines: 0 })).toThrow(/lines/);
    expect(() => capacitanceCurveTask({ refinement: 7 })).toThrow(/refinement/);
  });
});
