/**
 * Columns of observations that grow by doubling (amortised O(1) per row, no allocation in the
 * steady state), and copy themselves into reusable frame buffers.
 */
import type { SeriesBuffers } from './engine.ts';

export interface SeriesSnapshot {
  readonly length: number;
  readonly columns: readonly Float64Array[];
}

export class SeriesStore {
  readonly names: readonly string[];
  length = 0;
  private columns: Float64Array[];

  constructor(names: readonly string[], capacity = 256) {
    this.names = names;
    this.columns = names.map(() => new Float64Array(Math.max(1, capacity)));
  }

  /** Appends one row; `values` is in the order of `names`. */
  push(values: ArrayLike<number>): void {
    if (this.length === (this.columns[0] as Float64Array).length) this.grow();
    const row = this.length;
    for (let c = 0; c < this.columns.length; c++) (this.columns[c] as Float64Array)[row] = values[c] as number;
    this.length = row + 1;
  }

  private grow(): void {
    this.columns = this.columns.map((col) => {
      const bigger = new Float64Array(col.length * 2);
      bigger.set(col);
      return bigger;
    });
  }

  /**
   * Copies the valid rows into buffers for a frame, reusing `reuse[name]` when it is large enough
   * (buffers handed back by the consumer after a transfer) and allocating otherwise.
   */
  copyOut(reuse?: SeriesBuffers): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    for (let c = 0; c < this.names.length; c++) {
      const name = this.names[c] as string;
      const prior = reuse?.[name];
      const buf = prior && prior.length >= this.length ? prior : new Float64Array(Math.max(16, this.length * 2));
      buf.set((this.columns[c] as Float64Array).subarray(0, this.length));
      out[name] = buf;
    }
    return out;
  }

  snapshot(): SeriesSnapshot {
    return { length: this.length, columns: this.columns.map((c) => c.slice(0, Math.max(1, this.length))) };
  }

  restore(s: SeriesSnapshot): void {
    this.length = s.length;
    this.columns = s.columns.map((c) => {
      const col = new Float64Array(Math.max(256, c.length * 2));
      col.set(c);
      return col;
    });
  }
}

/**
 * The observation schedule of event-driven engines: the state is recorded at t = kΔ up to tMax,
 * and the state just before an event holds on the whole interval that event ends. Calls
 * `record(tk)` for every scheduled time before `until` (and at `until` when `inclusive`, the end
 * of a run), starting from index `next`; returns the next index. kΔ may round to just above tMax
 * (0.07 × 100), hence the same relative slack as the ODE engine's schedule.
 */
export function observeUntil(next: number, dt: number, tMax: number, until: number, inclusive: boolean, record: (tk: number) => void): number {
  const slack = 1e-9 * dt;
  for (;;) {
    const tk = next * dt;
    if (tk > tMax + slack || (inclusive ? tk > until + slack : tk >= until)) return next;
    record(tk);
    next++;
  }
}
