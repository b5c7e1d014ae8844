/**
 * Flat triangular panels, stored flat in typed arrays (structure of arrays) with everything the
 * panel integrals need precomputed: corners, centroid, unit normal, and for each edge its unit
 * direction and its in-plane outward normal. A rigid translation changes only the positions
 * (corners, centroid), so a moving conductor is re-placed without recomputing any direction.
 */
import type { TriangleMesh } from './mesh.ts';

export class PanelSet {
  readonly count: number;
  /** Corners a, b, c of panel j at 9j … 9j+8. */
  readonly corners: Float64Array;
  readonly centroid: Float64Array;
  readonly normal: Float64Array;
  /** Unit direction of edge i (from corner i to corner i+1) of panel j at 9j + 3i. */
  readonly edgeDirection: Float64Array;
  /** In-plane unit normal of that edge pointing away from the panel: direction × normal. */
  readonly edgeOutward: Float64Array;
  readonly area: Float64Array;
  /** Longest edge: the panel's size, which sets where the centroid rule is accurate enough. */
  readonly diameter: Float64Array;

  constructor(count: number) {
    this.count = count;
    this.corners = new Float64Array(9 * count);
    this.centroid = new Float64Array(3 * count);
    this.normal = new Float64Array(3 * count);
    this.edgeDirection = new Float64Array(9 * count);
    this.edgeOutward = new Float64Array(9 * count);
    this.area = new Float64Array(count);
    this.diameter = new Float64Array(count);
  }

  /** Panels of one mesh: all its triangles, or those whose centroid `keep` accepts. */
  static fromMesh(mesh: TriangleMesh, keep: (centroid: readonly [number, number, number]) => boolean = () => true): PanelSet {
    const { vertices: v, triangles: t } = mesh;
    const chosen: number[] = [];
    for (let f = 0; f < t.length / 3; f++) {
      const a = 3 * t[3 * f]!, b = 3 * t[3 * f + 1]!, c = 3 * t[3 * f + 2]!;
      const centroid: [number, number, number] = [(v[a]! + v[b]! + v[c]!) / 3, (v[a + 1]! + v[b + 1]! + v[c + 1]!) / 3, (v[a + 2]! + v[b + 2]! + v[c + 2]!) / 3];
      if (keep(centroid)) chosen.push(f);
    }
    const set = new PanelSet(chosen.length);
    chosen.forEach((f, j) => {
      for (let corner = 0; corner < 3; corner++) {
        const src = 3 * t[3 * f + corner]!;
        for (let d = 0; d < 3; d++) set.corners[9 * j + 3 * corner + d] = v[src + d]!;
      }
      set.computeShape(j);
    });
    return set;
  }

  /** Concatenation of several sets, in order. */
  static join(parts: readonly PanelSet[]): PanelSet {
    const set = new PanelSet(parts.reduce((n, p) => n + p.count, 0));
    let offset = 0;
    for (const p of parts) {
      set.copyFrom(p, offset, 0, 0, 0);
      offset += p.count;
    }
    return set;
  }

  /** Writes the panels of `src` into this set from index `offset` on, translated by (dx, dy, dz). */
  copyFrom(src: PanelSet, offset: number, dx: number, dy: number, dz: number): void {
    const n = src.count;
    this.normal.set(src.normal.subarray(0, 3 * n), 3 * offset);
    this.edgeDirection.set(src.edgeDirection.subarray(0, 9 * n), 9 * offset);
    this.edgeOutward.set(src.edgeOutward.subarray(0, 9 * n), 9 * offset);
    this.area.set(src.area.subarray(0, n), offset);
    this.diameter.set(src.diameter.subarray(0, n), offset);
    this.place(src, offset, dx, dy, dz);
  }

  /**
   * Moves panels copied from `src` (at `offset`) to src's position plus (dx, dy, dz): only corners
   * and centroids change under a translation. Allocation-free: this is how the hand is moved.
   */
  place(src: PanelSet, offset: number, dx: number, dy: number, dz: number): void {
    for (let j = 0; j < src.count; j++) {
      const to = offset + j;
      for (let corner = 0; corner < 3; corner++) {
        this.corners[9 * to + 3 * corner] = src.corners[9 * j + 3 * corner]! + dx;
        this.corners[9 * to + 3 * corner + 1] = src.corners[9 * j + 3 * corner + 1]! + dy;
        this.corners[9 * to + 3 * corner + 2] = src.corners[9 * j + 3 * corner + 2]! + dz;
      }
      this.centroid[3 * to] = src.centroid[3 * j]! + dx;
      this.centroid[3 * to + 1] = src.centroid[3 * j + 1]! + dy;
      this.centroid[3 * to + 2] = src.centroid[3 * j + 2]! + dz;
    }
  }

  /** Centroid, normal, area, edge frames and diameter of panel j from its corners. */
  private computeShape(j: number): void {
    const p = this.corners;
    const o = 9 * j;
    for (let d = 0; d < 3; d++) this.centroid[3 * j + d] = (p[o + d]! + p[o + 3 + d]! + p[o + 6 + d]!) / 3;
    const ux = p[o + 3]! - p[o]!, uy = p[o + 4]! - p[o + 1]!, uz = p[o + 5]! - p[o + 2]!;
    const vx = p[o + 6]! - p[o]!, vy = p[o + 7]! - p[o + 1]!, vz = p[o + 8]! - p[o + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const twiceArea = Math.sqrt(nx * nx + ny * ny + nz * nz);
    this.area[j] = twiceArea / 2;
    this.normal[3 * j] = nx / twiceArea;
    this.normal[3 * j + 1] = ny / twiceArea;
    this.normal[3 * j + 2] = nz / twiceArea;
    let longest = 0;
    for (let i = 0; i < 3; i++) {
      const from = o + 3 * i, to = o + 3 * ((i + 1) % 3);
      const ex = p[to]! - p[from]!, ey = p[to + 1]! - p[from + 1]!, ez = p[to + 2]! - p[from + 2]!;
      const len = Math.sqrt(ex * ex + ey * ey + ez * ez);
      longest = Math.max(longest, len);
      const lx = ex / len, ly = ey / len, lz = ez / len;
      const mx = this.normal[3 * j]!, my = this.normal[3 * j + 1]!, mz = this.normal[3 * j + 2]!;
      const e = 9 * j + 3 * i;
      this.edgeDirection[e] = lx;
      this.edgeDirection[e + 1] = ly;
      this.edgeDirection[e + 2] = lz;
      this.edgeOutward[e] = ly * mz - lz * my;
      this.edgeOutward[e + 1] = lz * mx - lx * mz;
      this.edgeOutward[e + 2] = lx * my - ly * mx;
    }
    this.diameter[j] = longest;
  }
}
