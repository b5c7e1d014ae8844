/**
 * The theremin as a real-time engine: the sound of the circuits of rf-circuit.ts, made at audio
 * rate without ever sampling the radio frequencies (which would alias into the audio band).
 *
 * What the RF simulation shows, this reproduces in the baseband. The diode mixer and the low-pass
 * leave the envelope of v1 + k·v2 divided by π, E(φ) = |1 + k e^{iφ}| / π, where φ is the phase
 * difference of the two oscillators, advancing at the beat frequency. So the voice advances φ at
 * the beat frequency the circuit's resonance gives for the hand's capacitance (circuit.ts), reads
 * E(φ) from a wavetable, and runs it through the same audio filter (4th-order Butterworth and the
 * 20 Hz coupling capacitor, by the bilinear transform) and the same volume control.
 *
 * Real-time rules: process() allocates nothing and calls no function that does; every table is
 * built when the voice is made. The wavetables are band-limited (a set of tables holding the first
 * 1, 2, 4 … 512 harmonics of E; each block uses the richest whose harmonics stay below 0.45 of the
 * sample rate at its highest pitch), so high notes do not alias. Pitch and volume glide to each new
 * hand position with a 4 ms time constant, and the phase is continuous, so nothing clicks. A peak
 * limiter keeps the output under LIMIT_CEILING whatever the settings.
 */
import { cos, exp, log, sin } from '../core/math.ts';
import { beatFrequency, vcaGain, volumeLevel, type PitchCircuit, type VolumeCircuit } from './circuit.ts';

/** Samples per wavetable (plus one, repeating the first, for interpolation across the wrap). */
const TABLE_SIZE = 4096;
/** Tables holding the first 2^m harmonics, m = 0 … TABLE_LEVELS − 1. */
const TABLE_LEVELS = 10;
/** Harmonics are kept below this fraction of the sample rate. */
const NYQUIST_MARGIN = 0.45;
const GLIDE_SECONDS = 0.004;
const LIMIT_CEILING = 0.5;
const LIMIT_RELEASE_SECONDS = 0.08;
const HIGH_PASS_HZ = 20;
/** Q of the two sections of a 4th-order Butterworth low-pass (as in rf-circuit.ts). */
const BUTTERWORTH_Q = [0.5411961001461969, 1.3065629648763766] as const;

/** A hand's capacitance against its distance from an antenna: gaps (m) ascending, capacitances (F). */
export interface HandCurve {
  readonly gap: Float64Array;
  readonly capacitance: Float64Array;
}

export interface VoiceSetup {
  readonly sampleRate: number;
  readonly pitch: PitchCircuit;
  readonly volume: VolumeCircuit;
  readonly pitchHand: HandCurve;
  readonly volumeHand: HandCurve;
  /** Fixed oscillator's level at the mixer (the timbre), as in the RF model. */
  readonly mixLevel: number;
  /** The audio low-pass's cutoff (Hz). */
  readonly filterCutoff: number;
}

/**
 * The hand's capacitance at `gap` (m), interpolated on log–log axes (the curve is close to a power
 * law). Nearer than the curve: its nearest value. Farther: the power law of its last two points.
 */
export function handCapacitanceAt(curve: HandCurve, gap: number): number {
  const { gap: g, capacitance: c } = curve;
  const n = g.length;
  if (!(gap > (g[0] as number))) return c[0] as number;
  let i = 1;
  while (i < n - 1 && (g[i] as number) < gap) i++;
  const x0 = log(g[i - 1] as number);
  const x1 = log(g[i] as number);
  const y0 = log(c[i - 1] as number);
  const y1 = log(c[i] as number);
  return exp(y0 + ((y1 - y0) * (log(gap) - x0)) / (x1 - x0));
}

/** A biquad section in transposed direct form II. */
class Biquad {
  b0 = 1; b1 = 0; b2 = 0; a1 = 0; a2 = 0;
  private z1 = 0;
  private z2 = 0;

  /** The bilinear transform of ωc²/(s² + (ωc/Q)s + ωc²), prewarped so the cutoff is exact. */
  setLowPass(cutoff: number, q: number, sampleRate: number): void {
    const w = (Math.PI * cutoff) / sampleRate;
    const k = sin(w) / cos(w);
    const norm = 1 / (1 + k / q + k * k);
    this.b0 = k * k * norm;
    this.b1 = 2 * this.b0;
    this.b2 = this.b0;
    this.a1 = 2 * (k * k - 1) * norm;
    this.a2 = (1 - k / q + k * k) * norm;
  }

  process(x: number): number {
    const y = this.b0 * x + this.z1;
    this.z1 = this.b1 * x - this.a1 * y + this.z2;
    this.z2 = this.b2 * x - this.a2 * y;
    return y;
  }
}

export class ThereminVoice {
  readonly sampleRate: number;
  private pitch: PitchCircuit;
  private readonly volume: VolumeCircuit;
  private readonly pitchHand: HandCurve;
  private readonly volumeHand: HandCurve;
  private readonly tables: Float32Array[] = [];
  private readonly sections = [new Biquad(), new Biquad()] as const;
  private readonly glide: number;
  private readonly release: number;
  private readonly highPass: number;
  private phase = 0;
  private frequency = 0;
  private amplitude = 0;
  private targetFrequency = 0;
  private targetAmplitude = 0;
  private highPassState = 0;
  private highPassInput = 0;
  private limiterGain = 1;
  /** The beat frequency (Hz) and the amplifier gain the hands ask for now. */
  get beat(): number { return this.targetFrequency; }
  get loudness(): number { return this.targetAmplitude; }

  constructor(setup: VoiceSetup) {
    this.sampleRate = setup.sampleRate;
    this.pitch = setup.pitch;
    this.volume = setup.volume;
    this.pitchHand = setup.pitchHand;
    this.volumeHand = setup.volumeHand;
    this.glide = 1 - exp(-1 / (GLIDE_SECONDS * setup.sampleRate));
    this.release = 1 - exp(-1 / (LIMIT_RELEASE_SECONDS * setup.sampleRate));
    this.highPass = 1 / (1 + (2 * Math.PI * HIGH_PASS_HZ) / setup.sampleRate);
    this.buildTables(setup.mixLevel);
    this.setFilter(setup.filterCutoff);
  }

  /**
   * The envelope E(φ) = |1 + k e^{iφ}|/π as cosine series, summed into tables of 1, 2, 4 … 512
   * harmonics. Its mean is left out: the coupling capacitor removes it in the circuit too.
   */
  private buildTables(k: number): void {
    const samples = 2 * TABLE_SIZE;
    const envelope = new Float64Array(samples);
    const cosine = new Float64Array(samples);
    for (let j = 0; j < samples; j++) {
      cosine[j] = cos((2 * Math.PI * j) / samples);
      envelope[j] = Math.sqrt(1 + k * k + 2 * k * (cosine[j] as number)) / Math.PI;
    }
    const maxHarmonic = 1 << (TABLE_LEVELS - 1);
    const coefficient = new Float64Array(maxHarmonic + 1);
    for (let n = 1; n <= maxHarmonic; n++) {
      let sum = 0;
      for (let j = 0; j < samples; j++) sum += (envelope[j] as number) * (cosine[(n * j) % samples] as number);
      coefficient[n] = (2 * sum) / samples;
    }
    const running = new Float64Array(TABLE_SIZE);
    let from = 1;
    this.tables.length = 0;
    for (let level = 0; level < TABLE_LEVELS; level++) {
      const upTo = 1 << level;
      for (let n = from; n <= upTo; n++) {
        const a = coefficient[n] as number;
        for (let j = 0; j < TABLE_SIZE; j++) running[j] = (running[j] as number) + a * (cosine[((2 * n * j) % samples)] as number);
      }
      from = upTo + 1;
      const table = new Float32Array(TABLE_SIZE + 1);
      for (let j = 0; j < TABLE_SIZE; j++) table[j] = running[j] as number;
      table[TABLE_SIZE] = table[0] as number;
      this.tables.push(table);
    }
  }

  private setFilter(cutoff: number): void {
    this.sections[0].setLowPass(cutoff, BUTTERWORTH_Q[0], this.sampleRate);
    this.sections[1].setLowPass(cutoff, BUTTERWORTH_Q[1], this.sampleRate);
  }

  /** Switches the antenna coil in or out (a new pitch circuit); the tone glides to its new pitch. */
  setPitchCircuit(pitch: PitchCircuit): void {
    this.pitch = pitch;
  }

  /**
   * Where the hands are now (m from each antenna): the targets the tone glides to. Call once per
   * block; it allocates nothing.
   */
  setHands(pitchGap: number, volumeGap: number): void {
    this.targetFrequency = beatFrequency(this.pitch, handCapacitanceAt(this.pitchHand, pitchGap));
    this.targetAmplitude = vcaGain(volumeLevel(this.volume, handCapacitanceAt(this.volumeHand, volumeGap)));
  }

  /** Starts at the targets at once (no glide from silence at the first block). */
  jumpToTargets(): void {
    this.frequency = this.targetFrequency;
    this.amplitude = this.targetAmplitude;
  }

  /** Writes `out.length` samples scaled by `gain`. Allocation-free. */
  render(out: Float32Array, gain: number): void {
    const rate = this.sampleRate;
    const highest = Math.max(this.frequency, this.targetFrequency, 1);
    let level = 0;
    while (level < TABLE_LEVELS - 1 && (1 << (level + 1)) * highest < NYQUIST_MARGIN * rate) level++;
    const table = this.tables[level] as Float32Array;
    const [s1, s2] = this.sections;
    for (let i = 0; i < out.length; i++) {
      this.frequency += (this.targetFrequency - this.frequency) * this.glide;
      this.amplitude += (this.targetAmplitude - this.amplitude) * this.glide;
      this.phase += this.frequency / rate;
      if (this.phase >= 1) this.phase -= 1;
      const x = this.phase * TABLE_SIZE;
      const j = x | 0;
      const raw = (table[j] as number) + (x - j) * ((table[j + 1] as number) - (table[j] as number));
      const filtered = s2.process(s1.process(raw));
      // The coupling capacitor: a one-pole high-pass.
      this.highPassState = this.highPass * (this.highPassState + filtered - this.highPassInput);
      this.highPassInput = filtered;
      const y = this.highPassState * this.amplitude * gain;
      // Peak limiter: the gain drops at once to keep |y| under the ceiling and recovers slowly.
      const peak = Math.abs(y) * this.limiterGain;
      if (peak > LIMIT_CEILING) this.limiterGain = LIMIT_CEILING / Math.abs(y);
      else this.limiterGain += (1 - this.limiterGain) * this.release;
      out[i] = y * this.limiterGain;
    }
  }
}
