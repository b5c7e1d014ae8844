/**
 * The theremin's pitch antenna and the player's hand and arm, in metres with z up: the rod on the
 * z axis from z = 0 to its length; the hand a sphere approaching from the side along +x at a
 * height on the rod; the forearm a cylinder from the hand out along +x. Hand and arm are one
 * grounded conductor (the player's body), meshed around the hand's centre so that moving the hand
 * is a rigid translation of its panels.
 */
import { cos } from '../core/math.ts';
import { cylinder, icosphere, type TriangleMesh } from './mesh.ts';
import { PanelSet } from './panels.ts';

/** Forearm length measured from the hand's centre (m); fixed, since far ground matters little. */
export const ARM_LENGTH = 0.6;

export interface Geometry {
  readonly rodLength: number;
  readonly rodRadius: number;
  readonly handRadius: number;
  readonly handHeight: number;
  readonly armRadius: number;
  readonly arm: boolean;
}

/** How finely each part is meshed. */
export interface Resolution {
  readonly rodSectors: number;
  readonly rodRings: number;
  /** Blend of equal and cosine spacing along the rod (see mesh.ts ringPosition). */
  readonly rodGrading: number;
  readonly handLevel: number;
  readonly armSectors: number;
  readonly armRings: number;
}

/**
 * The rod's end bands are made about as long as the rod's radius, the size of the end caps' fan
 * triangles. Neighbours of very different sizes are where the symmetrised matrix departs most from
 * collocation (P_ij and P_ji differ most there): with this grading the potential at the end panels'
 * centroids errs by 5e-3 at level 2, against 2e-2 with a fixed half-cosine grading.
 */
const END_BAND_RADII = 1;
/** The arm's far end sees little field: nearly uniform bands. */
const ARM_GRADING = 0.3;

/**
 * Mesh resolution of refinement level `level` (1 coarse … 3 fine): each level doubles the bands
 * along the rod and the arm and quarters the hand's triangles; the rod's and arm's cross-sections
 * gain two sides per level. Rod bands scale with its length (same band length for any rod), graded
 * towards the ends (cosine spacing blended with equal spacing) so the end band is END_BAND_RADII
 * radii long, as far as pure cosine spacing allows.
 */
export function resolutionFor(level: number, g: Geometry): Resolution {
  const scale = 1 << (level - 1);
  const rodRings = Math.max(8, Math.round((g.rodLength / 0.5) * 16 * scale));
  const uniform = 1 / rodRings, cosine = (1 - cos(Math.PI / rodRings)) / 2;
  const target = (END_BAND_RADII * g.rodRadius) / g.rodLength;
  const rodGrading = Math.min(1, Math.max(0, (uniform - target) / (uniform - cosine)));
  return {
    rodSectors: 4 + 2 * level,
    rodRings,
    rodGrading,
    handLevel: level,
    armSectors: 6 + 2 * level,
    armRings: 6 * scale,
  };
}

/** Centre of the hand when its surface is `gap` from the rod's surface. */
export function handCentreX(g: Geometry, gap: number): number {
  return g.rodRadius + gap + g.handRadius;
}

/** Where the arm's side meets the hand sphere, measured along +x from the hand's centre. */
export function armStart(g: Geometry): number {
  return Math.sqrt(g.handRadius * g.handRadius - g.armRadius * g.armRadius);
}

export function rodPanels(g: Geometry, res: Resolution): PanelSet {
  return PanelSet.fromMesh(
    cylinder({ radius: g.rodRadius, length: g.rodLength, sectors: res.rodSectors, rings: res.rodRings, grading: res.rodGrading, startCap: true, endCap: true }),
  );
}

/**
 * Hand (and arm) panels around the hand's centre at the origin. The sphere's panels inside the arm
 * are dropped and the arm has no cap at the hand: together they are one closed surface.
 */
export function bodyPanels(g: Geometry, res: Resolution): PanelSet {
  const inArm = (c: readonly [number, number, number]): boolean => g.arm && c[0] > 0 && c[1] * c[1] + c[2] * c[2] < g.armRadius * g.armRadius;
  const hand = PanelSet.fromMesh(icosphere(res.handLevel, g.handRadius), (c) => !inArm(c));
  if (!g.arm) return hand;
  const start = armStart(g);
  const along = cylinder({ radius: g.armRadius, length: ARM_LENGTH - start, sectors: res.armSectors, rings: res.armRings, grading: ARM_GRADING, startCap: false, endCap: true });
  return PanelSet.join([hand, PanelSet.fromMesh(rotateToX(along, start))]);
}

/**
 * A mesh built along +z turned to run along +x from x = shift: the rotation (x, y, z) → (z, y, −x)
 * about the y axis (proper, so outward normals stay outward; y untouched, so the y = 0 mirror
 * plane stays one).
 */
function rotateToX(mesh: TriangleMesh, shift: number): TriangleMesh {
  const v = mesh.vertices;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i += 3) {
    out[i] = v[i + 2]! + shift;
    out[i + 1] = v[i + 1]!;
    out[i + 2] = -v[i]!;
  }
  return { vertices: out, triangles: mesh.triangles };
}

/** Signed distance from (x, y, z) to the rod's surface (negative inside). */
export function rodDistance(g: Geometry, x: number, y: number, z: number): number {
  return cappedCylinderDistance(Math.sqrt(x * x + y * y) - g.rodRadius, Math.abs(z - g.rodLength / 2) - g.rodLength / 2);
}

/** Signed distance from (x, y, z) to the hand-and-arm surface, the hand centred at (hx, 0, hz). */
export function bodyDistance(g: Geometry, hx: number, hz: number, x: number, y: number, z: number): number {
  const dx = x - hx, dz = z - hz;
  const sphere = Math.sqrt(dx * dx + y * y + dz * dz) - g.handRadius;
  if (!g.arm) return sphere;
  const start = armStart(g);
  const half = (ARM_LENGTH - start) / 2;
  const arm = cappedCylinderDistance(Math.sqrt(y * y + dz * dz) - g.armRadius, Math.abs(dx - start - half) - half);
  return Math.min(sphere, arm);
}

/** Signed distance to a capped cylinder from the radial and axial excesses over its surface. */
function cappedCylinderDistance(radial: number, axial: number): number {
  const outside = Math.sqrt(Math.max(radial, 0) * Math.max(radial, 0) + Math.max(axial, 0) * Math.max(axial, 0));
  return outside + Math.min(Math.max(radial, axial), 0);
}
