/**
 * Where the notes are: the beat frequency against the hand's distance from the antenna, from the
 * field solver's capacitance curve and the pitch circuit's resonance, and the inverse — the
 * distance at which the instrument sounds a given frequency.
 */
import { exp, log } from '../core/math.ts';
import { beatFrequency, type PitchCircuit } from './circuit.ts';
import { handCapacitanceAt, type HandCurve } from './voice.ts';

/** The beat (Hz) with the hand `gap` metres from the antenna. */
export function beatAtGap(pitch: PitchCircuit, curve: HandCurve, gap: number): number {
  return beatFrequency(pitch, handCapacitanceAt(curve, gap));
}

/**
 * The gap (m) at which the beat is `frequency` (Hz), by bisection on log(gap) over the curve's
 * range (the beat falls monotonically with the gap); undefined when the note lies outside it.
 */
export function gapForBeat(pitch: PitchCircuit, curve: HandCurve, frequency: number): number | undefined {
  let near = log(curve.gap[0] as number);
  let far = log(curve.gap[curve.gap.length - 1] as number);
  const at = (logGap: number) => beatAtGap(pitch, curve, exp(logGap));
  if (!(frequency <= at(near) && frequency >= at(far))) return undefined;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (near + far);
    if (at(mid) > frequency) near = mid;
    else far = mid;
  }
  return exp(0.5 * (near + far));
}
