/**
 * The jamming engine: N bidisperse soft disks dropped at random at φ_start, relaxed by FIRE, then
 * compressed (or decompressed) toward the target φ in steps of φ_step with a full relaxation after
 * each step. Every finished relaxation is one observation: φ, the pressure, the contact number Z
 * of the non-rattlers, the energy per disk and the share of rattlers. The work unit is one FIRE
 * step; the target φ may change while it runs. See README.md beside this file.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { Rng } from '../core/rng.ts';
import { SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { contactNetwork, isostaticContacts, type ContactNetwork } from './contacts.ts';
import { Fire } from './fire.ts';
import type { Packing } from './packing.ts';
import { randomPacking } from './protocols.ts';
import { jammingSpec, MAX_STEPS_PER_RELAXATION, type JammingParams } from './spec.ts';

const SERIES = ['phi', 'pressure', 'z', 'energy', 'rattlers'] as const;
/** FIRE steps per call of the minimiser inside advance(): results do not depend on it. */
const CHUNK = 256;

interface JammingSnapshot {
  readonly params: JammingParams;
  readonly x: number[];
  readonly y: number[];
  readonly box: number;
  readonly fire: ReturnType<Fire['snapshot']>;
  readonly store: SeriesSnapshot;
  readonly steps: number;
  readonly relaxations: number;
  readonly lastConverged: boolean;
  readonly settled: boolean;
}

class JammingRun implements EngineInstance<JammingParams> {
  private p: JammingParams;
  private readonly packing: Packing;
  private readonly fire: Fire;
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);
  /** FIRE steps since the start (the Fire object counts those of the current relaxation only). */
  private steps = 0;
  private relaxations = 0;
  private lastConverged = false;
  /** Relaxed at the target φ: nothing left to do until the target moves. */
  private settled = false;
  private network: ContactNetwork | undefined;

  constructor(params: JammingParams, seed: number, stream: number) {
    this.p = { ...params };
    this.packing = randomPacking(params.N, params.phiStart, params.potential === 'hertz' ? 2.5 : 2, Rng.stream(seed, stream));
    this.fire = new Fire(this.packing);
  }

  private get target(): number {
    return this.p.phi;
  }

  advance(budget: number): AdvanceResult {
    const start = this.steps;
    while (!this.settled && this.steps - start < budget) {
      const before = this.fire.steps;
      const converged = this.fire.run(Math.min(CHUNK, budget - (this.steps - start)), this.p.forceTolerance);
      this.steps += this.fire.steps - before;
      if (converged || this.fire.steps >= MAX_STEPS_PER_RELAXATION) this.finishRelaxation(converged);
    }
    return { work: this.steps - start, done: this.settled, progress: this.progress };
  }

  /** Records the relaxed state, then takes the next step in φ (or settles at the target). */
  private finishRelaxation(converged: boolean): void {
    const pk = this.packing;
    this.lastConverged = converged;
    this.relaxations++;
    this.network = contactNetwork(pk);
    this.row[0] = pk.packingFraction;
    this.row[1] = pk.pressure;
    this.row[2] = this.network.z;
    this.row[3] = pk.energy / pk.n;
    this.row[4] = 1 - this.network.backbone / pk.n;
    this.store.push(this.row);
    this.stepTowardTarget();
  }

  /** One step in φ toward the target and a fresh relaxation, or settling when it is reached. */
  private stepTowardTarget(): void {
    const pk = this.packing;
    const gap = this.target - pk.packingFraction;
    if (Math.abs(gap) <= 1e-12) {
      this.settled = true;
      return;
    }
    pk.setPackingFraction(pk.packingFraction + Math.sign(gap) * Math.min(this.p.phiStep, Math.abs(gap)));
    this.fire.reset();
  }

  private get progress(): number {
    const total = Math.abs(this.target - this.p.phiStart);
    if (this.settled || total === 0) return this.settled ? 1 : 0;
    return Math.min(1, Math.abs(this.packing.packingFraction - this.p.phiStart) / total);
  }

  observe(reuse?: SeriesBuffers): Frame {
    const pk = this.packing;
    const net = this.network ?? contactNetwork(pk);
    this.network = net;
    return {
      work: this.steps,
      progress: this.progress,
      done: this.settled,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        phi: pk.packingFraction,
        pressure: pk.pressure,
        z: net.z,
        energy: pk.energy / pk.n,
        contacts: net.contacts,
        isostatic: isostaticContacts(net.backbone),
        relaxed: this.lastConverged ? 1 : 0,
        relaxations: this.relaxations,
      },
      fields: {
        x: Float32Array.from(pk.x),
        y: Float32Array.from(pk.y),
        diameter: Float32Array.from(pk.diameter),
        box: Float64Array.of(pk.box),
        contactI: net.i.slice(),
        contactJ: net.j.slice(),
        contactForce: Float32Array.from(net.force),
        rattler: net.rattler.slice(),
      },
    };
  }

  setLiveParams(params: JammingParams): void {
    const moved = params.phi !== this.p.phi;
    this.p = { ...params };
    if (moved && this.settled) {
      // A new target: step toward it from the relaxed (and recorded) state.
      this.settled = false;
      this.stepTowardTarget();
    }
  }

  snapshot(): Snapshot {
    const pk = this.packing;
    return {
      params: this.p, x: Array.from(pk.x), y: Array.from(pk.y), box: pk.box, fire: this.fire.snapshot(), store: this.store.snapshot(),
      steps: this.steps, relaxations: this.relaxations, lastConverged: this.lastConverged, settled: this.settled,
    } satisfies JammingSnapshot;
  }

  restore(snapshot: Snapshot): void {
    const s = snapshot as JammingSnapshot;
    this.p = { ...s.params };
    this.packing.x.set(s.x);
    this.packing.y.set(s.y);
    this.packing.box = s.box;
    this.fire.restore(s.fire);
    this.store.restore(s.store);
    this.steps = s.steps;
    this.relaxations = s.relaxations;
    this.lastConverged = s.lastConverged;
    this.settled = s.settled;
    this.network = undefined;
  }
}

export const jammingEngine = defineEngine(jammingSpec, (params, seed, stream = 0) => new JammingRun(params, seed, stream));
