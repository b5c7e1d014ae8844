/**
 * The real-time voice (the engine inside the AudioWorklet), rendered in Node: its pitch is the
 * circuit model's beat, it glides without clicks, and its limiter holds the level.
 */
import { describe, expect, it } from 'vitest';
import { beatFrequency } from '../../simulations/theremin-circuit/circuit.ts';
import { handCapacitanceAt, ThereminVoice, type HandCurve } from '../../simulations/theremin-circuit/voice.ts';
import { pitchCircuitOf, VOLUME_TANK } from '../../simulations/theremin-circuit/values.ts';

const RATE = 48_000;
const BLOCK = 128;
/** A hand curve of the shape the field solver gives (roughly ∝ 1/gap), in metres and farads. */
const HAND: HandCurve = {
  gap: Float64Array.from([0.01, 0.03, 0.1, 0.3, 0.6]),
  capacitance: Float64Array.from([4e-12, 1.8e-12, 0.7e-12, 0.22e-12, 0.1e-12]),
};

function voice(coil = false): ThereminVoice {
  const pitch = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil, coilInductance: 24 });
  return new ThereminVoice({ sampleRate: RATE, pitch, volume: VOLUME_TANK, pitchHand: HAND, volumeHand: HAND, mixLevel: 0.8, filterCutoff: 8000 });
}

/** Renders `blocks` blocks with the hands where `hands(block)` says. */
function render(v: ThereminVoice, blocks: number, hands: (b: number) => [number, number], gain = 1): Float32Array {
  const out = new Float32Array(blocks * BLOCK);
  const block = new Float32Array(BLOCK);
  for (let b = 0; b < blocks; b++) {
    v.setHands(...hands(b));
    if (b === 0) v.jumpToTargets();
    v.render(block, gain);
    out.set(block, b * BLOCK);
  }
  return out;
}

/** Mean frequency from upward zero crossings in [from, to). */
function measuredFrequency(x: Float32Array, from: number, to = x.length): number {
  let n = 0, first = 0, last = 0;
  for (let i = from + 1; i < to; i++) {
    if (x[i - 1]! < 0 && x[i]! >= 0) {
      const t = i - x[i]! / (x[i]! - x[i - 1]!);
      if (n === 0) first = t;
      last = t;
      n++;
    }
  }
  return ((n - 1) / (last - first)) * RATE;
}

describe('theremin voice (simulations/theremin-circuit/voice.ts)', () => {
  it("sounds the circuit model's beat frequency within 1 % at several hand positions, with and without the coil", () => {
    for (const coil of [false, true]) {
      for (const gap of [0.02, 0.08, 0.2, 0.45]) {
        const v = voice(coil);
        const x = render(v, 200, () => [gap, 0.6]);
        const pitch = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil, coilInductance: 24 });
        const expected = beatFrequency(pitch, handCapacitanceAt(HAND, gap));
        expect(Math.abs(measuredFrequency(x, 4800) / expected - 1), `coil ${coil}, gap ${gap} m`).toBeLessThan(0.01);
      }
    }
  });

  it('interpolates the hand curve as a power law and keeps the nearest value inside its range', () => {
    expect(handCapacitanceAt(HAND, 0.1)).toBeCloseTo(0.7e-12, 20);
    expect(handCapacitanceAt(HAND, 0.001)).toBe(4e-12);
    const mid = handCapacitanceAt(HAND, Math.sqrt(0.1 * 0.3));
    expect(mid).toBeCloseTo(Math.sqrt(0.7e-12 * 0.22e-12), 18);
    expect(handCapacitanceAt(HAND, 1.2)).toBeLessThan(0.1e-12);
  });

  it('glides to a new hand position without a click: no sample-to-sample jump larger than in steady play', () => {
    const v = voice();
    const steady = render(v, 100, () => [0.3, 0.6]);
    let steadyStep = 0;
    for (let i = 1; i < steady.length; i++) steadyStep = Math.max(steadyStep, Math.abs(steady[i]! - steady[i - 1]!));
    // The hand jumps from 30 cm to 2 cm (about four octaves up) and the volume hand from far to mid.
    const v2 = voice();
    const moved = render(v2, 200, (b) => (b < 100 ? [0.3, 0.6] : [0.02, 0.1]));
    let jumpStep = 0;
    for (let i = 100 * BLOCK; i < 100 * BLOCK + 480; i++) jumpStep = Math.max(jumpStep, Math.abs(moved[i]! - moved[i - 1]!));
    // The first samples after the move change no faster than the higher note itself will.
    let highStep = 0;
    for (let i = 180 * BLOCK; i < moved.length; i++) highStep = Math.max(highStep, Math.abs(moved[i]! - moved[i - 1]!));
    expect(jumpStep).toBeLessThanOrEqual(Math.max(steadyStep, highStep) * 1.05);
    // The phase stays continuous: the waveform right after the move continues the one before it.
    expect(Math.abs(moved[100 * BLOCK]! - moved[100 * BLOCK - 1]!)).toBeLessThanOrEqual(steadyStep * 1.05);
  });

  it('is silent with the volume hand at the loop, and the limiter holds the peak at 0.5 whatever the gain', () => {
    const quiet = render(voice(), 100, () => [0.1, 0.005]);
    expect(Math.max(...quiet.subarray(40 * BLOCK).map(Math.abs))).toBe(0);
    const loud = render(voice(), 300, (b) => [b % 2 ? 0.01 : 0.5, 0.6], 1);
    expect(Math.max(...loud.map(Math.abs))).toBeLessThanOrEqual(0.5 + 1e-7);
  });
});
