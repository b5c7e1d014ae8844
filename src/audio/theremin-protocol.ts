/** What the page hands the theremin worklet when it creates the node (structured-cloned once). */
import type { PitchCircuit, VolumeCircuit } from '../../simulations/theremin-circuit/circuit.ts';
import type { HandCurve } from '../../simulations/theremin-circuit/voice.ts';

export interface ThereminProcessorOptions {
  readonly pitch: PitchCircuit;
  readonly volume: VolumeCircuit;
  readonly pitchHand: HandCurve;
  readonly volumeHand: HandCurve;
  readonly mixLevel: number;
  readonly filterCutoff: number;
}

/** The processor's registered name. */
export const THEREMIN_PROCESSOR = 'theremin';
