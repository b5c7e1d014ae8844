/**
 * The theremin-circuit engine: the RF circuits of rf-circuit.ts run for `duration` milliseconds,
 * the audio recorded at 131 kHz, the frequencies measured from the waveforms. The work unit is a
 * microsecond of circuit time. See README.md beside this file.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { beatFrequency, pitchFrequency } from './circuit.ts';
import { DECIMATION, RfCircuit, SAMPLE_RATE } from './rf-circuit.ts';
import { thereminCircuitSpec, type ThereminCircuitParams } from './spec.ts';
import { PICO, pitchCircuitOf, VOLUME_TANK } from './values.ts';

const SERIES = ['t', 'audio', 'level', 'output'] as const;
const SAMPLES_PER_US = SAMPLE_RATE / 1e6;

export function rfCircuitOf(p: ThereminCircuitParams): RfCircuit {
  return new RfCircuit({
    pitch: pitchCircuitOf(p),
    volume: VOLUME_TANK,
    handCapacitance: p.handCapacitance * PICO,
    volumeHandCapacitance: p.volumeHandCapacitance * PICO,
    mixLevel: p.mixLevel,
    filterCutoff: p.filterCutoff * 1e3,
  });
}

interface CircuitSnapshot {
  readonly params: ThereminCircuitParams;
  readonly circuit: ReturnType<RfCircuit['snapshot']>;
  readonly store: SeriesSnapshot;
}

class CircuitRun implements EngineInstance<ThereminCircuitParams> {
  private p: ThereminCircuitParams;
  private readonly circuit: RfCircuit;
  private readonly total: number;
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);

  constructor(params: ThereminCircuitParams) {
    this.p = { ...params };
    this.circuit = rfCircuitOf(params);
    this.total = Math.round((params.duration * 1e-3 * SAMPLE_RATE) / DECIMATION) * DECIMATION;
    this.record();
  }

  private record(): void {
    const c = this.circuit;
    this.row[0] = (c.n / SAMPLE_RATE) * 1e3;
    this.row[1] = c.audio;
    this.row[2] = c.volumeLevel;
    this.row[3] = c.output;
    this.store.push(this.row);
  }

  advance(budget: number): AdvanceResult {
    const c = this.circuit;
    const start = c.n;
    const end = Math.min(this.total, start + Math.max(1, Math.round(budget * SAMPLES_PER_US)));
    // Step to each recording point in turn, so the record does not depend on how work is split.
    while (c.n < end) {
      const nextRecord = (Math.floor(c.n / DECIMATION) + 1) * DECIMATION;
      const to = Math.min(end, nextRecord);
      c.run(to - c.n);
      if (c.n === nextRecord) this.record();
    }
    return { work: (c.n - start) / SAMPLES_PER_US, done: c.n >= this.total, progress: c.n / this.total };
  }

  observe(reuse?: SeriesBuffers): Frame {
    const c = this.circuit;
    const pitch = pitchCircuitOf(this.p);
    return {
      work: c.n / SAMPLES_PER_US,
      progress: c.n / this.total,
      done: c.n >= this.total,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        pitchFrequency: c.pitchMeter.frequency / 1e3,
        fixedFrequency: c.fixedMeter.frequency / 1e3,
        beatFrequency: Math.abs(c.fixedMeter.frequency - c.pitchMeter.frequency),
        audioFrequency: c.audioMeter.frequency,
        volumeFrequency: c.volumeMeter.frequency / 1e3,
        volumeLevel: c.volumeLevel,
        predictedPitchFrequency: pitchFrequency(pitch, this.p.handCapacitance * PICO) / 1e3,
        predictedBeatFrequency: beatFrequency(pitch, this.p.handCapacitance * PICO),
      },
    };
  }

  setLiveParams(params: ThereminCircuitParams): void {
    this.p = { ...params };
    this.circuit.setHands(params.handCapacitance * PICO, params.volumeHandCapacitance * PICO);
  }

  snapshot(): Snapshot {
    return { params: this.p, circuit: this.circuit.snapshot(), store: this.store.snapshot() } satisfies CircuitSnapshot;
  }

  restore(snapshot: Snapshot): void {
    const s = snapshot as CircuitSnapshot;
    this.p = { ...s.params };
    this.circuit.setHands(s.params.handCapacitance * PICO, s.params.volumeHandCapacitance * PICO);
    this.circuit.restore(s.circuit);
    this.store.restore(s.store);
  }
}

export const thereminCircuitEngine = defineEngine(thereminCircuitSpec, (params) => new CircuitRun(params));
