/**
 * The theremin's circuits declared as data: the pitch oscillator with its antenna (and optionally
 * the series antenna coil), the fixed oscillator tuned to zero beat, the diode mixer with its
 * low-pass filter, and the volume circuit. The model (index.ts, rf-circuit.ts) loads in the worker.
 */
import { defineSpec } from '../core/engine.ts';
import type { ParamError, ParamSchema, ParamValues } from '../core/params.ts';
import { coilDetuning } from './circuit.ts';
import { pitchCircuitOf } from './values.ts';

export const thereminCircuitParams = {
  inductance: { kind: 'number', default: 2, min: 0.1, max: 20, step: 0.1, unit: 'mH', label: 'thereminCircuit.param.inductance', live: false },
  tankCapacitance: { kind: 'number', default: 100, min: 10, max: 1000, step: 1, unit: 'pF', label: 'thereminCircuit.param.tankCapacitance', live: false },
  /** The antenna with its lead, hand far away (the rod alone is about 5–6 pF: the field engine). */
  antennaCapacitance: { kind: 'number', default: 10, min: 1, max: 100, step: 0.1, unit: 'pF', label: 'thereminCircuit.param.antennaCapacitance', live: false },
  /** What the hand adds to the antenna's capacitance (the field engine computes it from the distance). */
  handCapacitance: { kind: 'number', default: 0.5, min: 0, max: 50, step: 0.01, unit: 'pF', label: 'thereminCircuit.param.handCapacitance', live: true },
  coil: { kind: 'boolean', default: false, label: 'thereminCircuit.param.coil', live: false },
  /** The series antenna coil; the default puts the branch's series resonance 5 % below the oscillator. */
  coilInductance: { kind: 'number', default: 24, min: 1, max: 200, step: 0.1, unit: 'mH', label: 'thereminCircuit.param.coilInductance', live: false },
  /** The fixed oscillator's amplitude at the mixer relative to the pitch oscillator's: the timbre. */
  mixLevel: { kind: 'number', default: 0.8, min: 0.05, max: 1, step: 0.01, unit: '', label: 'thereminCircuit.param.mixLevel', live: false },
  filterCutoff: { kind: 'number', default: 8, min: 1, max: 40, step: 0.5, unit: 'kHz', label: 'thereminCircuit.param.filterCutoff', live: false },
  volumeHandCapacitance: { kind: 'number', default: 0, min: 0, max: 20, step: 0.01, unit: 'pF', label: 'thereminCircuit.param.volumeHandCapacitance', live: true },
  duration: { kind: 'number', default: 20, min: 0.05, max: 200, step: 0.05, unit: 'ms', label: 'thereminCircuit.param.duration', live: false },
} as const satisfies ParamSchema;

export type ThereminCircuitParams = ParamValues<typeof thereminCircuitParams>;

function crossCheck(p: ThereminCircuitParams): ParamError[] {
  // The coil linearises only with the branch's series resonance below the oscillator (see circuit.ts).
  if (p.coil && !(coilDetuning(pitchCircuitOf(p)) > 1.0001)) {
    return [{ param: 'coilInductance', value: p.coilInductance, allowed: { rule: 'thereminCircuit.rule.coilBelowOscillator' }, code: 'constraint' }];
  }
  return [];
}

export const thereminCircuitSpec = defineSpec({
  id: 'theremin-circuit',
  version: '0.1.0',
  label: 'thereminCircuit.name',
  stochastic: false,
  params: thereminCircuitParams,
  crossCheck,
  urlFormat: { version: 1, renames: {} },
  presets: {
    default: {},
    /** The hand far away: the two oscillators agree and there is no tone. */
    'zero-beat': { handCapacitance: 0 },
    /** An Etherwave-like antenna coil. */
    coil: { coil: true },
    /** A hand close to the antenna and one near the volume loop. */
    'close-and-quiet': { handCapacitance: 2, volumeHandCapacitance: 0.3 },
  },
  workUnit: { unit: 'us', label: 'work.microseconds', perSecond: 2000, step: 10 },
  observables: {
    series: {
      t: { label: 'thereminCircuit.obs.t', unit: 'ms' },
      audio: { label: 'thereminCircuit.obs.audio', unit: 'V' },
      level: { label: 'thereminCircuit.obs.level', unit: 'fraction' },
      output: { label: 'thereminCircuit.obs.output', unit: 'V' },
    },
    summary: {
      pitchFrequency: { label: 'thereminCircuit.obs.pitchFrequency', unit: 'kHz' },
      fixedFrequency: { label: 'thereminCircuit.obs.fixedFrequency', unit: 'kHz' },
      beatFrequency: { label: 'thereminCircuit.obs.beatFrequency', unit: 'Hz' },
      audioFrequency: { label: 'thereminCircuit.obs.audioFrequency', unit: 'Hz' },
      volumeFrequency: { label: 'thereminCircuit.obs.volumeFrequency', unit: 'kHz' },
      volumeLevel: { label: 'thereminCircuit.obs.volumeLevel', unit: 'fraction' },
      predictedPitchFrequency: { label: 'thereminCircuit.obs.predictedPitchFrequency', unit: 'kHz' },
      predictedBeatFrequency: { label: 'thereminCircuit.obs.predictedBeatFrequency', unit: 'Hz' },
    },
  },
});
