/**
 * Stochastic SIR / SEIR in a well-mixed population by Gillespie's direct method (Gillespie, J. Phys.
 * Chem. 81, 2340 (1977), doi:10.1021/j100540a008): exponential waiting times from the total rate,
 * then one event chosen in proportion to its rate. The events: infection S → E (or I) at
 * β(t) S I / N, onset E → I at σ E (SEIR), recovery I → R at γ I, vaccination S → V at ν(t) S.
 * Interventions make β and ν piecewise constant in time; at each switch the run stops the clock
 * and draws afresh, which is exact because waiting times are memoryless. No time step.
 *
 * The state is observed on a fixed schedule in simulated time (the state just before each event is
 * the state on the interval it ends), so output does not depend on chunking. Per event: one
 * waiting time from the ziggurat and one 32-bit uniform to choose the event (version 0.3; 0.1 and
 * 0.2 drew the waiting time by −ln u and a 53-bit uniform, about three times slower).
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { contactFactorAt, nextRateSwitch } from '../core/interventions.ts';
import { Rng } from '../core/rng.ts';
import { observeUntil, SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { sirStochasticSpec, vaccinatedCount, type SirStochasticParams } from './spec.ts';

const SERIES = ['t', 'S', 'E', 'I', 'R', 'V'] as const;

interface GillespieSnapshot {
  readonly params: SirStochasticParams;
  readonly rng: Uint32Array;
  readonly state: readonly number[];
  readonly counters: readonly number[];
  readonly store: SeriesSnapshot;
}

class GillespieSir implements EngineInstance<SirStochasticParams> {
  private p: SirStochasticParams;
  private readonly seir: boolean;
  private readonly rng: Rng;
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);
  private t = 0;
  private S: number;
  private E = 0;
  private I: number;
  private R = 0;
  private V: number;
  private events = 0;
  private nextObs = 0;
  /** nextObs × outputInterval, cached for the hot loop's test. */
  private nextObsTime = 0;
  private peakI: number;
  private peakT = 0;
  /** When the last infected person recovered (NaN while the epidemic goes on). */
  private endTime = NaN;
  private ended = false;

  constructor(params: SirStochasticParams, seed: number, stream: number) {
    this.p = { ...params };
    this.seir = params.model === 'SEIR';
    this.rng = Rng.stream(seed, stream);
    this.V = vaccinatedCount(params);
    // SEIR starts with its initial cases infectious, as the deterministic engine does.
    this.S = params.N - this.V - params.initialInfected;
    this.I = params.initialInfected;
    this.peakI = this.I;
  }

  /** Records the current state at every scheduled time before `until` (and at `until` if inclusive). */
  private recordUntil(until: number, inclusive: boolean): void {
    this.nextObs = observeUntil(this.nextObs, this.p.outputInterval, this.p.tMax, until, inclusive, this.recordRow);
    this.nextObsTime = this.nextObs * this.p.outputInterval;
  }

  private readonly recordRow = (tk: number): void => {
    const row = this.row;
    row[0] = tk;
    row[1] = this.S;
    row[2] = this.E;
    row[3] = this.I;
    row[4] = this.R;
    row[5] = this.V;
    this.store.push(row);
  };


  private nextSwitch(t: number): number {
    return nextRateSwitch(this.p, t);
  }

  advance(budget: number): AdvanceResult {
    const before = this.events;
    const { gamma, sigma, N, tMax, R0, contactFactor, contactEnd, vaccinationRate, vaccinationStart } = this.p;
    const seir = this.seir;
    if (!this.ended && this.t >= tMax) {
      // tMax was lowered below the current time: the run ends here; time never goes back.
      this.recordUntil(tMax, true);
      this.ended = true;
    }
    let nextSwitch = this.nextSwitch(this.t);
    if (!this.ended && !seir && vaccinationRate === 0 && nextSwitch === Infinity && (contactFactor === 1 || this.t >= contactEnd)) {
      this.advancePlainSir(before + budget);
    }
    while (!this.ended && this.events - before < budget) {
      const t = this.t;
      const beta = R0 * gamma * contactFactorAt(this.p, t);
      const infection = (beta * this.S * this.I) / N;
      const onset = seir ? sigma * this.E : 0;
      const recovery = gamma * this.I;
      const vaccination = t >= vaccinationStart ? vaccinationRate * this.S : 0;
      const total = infection + onset + recovery + vaccination;
      if (total <= 0) {
        // The epidemic is over (E + I = 0) and nobody is being vaccinated now. If vaccination is
        // still to start, go to the next switch; otherwise the state holds until tMax. (While
        // vaccination goes on, the run goes on, as in the deterministic model.)
        const vaccinationDue = vaccinationRate > 0 && this.S > 0 && vaccinationStart > t && vaccinationStart <= tMax;
        if (!vaccinationDue) {
          this.recordUntil(tMax, true);
          this.ended = true;
          break;
        }
        this.recordUntil(nextSwitch, false);
        this.t = nextSwitch;
        nextSwitch = this.nextSwitch(nextSwitch);
        continue;
      }
      const tNext = t + this.rng.exponentialZiggurat(total);
      const pick = this.rng.uniform32() * total;
      if (tNext >= nextSwitch && nextSwitch <= tMax) {
        // A rate changes before this event: move the clock to the switch and draw again.
        this.recordUntil(nextSwitch, false);
        this.t = nextSwitch;
        nextSwitch = this.nextSwitch(nextSwitch);
        continue;
      }
      if (tNext > tMax) {
        this.recordUntil(tMax, true);
        this.t = tMax;
        this.ended = true;
        break;
      }
      // Most events fall between two observation times: skip the call then.
      if (tNext >= this.nextObsTime) this.recordUntil(tNext, false);
      this.t = tNext;
      if (pick < infection) {
        this.S--;
        if (seir) this.E++;
        else {
          this.I++;
          if (this.I > this.peakI) {
            this.peakI = this.I;
            this.peakT = tNext;
          }
        }
      } else if (pick < infection + onset) {
        this.E--;
        this.I++;
        if (this.I > this.peakI) {
          this.peakI = this.I;
          this.peakT = tNext;
        }
      } else if (pick < infection + onset + recovery || vaccination === 0) {
        this.I--;
        this.R++;
        if (this.I + this.E === 0) this.endTime = tNext;
      } else {
        this.S--;
        this.V++;
      }
      this.events++;
    }
    return { work: this.events - before, done: this.ended, progress: this.ended ? 1 : Math.min(1, this.t / tMax) };
  }

  /**
   * The measured hot path for the common case, plain SIR with no intervention to come: the same
   * draws, in the same order, as the general loop in advance(), without its branches for SEIR,
   * vaccination and switches (about 15 % faster: npm run bench). Stops at the end of the run or of
   * the budget; advance() then finishes any bookkeeping.
   */
  private advancePlainSir(limit: number): void {
    const { gamma, N, tMax, R0 } = this.p;
    const beta = R0 * gamma;
    const rng = this.rng;
    while (this.events < limit) {
      const S = this.S;
      const I = this.I;
      if (I === 0) return; // over: the general loop records the rest and ends the run
      const infection = (beta * S * I) / N;
      const total = infection + gamma * I;
      const tNext = this.t + rng.exponentialZiggurat(total);
      const pick = rng.uniform32() * total;
      if (tNext > tMax) {
        this.recordUntil(tMax, true);
        this.t = tMax;
        this.ended = true;
        return;
      }
      if (tNext >= this.nextObsTime) this.recordUntil(tNext, false);
      this.t = tNext;
      if (pick < infection) {
        this.S = S - 1;
        this.I = I + 1;
        if (I + 1 > this.peakI) {
          this.peakI = I + 1;
          this.peakT = tNext;
        }
      } else {
        this.I = I - 1;
        this.R++;
        if (I === 1) this.endTime = tNext;
      }
      this.events++;
    }
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
        duration: this.endTime,
        events: this.events,
        // Everyone ever infected: not susceptible and not vaccinated (the initial cases included).
        finalSize: (N - this.S - this.V) / N,
        peakPrevalence: this.peakI / N,
        peakTime: this.peakT,
        extinct: this.E + this.I === 0 ? 1 : 0,
      },
    };
  }

  setLiveParams(params: SirStochasticParams): void {
    this.p = { ...params };
    // A longer window re-opens a run that stopped at the old tMax (not one that went extinct).
    if (this.E + this.I > 0 && this.t < this.p.tMax) this.ended = false;
  }

  snapshot(): Snapshot {
    const snap: GillespieSnapshot = {
      params: { ...this.p },
      rng: this.rng.getState(),
      state: [this.t, this.S, this.E, this.I, this.R, this.V],
      counters: [this.events, this.nextObs, this.peakI, this.peakT, this.ended ? 1 : 0, this.endTime],
      store: this.store.snapshot(),
    };
    return snap;
  }

  restore(snapshot: Snapshot): void {
    const s = snapshot as GillespieSnapshot;
    this.p = { ...s.params };
    this.rng.setState(s.rng);
    [this.t, this.S, this.E, this.I, this.R, this.V] = s.state as [number, number, number, number, number, number];
    const [events, nextObs, peakI, peakT, ended, endTime] = s.counters as [number, number, number, number, number, number];
    this.endTime = endTime;
    this.events = events;
    this.nextObs = nextObs;
    this.nextObsTime = nextObs * this.p.outputInterval;
    this.peakI = peakI;
    this.peakT = peakT;
    this.ended = ended === 1;
    this.store.restore(s.store);
  }
}

export const sirStochasticEngine = defineEngine(sirStochasticSpec, (params, seed, stream = 0) => new GillespieSir(params, seed, stream));
