/**
 * The circuit values behind the parameters, in SI units: one place that turns the widget's
 * millihenries and picofarads into the henries and farads the models compute with.
 */
import type { PitchCircuit, VolumeCircuit } from './circuit.ts';

export const PICO = 1e-12;
export const MILLI = 1e-3;

/** The Moog Etherwave's volume oscillator runs near 515 kHz (its manual). */
export const VOLUME_DRIVE_HZ = 515e3;
/**
 * The volume tank: antenna loop and capacitor together, and its quality factor (illustrative
 * values, chosen so that a hand a couple of centimetres from the loop silences the note and one
 * half a metre away leaves it at full volume).
 */
export const VOLUME_TANK: VolumeCircuit = { driveFrequency: VOLUME_DRIVE_HZ, quality: 100, capacitance: 20 * PICO };

export interface PitchCircuitParams {
  readonly inductance: number;
  readonly tankCapacitance: number;
  readonly antennaCapacitance: number;
  readonly coil: boolean;
  readonly coilInductance: number;
}

/** The antenna coil's quality factor ωLa/Ra at the oscillator's frequency without it. */
export const COIL_Q = 100;

export function pitchCircuitOf(p: PitchCircuitParams): PitchCircuit {
  const inductance = p.inductance * MILLI;
  const antennaCapacitance = p.antennaCapacitance * PICO;
  const coilInductance = p.coil ? p.coilInductance * MILLI : 0;
  const w = 1 / Math.sqrt(inductance * (p.tankCapacitance * PICO + antennaCapacitance));
  return { inductance, tankCapacitance: p.tankCapacitance * PICO, antennaCapacitance, coilInductance, coilResistance: (w * coilInductance) / COIL_Q };
}
