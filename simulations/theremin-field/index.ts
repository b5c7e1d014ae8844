/**
 * The theremin's pitch antenna as a capacitance curve: the boundary-element solver run over a sweep
 * of hand positions, one position per unit of work, from the nearest gap (gapMin) out to the
 * farthest (gapMax), log-spaced. Each position warm-starts from the previous one's charges, so the
 * checkpoint carries them: a restored run repeats the same solves bit for bit. See README.md.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { changedParams } from '../core/params.ts';
import { SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { gapOfPosition, geometryOf, METRES_PER_CM, resolutionOf } from './model-params.ts';
import { ThereminSolver } from './solver.ts';
import { thereminFieldSpec, type ThereminFieldParams } from './spec.ts';

const SERIES = ['gap', 'capacitance', 'handCapacitance'] as const;
const PF = 1e12;

interface ThereminFieldSnapshot {
  readonly params: ThereminFieldParams;
  readonly store: SeriesSnapshot;
  readonly next: number;
  readonly handCapacitanceMax: number;
  readonly charges: Float64Array;
}

class ThereminFieldRun implements EngineInstance<ThereminFieldParams> {
  private p: ThereminFieldParams;
  private solver: ThereminSolver;
  private readonly store = new SeriesStore(SERIES, 128);
  private readonly row = new Float64Array(SERIES.length);
  /** Index of the next hand position to solve. */
  private next = 0;
  private handCapacitanceMax = NaN;

  constructor(params: ThereminFieldParams) {
    this.p = { ...params };
    this.solver = new ThereminSolver(geometryOf(params), resolutionOf(params));
  }

  private get done(): boolean {
    return this.next >= this.p.positions;
  }

  advance(budget: number): AdvanceResult {
    let work = 0;
    while (!this.done && work < budget) {
      const gap = gapOfPosition(this.p, this.next);
      const c = this.solver.capacitanceAt(gap * METRES_PER_CM) * PF;
      const rod = this.solver.rodCapacitance * PF;
      this.row[0] = gap;
      this.row[1] = c;
      this.row[2] = c - rod;
      this.store.push(this.row);
      if (!(c - rod <= this.handCapacitanceMax)) this.handCapacitanceMax = c - rod;
      this.next++;
      work++;
    }
    return { work, done: this.done, progress: this.next / this.p.positions };
  }

  observe(reuse?: SeriesBuffers): Frame {
    return {
      work: this.next,
      progress: this.next / this.p.positions,
      done: this.done,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        rodCapacitance: this.solver.rodCapacitance * PF,
        handCapacitanceMax: this.handCapacitanceMax,
        panels: this.solver.count,
      },
    };
  }

  /** Every parameter is structural (a change rebuilds the run), so there is nothing to apply. */
  setLiveParams(): void {}

  snapshot(): Snapshot {
    const snap: ThereminFieldSnapshot = {
      params: { ...this.p },
      store: this.store.snapshot(),
      next: this.next,
      handCapacitanceMax: this.handCapacitanceMax,
      charges: this.solver.charges.slice(),
    };
    return snap;
  }

  restore(snap: Snapshot): void {
    const s = snap as unknown as ThereminFieldSnapshot;
    if (changedParams(s.params, this.p).length > 0) this.solver = new ThereminSolver(geometryOf(s.params), resolutionOf(s.params));
    this.p = { ...s.params };
    this.store.restore(s.store);
    this.next = s.next;
    this.handCapacitanceMax = s.handCapacitanceMax;
    this.solver.setCharges(s.charges);
  }
}

export const thereminFieldEngine = defineEngine(thereminFieldSpec, (params) => new ThereminFieldRun(params));
