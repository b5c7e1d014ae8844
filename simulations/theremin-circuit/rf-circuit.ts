/**
 * The theremin's radio-frequency circuits in the time domain, sample by sample at 2^25 Hz
 * (about 65 samples per period of the fastest, 515 kHz, oscillator), by the classical fourth-order
 * Runge–Kutta method. Nothing here reads a frequency back from a formula: the tests measure every
 * frequency from these waveforms.
 *
 * Each oscillator is an LC tank with a gain element across it, a negative conductance that
 * saturates, i = g1·v − g3·v³ (van der Pol): it feeds in energy until the tank's swing reaches
 * A = √(4(g1 − G)/3g3) = 1 V, G being the tank's loss. The net gain is small (μ = 0.005 of the
 * tank's admittance √(C/L)), so the waveform is a clean sine and the frequency stays within
 * μ²/16 ≈ 2·10⁻⁶ of the tank's 1/(2π√(LC)).
 *
 *  pitch oscillator   C0 dv1/dt = −iL1 − ia − G1 v1 + g(v1),  L diL1/dt = v1,
 *    antenna branch   La dia/dt = v1 − qa/Ca − Ra ia,  dqa/dt = ia     (with the coil)
 *                     or Ca simply in parallel with C0               (without)
 *  fixed oscillator   the same tank without antenna, tuned to zero beat with the hand far away
 *  volume oscillator  515 kHz, driving the volume tank (L_v ∥ C_v, hand on its antenna) through a
 *                     buffer (a current g_d·v3); a diode and an RC give its rectified level
 *  mixer              an ideal diode: m = max(v1 + k·v2, 0), k the fixed oscillator's level
 *  audio filter       4th-order Butterworth low-pass at fc (two sections), then a 20 Hz
 *                     coupling capacitor that removes the DC
 *
 * The audio output is the filter's output times the amplifier's gain for the volume level (circuit.ts,
 * vcaGain), recorded every 256
 * samples (131 kHz): the filter has removed the radio frequencies (−130 dB at 330 kHz for the
 * default 8 kHz cutoff) before the recording decimates, so nothing aliases into the audio band.
 */
import { cos } from '../core/math.ts';
import { vcaGain, volumeInductance, zeroBeatCapacitance, type PitchCircuit, type VolumeCircuit } from './circuit.ts';

export const SAMPLE_RATE = 33_554_432; // 2^25 Hz
export const DT = 1 / SAMPLE_RATE;
/** The audio record keeps one sample in this many (131 072 Hz). */
export const DECIMATION = 256;
/** Net gain of each oscillator as a fraction of its tank's admittance √(C/L). */
const MU = 0.005;
/** Quality factor of the pitch and fixed tanks (their losses, which the gain element covers). */
const TANK_Q = 100;
const VOLUME_OSC_C = 100e-12;
/** The coupling capacitor's corner (Hz) and the volume detector's smoothing time (s). */
const HIGH_PASS_HZ = 20;
const DETECTOR_TAU = 0.5e-3;
/** Q of the two sections of a 4th-order Butterworth low-pass. */
const BUTTERWORTH_Q = [0.5411961001461969, 1.3065629648763766] as const;

// State layout.
const V1 = 0, IL1 = 1, IA = 2, QA = 3, V2 = 4, IL2 = 5, V3 = 6, IL3 = 7, V4 = 8, IL4 = 9;
const X1 = 10, DX1 = 11, X2 = 12, DX2 = 13, HP = 14, DET = 15;
export const STATE_SIZE = 16;

export interface RfSettings {
  readonly pitch: PitchCircuit;
  readonly volume: VolumeCircuit;
  /** Capacitance the pitch hand adds to the antenna (F). */
  readonly handCapacitance: number;
  /** Capacitance the volume hand adds to the volume antenna (F). */
  readonly volumeHandCapacitance: number;
  /** Fixed oscillator's level at the mixer relative to the pitch oscillator's. */
  readonly mixLevel: number;
  /** Audio low-pass cutoff (Hz). */
  readonly filterCutoff: number;
}

/** Counts upward zero crossings, located by linear interpolation between samples. */
export class CrossingMeter {
  count = 0;
  first = 0;
  last = 0;
  private prev = 0;
  private started = false;

  /** The sample value v at time t (s). */
  feed(v: number, t: number): void {
    if (this.started && this.prev < 0 && v >= 0) {
      const at = t - DT * (v / (v - this.prev));
      if (this.count === 0) this.first = at;
      this.last = at;
      this.count++;
    }
    this.prev = v;
    this.started = true;
  }

  /** Mean frequency over the crossings seen (Hz); NaN with fewer than two. */
  get frequency(): number {
    return this.count >= 2 ? (this.count - 1) / (this.last - this.first) : NaN;
  }

  snapshot(): number[] {
    return [this.count, this.first, this.last, this.prev, this.started ? 1 : 0];
  }

  restore(s: readonly number[]): void {
    [this.count, this.first, this.last, this.prev] = s as [number, number, number, number];
    this.started = s[4] === 1;
  }
}

/** Van der Pol constants of a tank: loss G, gain g1 and saturation g3 for a 1 V swing. */
interface GainElement { readonly G: number; readonly g1: number; readonly g3: number }

function gainElement(L: number, C: number): GainElement {
  const admittance = Math.sqrt(C / L);
  const G = admittance / TANK_Q;
  const g = MU * admittance;
  return { G, g1: G + g, g3: (4 * g) / 3 };
}

/** The current the gain element feeds into a tank at voltage v (the tank's loss G·v is separate). */
function gain(e: GainElement, v: number): number {
  return e.g1 * v - e.g3 * v * v * v;
}

export class RfCircuit {
  readonly y = new Float64Array(STATE_SIZE);
  private readonly k1 = new Float64Array(STATE_SIZE);
  private readonly k2 = new Float64Array(STATE_SIZE);
  private readonly k3 = new Float64Array(STATE_SIZE);
  private readonly k4 = new Float64Array(STATE_SIZE);
  private readonly tmp = new Float64Array(STATE_SIZE);
  /** Samples done. */
  n = 0;
  readonly pitchMeter = new CrossingMeter();
  readonly fixedMeter = new CrossingMeter();
  readonly volumeMeter = new CrossingMeter();
  readonly audioMeter = new CrossingMeter();
  /** The mixer's output, for spectra: filled from sample 0 while it has room (optional). */
  mixerRecord: Float32Array | null = null;
  /** The audio after the filter and the VCA, at the last sample. */
  output = 0;

  private readonly hasCoil: boolean;
  private readonly L: number;
  private readonly C0: number;
  private readonly Ca0: number;
  /** Antenna capacitance now (F): Ca0 plus the hand's. */
  private ca = 0;
  private readonly La: number;
  private readonly Ra: number;
  private readonly pitchGain: GainElement;
  private readonly C2: number;
  private readonly fixedGain: GainElement;
  private readonly L3: number;
  private readonly volumeGain: GainElement;
  private readonly Lv: number;
  private readonly Cv0: number;
  /** Volume tank capacitance now (F). */
  private cv = 0;
  private readonly Gv: number;
  private readonly mix: number;
  private readonly wc: number;
  private readonly wh: number;

  constructor(s: RfSettings) {
    const { pitch, volume } = s;
    this.hasCoil = pitch.coilInductance > 0;
    this.L = pitch.inductance;
    this.C0 = pitch.tankCapacitance;
    this.Ca0 = pitch.antennaCapacitance;
    this.La = pitch.coilInductance;
    this.C2 = zeroBeatCapacitance(pitch);
    const w1 = 1 / Math.sqrt(this.L * this.C2);
    this.Ra = pitch.coilResistance;
    this.fixedGain = gainElement(this.L, this.C2);
    // The pitch oscillator's gain element also covers the loss in the antenna coil (its resistance
    // seen across the tank at the operating frequency, Re 1/(Ra + jX)), so both swing about 1 V.
    const X = w1 * this.La - 1 / (w1 * this.Ca0);
    const branchLoss = this.hasCoil ? this.Ra / (this.Ra * this.Ra + X * X) : 0;
    this.pitchGain = { ...this.fixedGain, g1: this.fixedGain.g1 + branchLoss };
    const wv = 2 * Math.PI * volume.driveFrequency;
    this.L3 = 1 / (wv * wv * VOLUME_OSC_C);
    this.volumeGain = gainElement(this.L3, VOLUME_OSC_C);
    this.Cv0 = volume.capacitance;
    this.Lv = volumeInductance(volume);
    this.Gv = (wv * volume.capacitance) / volume.quality; // a parallel tank's Q is ωC/G
    this.mix = s.mixLevel;
    this.wc = 2 * Math.PI * s.filterCutoff;
    this.wh = 2 * Math.PI * HIGH_PASS_HZ;
    this.setHands(s.handCapacitance, s.volumeHandCapacitance);
    this.start(w1);
  }

  /** Moves the hands: the antenna and volume capacitances change, the charges on them stay. */
  setHands(handCapacitance: number, volumeHandCapacitance: number): void {
    this.ca = this.Ca0 + handCapacitance;
    this.cv = this.Cv0 + volumeHandCapacitance;
  }

  /**
   * Starts every oscillator on its limit cycle (1 V, at a voltage maximum), the antenna branch in
   * the phase of the upper mode, and the filters at the mixer's mean, so the record needs no
   * settling time. The mean of max(v1 + k v2, 0) over a beat is the mean of the envelope
   * |1 + k e^{iφ}| over φ, divided by π.
   */
  private start(w1: number): void {
    const y = this.y;
    y.fill(0);
    y[V1] = 1;
    if (this.hasCoil) y[QA] = this.ca / (1 - w1 * w1 * this.La * this.ca); // phasor I/(jωC) at t = 0
    y[V2] = 1;
    y[V3] = 1;
    y[V4] = 1;
    let envelope = 0;
    const steps = 256;
    for (let j = 0; j < steps; j++) {
      const phi = (2 * Math.PI * (j + 0.5)) / steps;
      envelope += Math.sqrt(1 + this.mix * this.mix + 2 * this.mix * cos(phi));
    }
    const dc = envelope / steps / Math.PI;
    y[X1] = dc;
    y[X2] = dc;
    y[HP] = dc;
    y[DET] = 1 / Math.PI; // the mean of a half-wave rectified 1 V sine
  }

  /** dy/dt. */
  private rhs(y: Float64Array, out: Float64Array): void {
    const v1 = y[V1] as number;
    const v2 = y[V2] as number;
    const v3 = y[V3] as number;
    const v4 = y[V4] as number;
    // Pitch oscillator and its antenna branch.
    let branch: number;
    if (this.hasCoil) {
      const ia = y[IA] as number;
      branch = ia;
      out[IA] = (v1 - (y[QA] as number) / this.ca - this.Ra * ia) / this.La;
      out[QA] = ia;
    } else {
      branch = 0;
      out[IA] = 0;
      out[QA] = 0;
    }
    const c1 = this.hasCoil ? this.C0 : this.C0 + this.ca;
    out[V1] = (-(y[IL1] as number) - branch - this.pitchGain.G * v1 + gain(this.pitchGain, v1)) / c1;
    out[IL1] = v1 / this.L;
    // Fixed oscillator.
    out[V2] = (-(y[IL2] as number) - this.fixedGain.G * v2 + gain(this.fixedGain, v2)) / this.C2;
    out[IL2] = v2 / this.L;
    // Volume oscillator, and the volume tank it drives through a buffer.
    out[V3] = (-(y[IL3] as number) - this.volumeGain.G * v3 + gain(this.volumeGain, v3)) / VOLUME_OSC_C;
    out[IL3] = v3 / this.L3;
    out[V4] = (this.Gv * v3 - (y[IL4] as number) - this.Gv * v4) / this.cv;
    out[IL4] = v4 / this.Lv;
    // Diode mixer into the 4th-order low-pass, then the coupling capacitor.
    const m = v1 + this.mix * v2;
    const mixed = m > 0 ? m : 0;
    const wc2 = this.wc * this.wc;
    const x1 = y[X1] as number;
    const x2 = y[X2] as number;
    out[X1] = y[DX1] as number;
    out[DX1] = wc2 * (mixed - x1) - (this.wc / BUTTERWORTH_Q[0]) * (y[DX1] as number);
    out[X2] = y[DX2] as number;
    out[DX2] = wc2 * (x1 - x2) - (this.wc / BUTTERWORTH_Q[1]) * (y[DX2] as number);
    out[HP] = this.wh * (x2 - (y[HP] as number));
    // Volume detector: a diode and an RC.
    out[DET] = ((v4 > 0 ? v4 : 0) - (y[DET] as number)) / DETECTOR_TAU;
  }

  /** The level of the volume detector relative to its level with the hand far away. */
  get volumeLevel(): number {
    return (this.y[DET] as number) * Math.PI;
  }

  /** Advances `count` samples. */
  run(count: number): void {
    const { y, k1, k2, k3, k4, tmp } = this;
    const h = DT;
    for (let s = 0; s < count; s++) {
      this.rhs(y, k1);
      for (let i = 0; i < STATE_SIZE; i++) tmp[i] = (y[i] as number) + 0.5 * h * (k1[i] as number);
      this.rhs(tmp, k2);
      for (let i = 0; i < STATE_SIZE; i++) tmp[i] = (y[i] as number) + 0.5 * h * (k2[i] as number);
      this.rhs(tmp, k3);
      for (let i = 0; i < STATE_SIZE; i++) tmp[i] = (y[i] as number) + h * (k3[i] as number);
      this.rhs(tmp, k4);
      for (let i = 0; i < STATE_SIZE; i++) {
        y[i] = (y[i] as number) + (h / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number));
      }
      this.n++;
      const t = this.n * DT;
      this.pitchMeter.feed(y[V1] as number, t);
      this.fixedMeter.feed(y[V2] as number, t);
      this.volumeMeter.feed(y[V3] as number, t);
      const audio = (y[X2] as number) - (y[HP] as number);
      this.output = audio * vcaGain(this.volumeLevel);
      this.audioMeter.feed(audio, t);
      const rec = this.mixerRecord;
      if (rec !== null && this.n <= rec.length) {
        const m = (y[V1] as number) + this.mix * (y[V2] as number);
        rec[this.n - 1] = m > 0 ? m : 0;
      }
    }
  }

  /** The audio after the filter, before the VCA. */
  get audio(): number {
    return (this.y[X2] as number) - (this.y[HP] as number);
  }

  /** Current voltages for pictures: pitch, fixed, and the mixer's input after its diode. */
  get pitchVoltage(): number { return this.y[V1] as number; }
  get fixedVoltage(): number { return this.y[V2] as number; }
  get mixerVoltage(): number {
    const m = (this.y[V1] as number) + this.mix * (this.y[V2] as number);
    return m > 0 ? m : 0;
  }

  snapshot(): { y: number[]; n: number; meters: number[][] } {
    return { y: Array.from(this.y), n: this.n, meters: [this.pitchMeter, this.fixedMeter, this.volumeMeter, this.audioMeter].map((m) => m.snapshot()) };
  }

  restore(s: { y: number[]; n: number; meters: number[][] }): void {
    this.y.set(s.y);
    this.n = s.n;
    [this.pitchMeter, this.fixedMeter, this.volumeMeter, this.audioMeter].forEach((m, i) => m.restore(s.meters[i] as number[]));
  }
}
