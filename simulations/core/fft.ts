/**
 * A radix-2 fast Fourier transform, for spectra of simulated signals. Written here rather than
 * taken from a package because its twiddle factors must come from core/math.ts: a spectrum is
 * then the same to the last bit in Node and in a browser worker, like every other output.
 */
import { cos, sin } from './math.ts';

export class Fft {
  readonly size: number;
  private readonly cosTable: Float64Array;
  private readonly sinTable: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) throw new Error(`Fft: size ${size} is not a power of two ≥ 2`);
    this.size = size;
    this.cosTable = new Float64Array(size / 2);
    this.sinTable = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cosTable[k] = cos((2 * Math.PI * k) / size);
      this.sinTable[k] = sin((2 * Math.PI * k) / size);
    }
    this.reversed = new Uint32Array(size);
    let bits = 0;
    while (1 << bits < size) bits++;
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r >>> 0;
    }
  }

  /** In place: (re, im) ← Σ_n x_n e^{−2πi kn/size}. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    if (re.length !== n || im.length !== n) throw new Error(`Fft: arrays must have length ${n}`);
    for (let i = 0; i < n; i++) {
      const j = this.reversed[i] as number;
      if (j > i) {
        const tr = re[i] as number; re[i] = re[j] as number; re[j] = tr;
        const ti = im[i] as number; im[i] = im[j] as number; im[j] = ti;
      }
    }
    for (let half = 1; half < n; half *= 2) {
      const stride = n / (2 * half);
      for (let start = 0; start < n; start += 2 * half) {
        for (let k = 0; k < half; k++) {
          const wr = this.cosTable[k * stride] as number;
          const wi = -(this.sinTable[k * stride] as number);
          const a = start + k;
          const b = a + half;
          const xr = (re[b] as number) * wr - (im[b] as number) * wi;
          const xi = (re[b] as number) * wi + (im[b] as number) * wr;
          re[b] = (re[a] as number) - xr;
          im[b] = (im[a] as number) - xi;
          re[a] = (re[a] as number) + xr;
          im[a] = (im[a] as number) + xi;
        }
      }
    }
  }
}

/**
 * The one-sided amplitude spectrum of a real signal under a Hann window: entry k is the amplitude
 * at frequency k·rate/size of a sine in the signal (a sine of amplitude A shows as A at its bin).
 */
export function amplitudeSpectrum(signal: ArrayLike<number>, rate: number): { frequency: Float64Array; amplitude: Float64Array } {
  const size = signal.length;
  const fft = new Fft(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let windowSum = 0;
  for (let i = 0; i < size; i++) {
    const w = 0.5 - 0.5 * cos((2 * Math.PI * i) / size);
    windowSum += w;
    re[i] = (signal[i] as number) * w;
  }
  fft.transform(re, im);
  const bins = size / 2 + 1;
  const frequency = new Float64Array(bins);
  const amplitude = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    frequency[k] = (k * rate) / size;
    const scale = (k === 0 || k === size / 2 ? 1 : 2) / windowSum;
    const r = re[k] as number;
    const i = im[k] as number;
    amplitude[k] = Math.sqrt(r * r + i * i) * scale;
  }
  return { frequency, amplitude };
}
