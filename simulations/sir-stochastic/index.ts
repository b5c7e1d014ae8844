/**
 * Stochastic SIR in a well-mixed population by Gillespie's direct method (Gillespie, J. Phys.
 * Chem. 81, 2340 (1977), doi:10.1021/j100540a008): exponential waiting times from the total rate
 * β S I / N + γ I, then one event chosen in proportion to its rate. Exact for the Markov chain;
 * no time step. The state is observed on a fixed schedule in simulated time (the state just before
 * each event is the state on the interval it ends), so output does not depend on chunking.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { Rng } from '../core/rng.ts';
import { SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { sirStochasticSpec, type SirStochasticParams } from './spec.ts';

const SERIES = ['t', 'S', 'I', 'R'] as const;

interface GillespieSnapshot {
  readonly params: SirStochasticParams;
  readonly rng: Uint32Array;
  readonly state: readonly number[];
  readonly store: SeriesSnapshot;
}

class GillespieSir implements EngineInstance<SirStochasticParams> {
  private p: SirStochasticParams;
  private readonly rng: Rng;
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);
  private t = 0;
  private S: number;
  private I: number;
  private R = 0;
  private events = 0;
  private nextObs = 0;
  private peakI: number;
  private peakT = 0;
  private ended = false;

  constructor(params: SirStochasticParams, seed: number, stream: number) {
    this.p = { ...params };
    this.rng = Rng.stream(seed, stream);
    this.S = params.N - params.initialInfected;
    this.I = params.initialInfected;
    this.peakI = this.I;
  }

  /** Records the current state at every scheduled time before `until` (and at `until` if inclusive). */
  private recordUntil(until: number, inclusive: boolean): void {
    const dt = this.p.outputInterval;
    for (;;) {
      const tk = this.nextObs * dt;
      // The same tolerance as the ODE engine: kΔ may round to just above tMax (0.07 × 100).
      const slack = 1e-9 * dt;
      if (tk > this.p.tMax + slack || (inclusive ? tk > until + slack : tk >= until)) return;
      this.row[0] = tk;
      this.row[1] = this.S;
      this.row[2] = this.I;
      this.row[3] = this.R;
      this.store.push(this.row);
      this.nextObs++;
    }
  }

  advance(budget: number): AdvanceResult {
    const before = this.events;
    const beta = this.p.R0 * this.p.gamma;
    const { gamma, N, tMax } = this.p;
    if (!this.ended && this.t >= tMax) {
      // tMax was lowered below the current time: the run ends here; time never goes back.
      this.recordUntil(tMax, true);
      this.ended = true;
    }
    while (!this.ended && this.events - before < budget) {
      const infection = (beta * this.S * this.I) / N;
      const total = infection + gamma * this.I;
      if (total <= 0) {
        // Extinct: nothing can happen any more; the state holds until tMax.
        this.recordUntil(tMax, true);
        this.ended = true;
        break;
      }
      const tNext = this.t + this.rng.exponential(total);
      const pickInfection = this.rng.uniform() * total < infection;
      if (tNext > tMax) {
        this.recordUntil(tMax, true);
        this.t = tMax;
        this.ended = true;
        break;
      }
      this.recordUntil(tNext, false);
      this.t = tNext;
      if (pickInfection) {
        this.S--;
        this.I++;
        if (this.I > this.peakI) {
          this.peakI = this.I;
          this.peakT = tNext;
        }
      } else {
        this.I--;
        this.R++;
      }
      this.events++;
    }
    return { work: this.events - before, done: this.ended, progress: this.ended ? 1 : Math.min(1, this.t / tMax) };
  }

  observe(reuse?: SeriesBuffers): Frame {
    const { N } = this.p;
    return {
      work: this.events,
      progress: this.ended ? 1 : Math.min(1, this.t / this.p.tMax),
      done: this.ended,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        time: this.t,
        events: this.events,
        finalSize: (N - this.S) / N,
        peakPrevalence: this.peakI / N,
        peakTime: this.peakT,
        extinct: this.I === 0 ? 1 : 0,
      },
    };
  }

  setLiveParams(params: SirStochasticParams): void {
    this.p = { ...params };
    // A longer window re-opens a run that stopped at the old tMax (not one that went extinct).
    if (this.I > 0 && this.t < this.p.tMax) this.ended = false;
  }

  snapshot(): Snapshot {
    const snap: GillespieSnapshot & { counters: readonly number[] } = {
      params: { ...this.p },
      rng: this.rng.getState(),
      state: [this.t, this.S, this.I, this.R],
      counters: [this.events, this.nextObs, this.peakI, this.peakT, this.ended ? 1 : 0],
      store: this.store.snapshot(),
    };
    return snap;
  }

  restore(snapshot: Snapshot): void {
    const s = snapshot as GillespieSnapshot & { counters: readonly number[] };
    this.p = { ...s.params };
    this.rng.setState(s.rng);
    [this.t, this.S, this.I, this.R] = s.state as [number, number, number, number];
    const [events, nextObs, peakI, peakT, ended] = s.counters as [number, number, number, number, number];
    this.events = events;
    this.nextObs = nextObs;
    this.peakI = peakI;
    this.peakT = peakT;
    this.ended = ended === 1;
    this.store.restore(s.store);
  }
}

export const sirStochasticEngine = defineEngine(sirStochasticSpec, (params, seed, stream = 0) => new GillespieSir(params, seed, stream));
