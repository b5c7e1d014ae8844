/**
 * The signal chain's charts as plain functions, shared by the live widget and its build-time
 * figure: the two RF oscillations, the mixer's output with its beating envelope, the sound after
 * the filter, and the mixer output's spectrum with the difference and sum frequencies marked.
 */
import * as Plot from '@observablehq/plot';
import type { ChainOutput } from '../../../simulations/theremin-circuit/tasks.ts';
import type { Lang } from '../../i18n/index.ts';
import { tt } from '../../i18n/theremin.ts';
import { formatNumber } from '../../lib/format.ts';

export interface ChainPalette {
  fg: string;
  pitch: string;
  fixed: string;
  mixer: string;
  audio: string;
}

export interface ChainChart {
  lang: Lang;
  out: ChainOutput;
  palette: ChainPalette;
  scale: number;
  document?: Document;
}

/** Below this difference (Hz) the oscillators are at zero beat: less than one spectral bin. */
export const ZERO_BEAT_HZ = 32;

export const hasBeat = (out: ChainOutput): boolean => out.measured.beat >= ZERO_BEAT_HZ && Number.isFinite(out.measured.audio);

function base(c: ChainChart, width: number, height: number): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop' | 'style' | 'document'> {
  return {
    ...(c.document ? { document: c.document } : {}),
    width,
    height,
    marginLeft: 52 * c.scale, marginRight: 18 * c.scale, marginBottom: 34 * c.scale, marginTop: 18 * c.scale,
    style: { fontSize: `${12 * c.scale}px`, color: c.palette.fg, background: 'transparent' },
  };
}

const heightFor = (c: ChainChart, width: number) => Math.round(Math.min(240 * c.scale, Math.max(170, width * 0.42)));

function series(t: Float32Array, v: Float32Array): { x: number; y: number }[] {
  return Array.from(t, (x, i) => ({ x, y: v[i] as number }));
}

export function rfPlot(c: ChainChart, width: number): SVGSVGElement {
  const { rf } = c.out;
  return Plot.plot({
    ...base(c, width, heightFor(c, width)),
    x: { label: tt(c.lang, 'chain.timeUs'), grid: true },
    y: { label: tt(c.lang, 'chain.volts'), domain: [-1.3, 1.3], grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.line(series(rf.t, rf.fixed), { x: 'x', y: 'y', stroke: c.palette.fixed, strokeWidth: 2 * c.scale, strokeDasharray: '6 3' }),
      Plot.line(series(rf.t, rf.pitch), { x: 'x', y: 'y', stroke: c.palette.pitch, strokeWidth: 1.6 * c.scale }),
    ],
  }) as SVGSVGElement;
}

export function envelopePlot(c: ChainChart, width: number): SVGSVGElement {
  const e = c.out.envelope;
  const rows = Array.from(e.t, (x, i) => ({ x, lo: e.min[i] as number, hi: e.max[i] as number }));
  return Plot.plot({
    ...base(c, width, heightFor(c, width)),
    x: { label: tt(c.lang, 'chain.timeMs'), grid: true },
    y: { label: tt(c.lang, 'chain.volts'), grid: true, zero: true },
    marks: [Plot.areaY(rows, { x: 'x', y1: 'lo', y2: 'hi', fill: c.palette.mixer, fillOpacity: 0.85, curve: 'step' })],
  }) as SVGSVGElement;
}

export function audioPlot(c: ChainChart, width: number): SVGSVGElement {
  const { audio } = c.out;
  return Plot.plot({
    ...base(c, width, heightFor(c, width)),
    x: { label: tt(c.lang, 'chain.timeMs'), grid: true },
    y: { label: tt(c.lang, 'chain.volts'), grid: true },
    marks: [Plot.ruleY([0]), Plot.line(series(audio.t, audio.v), { x: 'x', y: 'y', stroke: c.palette.audio, strokeWidth: 1.8 * c.scale })],
  }) as SVGSVGElement;
}

/** The frequencies a reader should find in the spectrum, with their labels. */
function spectrumMarks(c: ChainChart): { f: number; label: string }[] {
  const m = c.out.measured;
  const marks = [{ f: (m.pitch + m.fixed) / 2, label: tt(c.lang, 'chain.markOscillators') }, { f: m.pitch + m.fixed, label: tt(c.lang, 'chain.markSum') }];
  if (hasBeat(c.out)) marks.unshift({ f: m.beat, label: tt(c.lang, 'chain.markDifference') });
  return marks;
}

export function spectrumPlot(c: ChainChart, width: number): SVGSVGElement {
  const { f, a } = c.out.spectrum;
  const floor = 1e-5;
  const rows = Array.from(f, (x, i) => ({ x, y: Math.max(floor, a[i] as number) }));
  const marks = spectrumMarks(c);
  return Plot.plot({
    ...base(c, width, heightFor(c, width) + 20 * c.scale),
    marginTop: 30 * c.scale,
    x: { type: 'log', domain: [20, 2e6], label: tt(c.lang, 'chain.frequency'), grid: true },
    y: { type: 'log', domain: [floor, 1], label: tt(c.lang, 'chain.amplitude'), grid: true },
    marks: [
      Plot.ruleX(marks, { x: 'f', stroke: c.palette.fg, strokeOpacity: 0.5, strokeDasharray: '3 3' }),
      Plot.line(rows, { x: 'x', y: 'y', stroke: c.palette.mixer, strokeWidth: 1.4 * c.scale }),
      Plot.text(marks, { x: 'f', y: 1, text: 'label', dy: -10 * c.scale, fill: c.palette.fg, fontSize: 11 * c.scale }),
    ],
  }) as SVGSVGElement;
}

const kHz = (lang: Lang, hz: number, digits = 6) => formatNumber(lang, hz / 1e3, digits);

export function rfAlt(lang: Lang, out: ChainOutput): string {
  return tt(lang, 'chain.rfAlt', { f1: kHz(lang, out.measured.pitch), f2: kHz(lang, out.measured.fixed) });
}

export function envelopeAlt(lang: Lang, out: ChainOutput): string {
  const ms = formatNumber(lang, out.envelope.t.at(-1) ?? 0, 3);
  if (!hasBeat(out)) return tt(lang, 'chain.envelopeAltZero', { ms });
  const beats = Math.round(((out.envelope.t.at(-1) ?? 0) / 1e3) * out.measured.beat);
  return tt(lang, 'chain.envelopeAlt', { ms, beats, beat: formatNumber(lang, out.measured.beat, 4) });
}

export function audioAlt(lang: Lang, out: ChainOutput): string {
  if (!hasBeat(out)) return tt(lang, 'chain.audioAltZero');
  let peak = 0;
  for (const v of out.audio.v) peak = Math.max(peak, Math.abs(v));
  return tt(lang, 'chain.audioAlt', { audio: formatNumber(lang, out.measured.audio, 4), amp: formatNumber(lang, peak, 2) });
}

export function spectrumAlt(lang: Lang, out: ChainOutput): string {
  const m = out.measured;
  return tt(lang, 'chain.spectrumAlt', { beat: formatNumber(lang, m.beat, 4), f1: kHz(lang, m.pitch, 4), sum: kHz(lang, m.pitch + m.fixed, 4) });
}
