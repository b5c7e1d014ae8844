/**
 * The theremin's circuits as worker tasks for the chain view: one run of the RF circuits with the
 * hand held still, and everything the picture shows, each frequency measured from the waveforms.
 */
import { amplitudeSpectrum } from '../core/fft.ts';
import { exp, log } from '../core/math.ts';
import { validateParams } from '../core/params.ts';
import { beatFrequency, pitchFrequency } from './circuit.ts';
import { rfCircuitOf } from './index.ts';
import { DECIMATION, SAMPLE_RATE } from './rf-circuit.ts';
import { thereminCircuitSpec, type ThereminCircuitParams } from './spec.ts';
import { PICO, pitchCircuitOf } from './values.ts';

/** 2^20 samples at 2^25 Hz: 31.25 ms, spectral bins 32 Hz apart. */
const WINDOW = 1 << 20;
/** The RF waveforms are shown over this many samples (about 7.6 µs, a few periods). */
const RF_SAMPLES = 256;
/** The spectrum is drawn on up to this many log-spaced bands from 20 Hz to 2 MHz. */
const SPECTRUM_BANDS = 360;
const SPECTRUM_LOW = 20;
const SPECTRUM_HIGH = 2e6;
/** Columns of the mixer's envelope over the record. */
const ENVELOPE_COLUMNS = 480;

export interface ChainInput {
  readonly params: Partial<ThereminCircuitParams>;
}

export interface ChainOutput {
  readonly params: ThereminCircuitParams;
  /** Measured from the waveforms (Hz). */
  readonly measured: { pitch: number; fixed: number; beat: number; audio: number; spectrumPeak: number; volumeLevel: number };
  /** From the circuit's resonance condition (Hz), beside the measurements. */
  readonly predicted: { pitch: number; beat: number };
  /** The first RF_SAMPLES samples: time (µs), the two oscillators and the mixer's diode output (V). */
  readonly rf: { t: Float32Array; pitch: Float32Array; fixed: Float32Array; mixer: Float32Array };
  /** The mixer's output over the record, as min and max per column, and the columns' times (ms). */
  readonly envelope: { t: Float32Array; min: Float32Array; max: Float32Array };
  /**
   * The engine's series at 131 kHz (the columns of `npm run sim -- theremin-circuit`): time (ms),
   * the audio after the filter (V), the volume circuit's level, and the output after the volume
   * control (V) — `v`, what is heard.
   */
  readonly audio: { t: Float32Array; audio: Float32Array; level: Float32Array; v: Float32Array };
  /** The mixer output's amplitude spectrum on log-spaced bands: frequency (Hz) and volts. */
  readonly spectrum: { f: Float32Array; a: Float32Array };
}

/** Refines a spectral peak at bin k by a parabola through the log amplitudes of its neighbours. */
function interpolatedPeak(a: Float64Array, k: number, binWidth: number): number {
  const l = log(a[k - 1] as number);
  const c = log(a[k] as number);
  const r = log(a[k + 1] as number);
  const denominator = l - 2 * c + r;
  const shift = denominator === 0 ? 0 : (0.5 * (l - r)) / denominator;
  return (k + shift) * binWidth;
}

/**
 * The strongest component of the mixer output in the audio band, from the third bin (the Hann
 * window spreads the large DC over bins 0–1) to 100 kHz, refined between bins.
 */
export function audioBandPeak(frequency: Float64Array, amplitude: Float64Array): number {
  const binWidth = frequency[1] as number;
  let best = -1;
  for (let k = 3; k < frequency.length - 1 && (frequency[k] as number) <= 1e5; k++) {
    if (best < 0 || (amplitude[k] as number) > (amplitude[best] as number)) best = k;
  }
  return interpolatedPeak(amplitude, best, binWidth);
}

/** The spectrum on log-spaced bands (the largest bin in each; bands narrower than a bin are skipped). */
function bandedSpectrum(frequency: Float64Array, amplitude: Float64Array): { f: Float32Array; a: Float32Array } {
  const f: number[] = [];
  const a: number[] = [];
  const binWidth = frequency[1] as number;
  const ratio = log(SPECTRUM_HIGH / SPECTRUM_LOW);
  let k = Math.ceil(SPECTRUM_LOW / binWidth);
  for (let b = 0; b < SPECTRUM_BANDS && k < amplitude.length; b++) {
    const hi = SPECTRUM_LOW * exp((ratio * (b + 1)) / SPECTRUM_BANDS);
    let best = -1;
    for (; k < amplitude.length && (frequency[k] as number) < hi; k++) {
      if (best < 0 || (amplitude[k] as number) > (amplitude[best] as number)) best = k;
    }
    if (best < 0) continue;
    f.push(frequency[best] as number);
    a.push(amplitude[best] as number);
  }
  return { f: Float32Array.from(f), a: Float32Array.from(a) };
}

export function chainTask(input: ChainInput): ChainOutput {
  const checked = validateParams(thereminCircuitSpec.params, input.params ?? {}, thereminCircuitSpec.crossCheck);
  if (!checked.ok) {
    const e = checked.errors[0]!;
    throw new Error(`${e.param}: ${e.code} (${String(e.value)})`);
  }
  const p = checked.params;
  const circuit = rfCircuitOf(p);
  const mixer = new Float32Array(WINDOW);
  circuit.mixerRecord = mixer;

  const rf = { t: new Float32Array(RF_SAMPLES), pitch: new Float32Array(RF_SAMPLES), fixed: new Float32Array(RF_SAMPLES), mixer: new Float32Array(RF_SAMPLES) };
  for (let i = 0; i < RF_SAMPLES; i++) {
    rf.t[i] = (circuit.n / SAMPLE_RATE) * 1e6;
    rf.pitch[i] = circuit.pitchVoltage;
    rf.fixed[i] = circuit.fixedVoltage;
    rf.mixer[i] = circuit.mixerVoltage;
    circuit.run(1);
  }
  const audioLength = Math.floor(WINDOW / DECIMATION);
  const audio = { t: new Float32Array(audioLength), audio: new Float32Array(audioLength), level: new Float32Array(audioLength), v: new Float32Array(audioLength) };
  for (let i = 0; i < audioLength; i++) {
    circuit.run((i + 1) * DECIMATION - circuit.n);
    audio.t[i] = (circuit.n / SAMPLE_RATE) * 1e3;
    audio.audio[i] = circuit.audio;
    audio.level[i] = circuit.volumeLevel;
    audio.v[i] = circuit.output;
  }

  const envelope = { t: new Float32Array(ENVELOPE_COLUMNS), min: new Float32Array(ENVELOPE_COLUMNS), max: new Float32Array(ENVELOPE_COLUMNS) };
  const perColumn = WINDOW / ENVELOPE_COLUMNS;
  for (let c = 0; c < ENVELOPE_COLUMNS; c++) {
    const from = Math.floor(c * perColumn);
    const to = Math.floor((c + 1) * perColumn);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      const v = mixer[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    envelope.t[c] = (((from + to) / 2) / SAMPLE_RATE) * 1e3;
    envelope.min[c] = lo;
    envelope.max[c] = hi;
  }

  const { frequency, amplitude } = amplitudeSpectrum(mixer, SAMPLE_RATE);
  const spectrum = bandedSpectrum(frequency, amplitude);

  const pitch = pitchCircuitOf(p);
  return {
    params: p,
    measured: {
      pitch: circuit.pitchMeter.frequency,
      fixed: circuit.fixedMeter.frequency,
      beat: Math.abs(circuit.fixedMeter.frequency - circuit.pitchMeter.frequency),
      audio: circuit.audioMeter.frequency,
      spectrumPeak: audioBandPeak(frequency, amplitude),
      volumeLevel: circuit.volumeLevel,
    },
    predicted: { pitch: pitchFrequency(pitch, p.handCapacitance * PICO), beat: beatFrequency(pitch, p.handCapacitance * PICO) },
    rf,
    envelope,
    audio,
    spectrum,
  };
}
