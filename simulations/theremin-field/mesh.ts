/**
 * Closed triangle meshes of the conductors: vertices (x, y, z triples) and triangles (vertex index
 * triples) ordered counter-clockwise seen from outside, so (b − a) × (c − a) is the outward normal.
 * Pure functions: the same arguments give the same arrays, bit for bit.
 */
import { cos, sin } from '../core/math.ts';

export interface TriangleMesh {
  readonly vertices: Float64Array;
  readonly triangles: Uint32Array;
}

/**
 * Turns every triangle whose normal points towards `centre` around. Exact for convex bodies around
 * that centre (spheres, capped cylinders), so no orientation table has to be typed by hand.
 */
function orientOutward(vertices: Float64Array, triangles: Uint32Array, cx: number, cy: number, cz: number): void {
  for (let t = 0; t < triangles.length; t += 3) {
    const a = 3 * triangles[t]!, b = 3 * triangles[t + 1]!, c = 3 * triangles[t + 2]!;
    const ux = vertices[b]! - vertices[a]!, uy = vertices[b + 1]! - vertices[a + 1]!, uz = vertices[b + 2]! - vertices[a + 2]!;
    const vx = vertices[c]! - vertices[a]!, vy = vertices[c + 1]! - vertices[a + 1]!, vz = vertices[c + 2]! - vertices[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const mx = (vertices[a]! + vertices[b]! + vertices[c]!) / 3 - cx;
    const my = (vertices[a + 1]! + vertices[b + 1]! + vertices[c + 1]!) / 3 - cy;
    const mz = (vertices[a + 2]! + vertices[b + 2]! + vertices[c + 2]!) / 3 - cz;
    if (nx * mx + ny * my + nz * mz < 0) {
      const keep = triangles[t + 1]!;
      triangles[t + 1] = triangles[t + 2]!;
      triangles[t + 2] = keep;
    }
  }
}

/**
 * Sphere of `radius` centred at the origin: an icosahedron whose triangles are split into four
 * `level` times, every new vertex pushed out onto the sphere. 20·4^level triangles, nearly equal in
 * size, and symmetric under each reflection x → −x, y → −y, z → −z (the icosahedron's vertices
 * (0, ±1, ±φ) and their cyclic permutations are), which keeps the y = 0 plane a mirror plane.
 */
export function icosphere(level: number, radius: number): TriangleMesh {
  const phi = (1 + Math.sqrt(5)) / 2;
  const points: number[] = [];
  for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) points.push(0, s1, s2 * phi, s1, s2 * phi, 0, s2 * phi, 0, s1);
  // The 20 faces are the triples of vertices at mutual distance 2 (the edge length).
  let faces: number[] = [];
  const count = points.length / 3;
  const near = (i: number, j: number): boolean => {
    const dx = points[3 * i]! - points[3 * j]!, dy = points[3 * i + 1]! - points[3 * j + 1]!, dz = points[3 * i + 2]! - points[3 * j + 2]!;
    return Math.abs(dx * dx + dy * dy + dz * dz - 4) < 1e-9;
  };
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count; j++)
      for (let k = j + 1; k < count; k++) if (near(i, j) && near(j, k) && near(i, k)) faces.push(i, j, k);
  for (let v = 0; v < count; v++) normalise(points, v);

  for (let l = 0; l < level; l++) {
    const midpoints = new Map<number, number>();
    const midpoint = (i: number, j: number): number => {
      const key = Math.min(i, j) * 1_000_003 + Math.max(i, j);
      let m = midpoints.get(key);
      if (m === undefined) {
        m = points.length / 3;
        points.push((points[3 * i]! + points[3 * j]!) / 2, (points[3 * i + 1]! + points[3 * j + 1]!) / 2, (points[3 * i + 2]! + points[3 * j + 2]!) / 2);
        normalise(points, m);
        midpoints.set(key, m);
      }
      return m;
    };
    const finer: number[] = [];
    for (let f = 0; f < faces.length; f += 3) {
      const a = faces[f]!, b = faces[f + 1]!, c = faces[f + 2]!;
      const ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
      finer.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
    }
    faces = finer;
  }
  const vertices = Float64Array.from(points, (p) => p * radius);
  const triangles = Uint32Array.from(faces);
  orientOutward(vertices, triangles, 0, 0, 0);
  return { vertices, triangles };
}

function normalise(points: number[], v: number): void {
  const x = points[3 * v]!, y = points[3 * v + 1]!, z = points[3 * v + 2]!;
  const r = Math.sqrt(x * x + y * y + z * z);
  points[3 * v] = x / r;
  points[3 * v + 1] = y / r;
  points[3 * v + 2] = z / r;
}

export interface CylinderOptions {
  readonly radius: number;
  readonly length: number;
  /** Vertices around the circumference (the cross-section is the inscribed regular polygon). */
  readonly sectors: number;
  /** Bands of triangles along the axis. */
  readonly rings: number;
  /**
   * 0: equal bands; 1: cosine (Chebyshev) spacing, fine at both ends where the surface charge of
   * a thin conductor piles up; in between, a blend of the two.
   */
  readonly grading: number;
  /** Close the end at z = 0 / z = length with a fan of triangles. */
  readonly startCap: boolean;
  readonly endCap: boolean;
}

/**
 * Position of the k-th of n rings along [0, length]: a blend of equal spacing and cosine spacing.
 */
function ringPosition(k: number, n: number, length: number, grading: number): number {
  const u = k / n;
  return length * ((1 - grading) * u + (grading * (1 - cos(Math.PI * u))) / 2);
}

/**
 * Cylinder along +z from z = 0 to z = length. Vertices lie on the true radius; the side is split
 * into `rings` × `sectors` quadrilaterals of two triangles each, whose diagonals alternate from
 * ring to ring (a uniform diagonal would twist the surface charge); ends are fans around a centre.
 */
export function cylinder(o: CylinderOptions): TriangleMesh {
  const { sectors, rings } = o;
  const points: number[] = [];
  const faces: number[] = [];
  for (let k = 0; k <= rings; k++) {
    const z = ringPosition(k, rings, o.length, o.grading);
    for (let s = 0; s < sectors; s++) {
      const angle = (2 * Math.PI * s) / sectors;
      points.push(o.radius * cos(angle), o.radius * sin(angle), z);
    }
  }
  const at = (k: number, s: number): number => k * sectors + (s % sectors);
  for (let k = 0; k < rings; k++)
    for (let s = 0; s < sectors; s++) {
      const a = at(k, s), b = at(k, s + 1), c = at(k + 1, s + 1), d = at(k + 1, s);
      if (k % 2 === 0) faces.push(a, b, c, a, c, d);
      else faces.push(a, b, d, b, c, d);
    }
  const cap = (k: number, z: number): void => {
    const centre = points.length / 3;
    points.push(0, 0, z);
    for (let s = 0; s < sectors; s++) faces.push(centre, at(k, s), at(k, s + 1));
  };
  if (o.startCap) cap(0, 0);
  if (o.endCap) cap(rings, o.length);
  const vertices = Float64Array.from(points);
  const triangles = Uint32Array.from(faces);
  orientOutward(vertices, triangles, 0, 0, o.length / 2);
  return { vertices, triangles };
}
