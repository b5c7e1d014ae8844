/**
 * The theremin's circuits, validated by frequencies measured from the simulated waveforms (upward
 * zero crossings, interpolated between samples, and the mixer output's spectrum) — never read back
 * from the formulas they are compared with.
 */
import { describe, expect, it } from 'vitest';
import { beatFrequency, pitchFrequency, volumeLevel } from '../../simulations/theremin-circuit/circuit.ts';
import { thereminCircuitEngine } from '../../simulations/theremin-circuit/index.ts';
import { RfCircuit, SAMPLE_RATE } from '../../simulations/theremin-circuit/rf-circuit.ts';
import { thereminCircuitParams } from '../../simulations/theremin-circuit/spec.ts';
import { chainTask } from '../../simulations/theremin-circuit/tasks.ts';
import { PICO, pitchCircuitOf, VOLUME_TANK } from '../../simulations/theremin-circuit/values.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import { runToEnd } from '../../simulations/core/engine.ts';

/**
 * Measured tank frequencies may differ from the linear resonance by the van der Pol shift μ²/16
 * ≈ 1.6·10⁻⁶ and RK4's phase error (< 10⁻⁶ at 65 samples per period); zero-crossing timing over
 * milliseconds resolves far finer. The spectrum of a 31 ms window has 32 Hz bins.
 */
const TANK_TOLERANCE = 1e-5;

function run(settings: { L?: number; C0?: number; Ca?: number; coil?: boolean; hand?: number; volumeHand?: number }, seconds: number): RfCircuit {
  const pitch = pitchCircuitOf({
    inductance: settings.L ?? 2, tankCapacitance: settings.C0 ?? 100, antennaCapacitance: settings.Ca ?? 10, coil: settings.coil ?? false, coilInductance: 24,
  });
  const c = new RfCircuit({ pitch, volume: VOLUME_TANK, handCapacitance: (settings.hand ?? 0) * PICO, volumeHandCapacitance: (settings.volumeHand ?? 0) * PICO, mixLevel: 0.8, filterCutoff: 8000 });
  c.run(Math.round(seconds * SAMPLE_RATE));
  return c;
}

describe('theremin-circuit: oscillators measured from their waveforms', () => {
  it('a plain LC tank oscillates at 1/(2π√(LC)) (several L and C, the RCA and Etherwave ranges)', () => {
    for (const [L, C0, Ca, hand] of [[2, 100, 10, 0], [2, 100, 10, 3], [5, 150, 20, 1], [1, 200, 15, 0.5]] as const) {
      const c = run({ L, C0, Ca, hand }, 0.003);
      const expected = 1 / (2 * Math.PI * Math.sqrt(L * 1e-3 * (C0 + Ca + hand) * PICO));
      expect(Math.abs(c.pitchMeter.frequency / expected - 1), `L=${L} mH, C=${C0 + Ca + hand} pF`).toBeLessThan(TANK_TOLERANCE);
    }
  });

  it('with the antenna coil, the oscillator runs on the upper mode of the coupled tanks', () => {
    for (const hand of [0, 0.5, 5]) {
      const c = run({ coil: true, hand }, 0.003);
      const pitch = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil: true, coilInductance: 24 });
      expect(Math.abs(c.pitchMeter.frequency / pitchFrequency(pitch, hand * PICO) - 1), `hand ${hand} pF`).toBeLessThan(TANK_TOLERANCE);
    }
  });

  it('the fixed oscillator is at zero beat with the hand far away (with and without the coil)', () => {
    for (const coil of [false, true]) {
      const c = run({ coil, hand: 0 }, 0.01);
      // The difference is far below the 100 Hz one could resolve in 10 ms: no tone at all.
      expect(Math.abs(c.fixedMeter.frequency - c.pitchMeter.frequency)).toBeLessThan(1);
      expect(c.audioMeter.count).toBeLessThan(2);
    }
  });

  it("the mixer output's spectral peak sits at the measured |f1 − f2|, with f1 + f2 present too", () => {
    for (const params of [{ handCapacitance: 0.5 }, { handCapacitance: 3 }, { handCapacitance: 0.5, coil: true }]) {
      const out = chainTask({ params });
      const difference = Math.abs(out.measured.fixed - out.measured.pitch);
      expect(Math.abs(out.measured.spectrumPeak - difference), JSON.stringify(params)).toBeLessThan(2);
      // The sum frequency is a peak of the banded spectrum (within a band's width).
      const sum = out.measured.fixed + out.measured.pitch;
      let nearSum = 0;
      out.spectrum.f.forEach((f, i) => { if (Math.abs(f - sum) < 0.01 * sum) nearSum = Math.max(nearSum, out.spectrum.a[i]!); });
      expect(nearSum).toBeGreaterThan(0.05);
      // The audio's pitch is the difference frequency.
      expect(Math.abs(out.measured.audio / difference - 1)).toBeLessThan(1e-3);
    }
  });

  it('the pitch rises monotonically as the hand adds capacitance (with and without the coil)', () => {
    for (const coil of [false, true]) {
      let previous = 0;
      for (const hand of [0.1, 0.3, 1, 3, 10]) {
        const c = run({ coil, hand }, 0.005);
        // The beat measured from the two oscillators' waveforms (above the audio filter's cutoff
        // at 10 pF with the coil, the audio itself is faint; its pitch is checked in the chain test).
        const f = c.fixedMeter.frequency - c.pitchMeter.frequency;
        expect(f, `coil ${coil}, ${hand} pF`).toBeGreaterThan(previous);
        previous = f;
      }
    }
  });

  it('beat sensitivity is of the order of real instruments (0.2–3 kHz per pF without the coil)', () => {
    const c = run({ hand: 0.2 }, 0.02);
    const perPf = c.audioMeter.frequency / 0.2;
    expect(perPf).toBeGreaterThan(200);
    expect(perPf).toBeLessThan(3000);
    // And it matches the small-capacitance law f_beat ≈ (f0/2)(ΔC/C).
    const f0 = c.fixedMeter.frequency;
    expect(Math.abs(c.audioMeter.frequency / ((f0 / 2) * (0.2 / 110)) - 1)).toBeLessThan(0.01);
  });

  it('the volume circuit: the hand detunes it and the measured level falls as the resonance predicts', () => {
    let previous = Infinity;
    for (const hand of [0, 0.3, 1, 3]) {
      const c = run({ volumeHand: hand }, 0.004);
      expect(c.volumeLevel).toBeLessThan(previous);
      previous = c.volumeLevel;
      expect(Math.abs(c.volumeLevel - volumeLevel(VOLUME_TANK, hand * PICO)), `${hand} pF`).toBeLessThan(0.02);
    }
  });

  it('the engine records the same audio however its work is split, and reports the resonance beside the measurement', () => {
    const params = { ...defaultsOf(thereminCircuitParams), duration: 2 };
    const a = thereminCircuitEngine.create(params, 0);
    runToEnd(a, 2000);
    const b = thereminCircuitEngine.create(params, 0);
    runToEnd(b, 37.3);
    const fa = a.observe();
    const fb = b.observe();
    expect(Array.from(fb.series['audio']!.subarray(0, fb.length))).toEqual(Array.from(fa.series['audio']!.subarray(0, fa.length)));
    expect(fa.summary['predictedBeatFrequency']).toBeCloseTo(beatFrequency(pitchCircuitOf(params), params.handCapacitance * PICO), 9);
    expect(Math.abs(fa.summary['beatFrequency']! / fa.summary['predictedBeatFrequency']! - 1)).toBeLessThan(1e-2);
  });
});
