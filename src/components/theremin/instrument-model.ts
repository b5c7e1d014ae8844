/**
 * The instrument's model on the page: which frequency sounds with the hand where, and where each
 * note lies — the circuit's resonance (simulations/theremin-circuit/circuit.ts) on the field
 * solver's capacitance curve. Microseconds of arithmetic, the same the worklet does for the sound.
 */
import { type PitchCircuit } from '../../../simulations/theremin-circuit/circuit.ts';
import { beatAtGap, gapForBeat } from '../../../simulations/theremin-circuit/pitch-map.ts';
import { defaultsOf } from '../../../simulations/core/params.ts';
import { thereminCircuitParams } from '../../../simulations/theremin-circuit/spec.ts';
import { PICO, pitchCircuitOf } from '../../../simulations/theremin-circuit/values.ts';
import type { HandCurve } from '../../../simulations/theremin-circuit/voice.ts';
import { frequencyOfMidi, noteName } from '../../lib/music.ts';
import type { HandCurveData } from './hand-curve.ts';

export const CM = 0.01;

/** The SI curve the voice and the pitch map take (gaps in m, capacitances in F). */
export function handCurveOf(data: HandCurveData): HandCurve {
  return { gap: Float64Array.from(data.gap, (g) => g * CM), capacitance: Float64Array.from(data.handCapacitance, (c) => c * PICO) };
}

/** The lesson's pitch circuit (the engine's defaults), with or without the antenna coil. */
export function lessonPitchCircuit(coil: boolean): PitchCircuit {
  return pitchCircuitOf({ ...defaultsOf(thereminCircuitParams), coil });
}

/** The pitch (Hz) with the hand `gapCm` from the antenna. */
export function pitchAt(pitch: PitchCircuit, curve: HandCurve, gapCm: number): number {
  return beatAtGap(pitch, curve, gapCm * CM);
}

export interface NotePosition {
  readonly midi: number;
  readonly name: string;
  readonly frequency: number;
  /** Gap from the antenna (cm). */
  readonly gap: number;
}

/** Where the note `midi` sounds (cm), or undefined when it is out of the hand's range. */
export function notePosition(pitch: PitchCircuit, curve: HandCurve, midi: number): NotePosition | undefined {
  const frequency = frequencyOfMidi(midi);
  const gap = gapForBeat(pitch, curve, frequency);
  return gap === undefined ? undefined : { midi, name: noteName(midi), frequency, gap: gap / CM };
}

/** Every note of the equal-tempered scale the hand can reach, far to near. */
export function reachableNotes(pitch: PitchCircuit, curve: HandCurve): NotePosition[] {
  const out: NotePosition[] = [];
  for (let midi = 24; midi <= 108; midi++) {
    const p = notePosition(pitch, curve, midi);
    if (p) out.push(p);
  }
  return out;
}

/** The lesson circuit's values in words, for the captions of printed figures. */
export function circuitSettings(): { L: number; C0: number; Ca: number; La: number } {
  const p = defaultsOf(thereminCircuitParams);
  return { L: p.inductance, C0: p.tankCapacitance, Ca: p.antennaCapacitance, La: p.coilInductance };
}
