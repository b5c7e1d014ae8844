/**
 * Deterministic SIR / SEIR epidemic model with frequency-dependent incidence, integrated by the
 * adaptive Dormand–Prince 5(4) method. Counts S, E, I, R and the vaccinated V add up to N.
 * Interventions (a window of reduced contacts, vaccination during the outbreak) make the rates
 * piecewise constant in time: no step crosses a switch, and the rates of a step are those of its
 * interval (fixed before the step, not read from the stage times, which touch the switch at the
 * step's end). See README.md beside this file.
 */
import { Dopri5, type Dopri5Snapshot } from '../core/dopri5.ts';
import { contactFactorAt, nextRateSwitch } from '../core/interventions.ts';
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { finalSusceptible, herdImmunityThreshold } from './analytic.ts';
import type { SirParams } from './params.ts';
import { sirSpec } from './spec.ts';

const S = 0, E = 1, I = 2, R = 3, V = 4;
const SERIES = ['t', 'S', 'E', 'I', 'R', 'V'] as const;

/** Tight tolerances: the lesson compares the run with exact relations to 1e-8. */
const RTOL = 1e-10;
const ATOL_PER_CAPITA = 1e-12;
/** At most one day per step, so an animated run advances smoothly. */
const HMAX_DAYS = 1;
/**
 * Explicit Runge–Kutta is stable only while h × (fastest rate) stays inside its stability region
 * (about −3.3 on the real axis for Dormand–Prince). Error control alone does not enforce that while
 * E and I are below the absolute tolerance (a tiny initial infection), so the step is also capped
 * at this many times the inverse of the sum of the rates.
 */
const STABLE_STEP_FACTOR = 2;

interface SirSnapshot {
  readonly params: SirParams;
  readonly integ: Dopri5Snapshot;
  readonly store: SeriesSnapshot;
  readonly nextObs: number;
  readonly peak: readonly [number, number];
  readonly anchor: readonly [number, number];
}

class SirRun implements EngineInstance<SirParams> {
  private p: SirParams;
  /** β and ν of the current interval between switches. */
  private beta = 0;
  private nu = 0;
  private readonly seir: boolean;
  private readonly integ: Dopri5;
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);
  private readonly probe = new Float64Array(5);
  private readonly probeRate = new Float64Array(5);
  private nextObs = 0;
  private peakI = 0;
  private peakT = 0;
  /**
   * Susceptible and infected (E + I) fractions when R0 last changed (or at the start). The
   * final-size relation holds from any such point while R0 stays fixed, so the "exact" final size
   * stays exact after a live change of R0 (a lockdown slider), not only for the initial state.
   */
  private anchorS = 0;
  private anchorInfected = 0;

  constructor(params: SirParams) {
    this.p = { ...params };
    this.seir = params.model === 'SEIR';
    const v0 = params.N * params.vaccinated;
    this.setRates(0);
    this.integ = new Dopri5(5, this.rhs, { rtol: RTOL, atol: ATOL_PER_CAPITA * params.N, hmax: this.stepCap() });
    const s0 = params.N - v0 - params.initialInfected;
    this.integ.reset(0, [s0, 0, params.initialInfected, 0, v0]);
    this.peakI = params.initialInfected;
    this.anchorS = s0 / params.N;
    this.anchorInfected = params.initialInfected / params.N;
    this.observeDue();
  }

  /** The rates of the interval that starts at t (switches belong to the interval they open). */
  private setRates(t: number): void {
    const p = this.p;
    this.beta = p.R0 * p.gamma * contactFactorAt(p, t);
    this.nu = t >= p.vaccinationStart ? p.vaccinationRate : 0;
  }

  /** R0 in force now (R0 × the contact factor inside the window). */
  private get effectiveR0(): number {
    return this.beta / this.p.gamma;
  }

  private nextSwitch(t: number): number {
    return nextRateSwitch(this.p, t);
  }

  private stepCap(): number {
    const fastest = this.p.R0 * this.p.gamma + this.p.gamma + (this.seir ? this.p.sigma : 0) + this.p.vaccinationRate;
    return Math.min(HMAX_DAYS, STABLE_STEP_FACTOR / fastest);
  }

  /** The final-size relation holds from any point after which R0 stays fixed and nobody is vaccinated. */
  private anchorHere(): void {
    const y = this.integ.y;
    this.anchorS = (y[S] as number) / this.p.N;
    this.anchorInfected = ((y[E] as number) + (y[I] as number)) / this.p.N;
  }

  /** At a switch (or after a live change): the new interval's rates, a fresh first stage, a new anchor. */
  private enterInterval(): void {
    const before = this.beta;
    this.setRates(this.integ.t);
    if (this.beta !== before) this.anchorHere();
    this.integ.refresh();
  }

  /** dy/dt; an arrow function so the integrator can call it without binding. */
  private readonly rhs = (_t: number, y: Float64Array, out: Float64Array): void => {
    const infection = (this.beta * (y[S] as number) * (y[I] as number)) / this.p.N;
    const recovery = this.p.gamma * (y[I] as number);
    const vaccination = this.nu * (y[S] as number);
    out[S] = -infection - vaccination;
    out[V] = vaccination;
    if (this.seir) {
      const onset = this.p.sigma * (y[E] as number);
      out[E] = infection - onset;
      out[I] = onset - recovery;
    } else {
      out[E] = 0;
      out[I] = infection - recovery;
    }
    out[R] = recovery;
  };

  private get done(): boolean {
    return this.integ.t >= this.p.tMax;
  }

  advance(budget: number): AdvanceResult {
    const start = this.integ.t;
    const target = start + budget;
    while (!this.done && this.integ.t < target) {
      const rateBefore = this.integ.f[I] as number;
      const next = this.nextSwitch(this.integ.t);
      this.integ.step(Math.min(this.p.tMax, next));
      this.trackPeak(rateBefore);
      this.observeDue();
      if (this.integ.t === next) this.enterInterval();
    }
    return { work: this.integ.t - start, done: this.done, progress: Math.min(1, this.integ.t / this.p.tMax) };
  }

  /** Records every scheduled observation time covered by the last step, from the dense output. */
  private observeDue(): void {
    const dt = this.p.outputInterval;
    const { integ, row } = this;
    for (;;) {
      const tk = this.nextObs * dt;
      if (tk > integ.t + 1e-9 * dt || tk > this.p.tMax + 1e-9 * dt) return;
      const at = Math.min(tk, integ.t);
      row[0] = tk;
      for (let c = 0; c < 5; c++) row[c + 1] = integ.hOld > 0 ? integ.dense(c, at) : (integ.y[c] as number);
      this.store.push(row);
      this.nextObs++;
    }
  }

  /**
   * The prevalence peaks where dI/dt changes sign. When it does within the last step, the time is
   * located by bisection on the dense output (to ~1e-15 of the step), not rounded to a step end.
   */
  private trackPeak(rateBefore: number): void {
    const { integ } = this;
    const iEnd = integ.y[I] as number;
    if (iEnd > this.peakI) {
      this.peakI = iEnd;
      this.peakT = integ.t;
    }
    if (!(rateBefore > 0 && (integ.f[I] as number) <= 0)) return;
    let lo = integ.tOld;
    let hi = integ.t;
    for (let k = 0; k < 80 && hi > lo; k++) {
      const mid = 0.5 * (lo + hi);
      if (mid === lo || mid === hi) break;
      integ.denseAll(mid, this.probe);
      this.rhs(mid, this.probe, this.probeRate);
      if ((this.probeRate[I] as number) > 0) lo = mid;
      else hi = mid;
    }
    const tPeak = 0.5 * (lo + hi);
    const iPeak = integ.dense(I, tPeak);
    if (iPeak > this.peakI) {
      this.peakI = iPeak;
      this.peakT = tPeak;
    }
  }

  observe(reuse?: SeriesBuffers): Frame {
    const { p, integ } = this;
    const y = integ.y;
    return {
      work: integ.t,
      progress: Math.min(1, integ.t / p.tMax),
      done: this.done,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        time: integ.t,
        peakPrevalence: this.peakI / p.N,
        peakTime: this.peakT,
        finalSize: (p.N - (y[V] as number) - (y[S] as number)) / p.N,
        // From the last change of R0 on, if nothing changes again; not defined while (or before)
        // people are vaccinated during the outbreak, which the relation does not describe.
        finalSizeExact: this.relationHolds()
          ? 1 - (y[V] as number) / p.N - finalSusceptible(this.effectiveR0, this.anchorS, this.anchorInfected)
          : NaN,
        herdImmunityThreshold: herdImmunityThreshold(p.R0),
        effectiveR: (this.effectiveR0 * (y[S] as number)) / p.N,
        stillInfectious: ((y[E] as number) + (y[I] as number)) / p.N,
      },
    };
  }

  /**
   * Whether the final-size relation gives the end state from the anchor: the rates in force now
   * stay so for the rest of the run (no switch before tMax), and nobody is vaccinated now or later.
   */
  private relationHolds(): boolean {
    const p = this.p;
    const vaccinating = p.vaccinationRate > 0 && p.vaccinationStart < p.tMax;
    return !vaccinating && this.nextSwitch(this.integ.t) >= p.tMax;
  }

  setLiveParams(params: SirParams): void {
    const r0Changed = params.R0 !== this.p.R0;
    this.p = { ...params };
    this.integ.hmax = this.stepCap();
    this.enterInterval();
    if (r0Changed) this.anchorHere();
  }

  snapshot(): Snapshot {
    const snap: SirSnapshot = {
      params: { ...this.p },
      integ: this.integ.snapshot(),
      store: this.store.snapshot(),
      nextObs: this.nextObs,
      peak: [this.peakI, this.peakT],
      anchor: [this.anchorS, this.anchorInfected],
    };
    return snap;
  }

  restore(snap: Snapshot): void {
    const s = snap as unknown as SirSnapshot;
    this.p = { ...s.params };
    this.integ.hmax = this.stepCap();
    this.integ.restore(s.integ);
    this.setRates(this.integ.t);
    this.store.restore(s.store);
    this.nextObs = s.nextObs;
    [this.peakI, this.peakT] = s.peak;
    [this.anchorS, this.anchorInfected] = s.anchor;
  }
}

export const sirEngine = defineEngine(sirSpec, (params) => new SirRun(params));
