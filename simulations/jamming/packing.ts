/**
 * A 2D periodic packing of soft disks: positions, diameters, the box, and the pair interaction
 * V(r) = (ε/α)(1 − r/σ_ij)^α for r < σ_ij (α = 2 harmonic, 5/2 Hertzian; ε = 1), σ_ij the mean
 * of the two diameters (O'Hern, Silbert, Liu & Nagel, PRE 68, 011306 (2003)). Energies, forces and
 * the pressure come from one pass over the pairs of a cell list, with no allocation.
 *
 * Units: the small diameter is 1, ε = 1, every mass is 1.
 */

export type Exponent = 2 | 2.5;

/** 50:50 bidisperse, diameter ratio 1.4: the mixture that does not crystallise in 2D. */
export const SMALL = 1;
export const LARGE = 1.4;

/** The half shell of neighbouring cells: east, north-east, north, north-west. */
const NEIGHBOUR_DX = [1, 1, 0, -1] as const;
const NEIGHBOUR_DY = [0, 1, 1, 1] as const;

export class Packing {
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly diameter: Float64Array;
  readonly fx: Float64Array;
  readonly fy: Float64Array;
  /** Side of the periodic square box. */
  box: number;
  readonly exponent: Exponent;
  /** Σ of disk areas: φ = diskArea / box². */
  readonly diskArea: number;

  // The cell list: cells of side ≥ the largest contact distance; head/next chains of particles.
  private cells = 0;
  private cellSize = 0;
  private head: Int32Array = new Int32Array(0);
  private readonly next: Int32Array;

  /** Energy and pressure of the last force evaluation. */
  energy = 0;
  /** Σ_{i<j} r_ij f_ij over contacts (the virial), from the last force evaluation. */
  virial = 0;

  constructor(diameters: Float64Array, exponent: Exponent) {
    this.n = diameters.length;
    this.diameter = diameters;
    this.exponent = exponent;
    this.x = new Float64Array(this.n);
    this.y = new Float64Array(this.n);
    this.fx = new Float64Array(this.n);
    this.fy = new Float64Array(this.n);
    this.next = new Int32Array(this.n);
    let area = 0;
    for (let i = 0; i < this.n; i++) {
      const d = diameters[i] as number;
      area += (Math.PI / 4) * d * d;
    }
    this.diskArea = area;
    this.box = 1;
  }

  get packingFraction(): number {
    return this.diskArea / (this.box * this.box);
  }

  /** Rescales the box and every position to reach packing fraction φ (affine compression). */
  setPackingFraction(phi: number): void {
    const box = Math.sqrt(this.diskArea / phi);
    const s = box / this.box;
    for (let i = 0; i < this.n; i++) {
      this.x[i] = (this.x[i] as number) * s;
      this.y[i] = (this.y[i] as number) * s;
    }
    this.box = box;
  }

  /** Pressure p = Σ r_ij f_ij / (d·A), d = 2, from the last force evaluation. */
  get pressure(): number {
    return this.virial / (2 * this.box * this.box);
  }

  private buildCells(): void {
    const cells = Math.floor(this.box / LARGE);
    if (cells !== this.cells) this.layCells(cells);
    this.cellSize = this.box / cells;
    this.head.fill(-1);
    const { x, y, box, next, head } = this;
    const inv = 1 / this.cellSize;
    for (let i = 0; i < this.n; i++) {
      // Wrap into [0, box) first: positions drift during minimisation.
      let xi = x[i] as number;
      let yi = y[i] as number;
      xi -= box * Math.floor(xi / box);
      yi -= box * Math.floor(yi / box);
      x[i] = xi;
      y[i] = yi;
      const cx = Math.min(cells - 1, Math.floor(xi * inv));
      const cy = Math.min(cells - 1, Math.floor(yi * inv));
      const c = cy * cells + cx;
      next[i] = head[c] as number;
      head[c] = i;
    }
  }

  /**
   * For each cell, its four half-shell neighbours (E, NE, N, NW) and the periodic image shift (in
   * box lengths) that brings a neighbour across the boundary next to it: no rounding per pair.
   */
  private layCells(cells: number): void {
    this.cells = cells;
    this.head = new Int32Array(cells * cells);
    this.neighbour = new Int32Array(cells * cells * 4);
    this.shiftX = new Int8Array(cells * cells * 4);
    this.shiftY = new Int8Array(cells * cells * 4);
    for (let cy = 0; cy < cells; cy++) {
      for (let cx = 0; cx < cells; cx++) {
        for (let k = 0; k < 4; k++) {
          const nx = cx + (NEIGHBOUR_DX[k] as number);
          const ny = cy + (NEIGHBOUR_DY[k] as number);
          const slot = (cy * cells + cx) * 4 + k;
          this.neighbour[slot] = ((ny + cells) % cells) * cells + ((nx + cells) % cells);
          this.shiftX[slot] = nx < 0 ? -1 : nx >= cells ? 1 : 0;
          this.shiftY[slot] = ny >= cells ? 1 : 0;
        }
      }
    }
  }

  private neighbour = new Int32Array(0);
  private shiftX = new Int8Array(0);
  private shiftY = new Int8Array(0);

  /**
   * Forces on every disk, the energy and the virial, in one sweep over the cell list. With
   * `recordContacts`, the overlapping pairs and their forces are also written to `contactI`,
   * `contactJ`, `contactForce` (the first `contactCount` entries). Allocates nothing once the
   * contact buffers are large enough.
   */
  computeForces(recordContacts = false): void {
    this.fx.fill(0);
    this.fy.fill(0);
    this.energy = 0;
    this.virial = 0;
    this.contactCount = 0;
    this.buildCells();
    if (this.cells < 3) {
      // Too few cells for the half-shell sweep to see each pair once (a tiny box): every pair.
      for (let i = 0; i < this.n; i++) {
        for (let j = i + 1; j < this.n; j++) {
          let dx = (this.x[j] as number) - (this.x[i] as number);
          let dy = (this.y[j] as number) - (this.y[i] as number);
          dx -= this.box * Math.round(dx / this.box);
          dy -= this.box * Math.round(dy / this.box);
          this.interact(i, j, dx, dy, recordContacts);
        }
      }
      return;
    }
    const { x, y, diameter: d, fx, fy, box, head, next, neighbour, shiftX, shiftY } = this;
    const cellCount = this.cells * this.cells;
    const harmonic = this.exponent === 2;
    let energy = 0;
    let virial = 0;
    for (let c = 0; c < cellCount; c++) {
      for (let i = head[c] as number; i >= 0; i = next[i] as number) {
        const xi = x[i] as number;
        const yi = y[i] as number;
        const di = d[i] as number;
        let fxi = 0;
        let fyi = 0;
        // k = −1: later disks in the same cell; k = 0…3: the half-shell cells.
        for (let k = -1; k < 4; k++) {
          let j: number;
          let ox = 0;
          let oy = 0;
          if (k < 0) j = next[i] as number;
          else {
            const slot = c * 4 + k;
            j = head[neighbour[slot] as number] as number;
            ox = (shiftX[slot] as number) * box;
            oy = (shiftY[slot] as number) * box;
          }
          for (; j >= 0; j = next[j] as number) {
            const dx = (x[j] as number) + ox - xi;
            const dy = (y[j] as number) + oy - yi;
            const sigma = 0.5 * (di + (d[j] as number));
            const r2 = dx * dx + dy * dy;
            if (r2 >= sigma * sigma) continue;
            const r = Math.sqrt(r2);
            const delta = 1 - r / sigma;
            // V = δ^α/α, f = −dV/dr = δ^(α−1)/σ: harmonic δ/σ, Hertzian δ√δ/σ.
            const dPow = harmonic ? delta : delta * Math.sqrt(delta);
            const f = dPow / sigma;
            energy += dPow * delta;
            virial += r * f;
            const gx = (f * dx) / r;
            const gy = (f * dy) / r;
            fxi -= gx;
            fyi -= gy;
            fx[j] = (fx[j] as number) + gx;
            fy[j] = (fy[j] as number) + gy;
            if (recordContacts) this.recordContact(i, j, f);
          }
        }
        fx[i] = (fx[i] as number) + fxi;
        fy[i] = (fy[i] as number) + fyi;
      }
    }
    this.energy = energy / this.exponent;
    this.virial = virial;
  }

  /** One pair at separation (dx, dy) from i to j: the slow path for tiny boxes. */
  private interact(i: number, j: number, dx: number, dy: number, recordContacts: boolean): void {
    const sigma = 0.5 * ((this.diameter[i] as number) + (this.diameter[j] as number));
    const r2 = dx * dx + dy * dy;
    if (r2 >= sigma * sigma) return;
    const r = Math.sqrt(r2);
    const delta = 1 - r / sigma;
    const dPow = this.exponent === 2 ? delta : delta * Math.sqrt(delta);
    const f = dPow / sigma;
    this.energy += (dPow * delta) / this.exponent;
    this.virial += r * f;
    const gx = (f * dx) / r;
    const gy = (f * dy) / r;
    this.fx[i] = (this.fx[i] as number) - gx;
    this.fy[i] = (this.fy[i] as number) - gy;
    this.fx[j] = (this.fx[j] as number) + gx;
    this.fy[j] = (this.fy[j] as number) + gy;
    if (recordContacts) this.recordContact(i, j, f);
  }

  /** Contacts of the last evaluation with `recordContacts`: pairs and the force between them. */
  contactCount = 0;
  contactI = new Int32Array(64);
  contactJ = new Int32Array(64);
  contactForce = new Float64Array(64);

  private recordContact(i: number, j: number, f: number): void {
    const k = this.contactCount;
    if (k === this.contactI.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.contactI = grow(this.contactI, (m) => new Int32Array(m));
      this.contactJ = grow(this.contactJ, (m) => new Int32Array(m));
      this.contactForce = grow(this.contactForce, (m) => new Float64Array(m));
    }
    this.contactI[k] = i;
    this.contactJ[k] = j;
    this.contactForce[k] = f;
    this.contactCount = k + 1;
  }

  /** The largest force on any disk after the last evaluation. */
  maxForce(): number {
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const fx = this.fx[i] as number;
      const fy = this.fy[i] as number;
      const f2 = fx * fx + fy * fy;
      if (f2 > m) m = f2;
    }
    return Math.sqrt(m);
  }
}
