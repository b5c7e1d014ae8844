/**
 * The SIR widget's charts as plain functions of a frame, shared by the live widget (in the
 * browser) and by the figure of a preset's state drawn at build time for print and for readers
 * without JavaScript (in Node, with a server-side `document`).
 */
import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../../i18n/index.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';

export type Group = 'S' | 'E' | 'I' | 'R' | 'V';

/** The light theme's series colours (src/styles/global.css, tested for colour-vision deficiencies), for print. */
export const PRINT_PALETTE = { fg: '#1d1d1f', S: '#0072b2', E: '#cc79a7', I: '#d55e00', R: '#009e73', V: '#555555' };
export type Palette = typeof PRINT_PALETTE;

/** A subsampled copy of a frame's series as fractions of N, at most `maxPoints` per curve. */
export interface SirView {
  every: number;
  total: number;
  t: number[];
  S: number[];
  E: number[];
  I: number[];
  R: number[];
  V: number[];
}

export function sirView(frame: { length: number; series: Record<string, ArrayLike<number>> }, N: number, maxPoints: number): SirView | undefined {
  if (frame.length === 0) return undefined;
  const every = Math.max(1, Math.ceil(frame.length / maxPoints));
  const pick = (name: string) => {
    const src = frame.series[name]!;
    const scale = name === 't' ? 1 : 1 / N;
    const out: number[] = [];
    for (let k = 0; k < frame.length; k += every) out.push((src[k] as number) * scale);
    if ((frame.length - 1) % every !== 0) out.push((src[frame.length - 1] as number) * scale);
    return out;
  };
  return { every, total: frame.length, t: pick('t'), S: pick('S'), E: pick('E'), I: pick('I'), R: pick('R'), V: pick('V') };
}

export function sirGroups(seir: boolean, vaccinated: number): Group[] {
  return (seir ? (['S', 'E', 'I', 'R'] as Group[]) : (['S', 'I', 'R'] as Group[])).concat(vaccinated > 0 ? ['V'] : []);
}

export interface SirChart {
  lang: Lang;
  view: SirView | undefined;
  summary: Record<string, number> | undefined;
  R0: number;
  tMax: number;
  seir: boolean;
  groups: Group[];
  palette: Palette;
  /** 1 on the page, larger for a projector (presenter mode). */
  scale: number;
  /** The restrictions' window (days), shaded; none when contacts are not reduced. */
  window?: { start: number; end: number } | undefined;
  /** A hospital-capacity line as a fraction of the population (illustrative). */
  capacity?: number | undefined;
  /** A server-side document when drawing at build time. */
  document?: Document;
}

/** The window of reduced contacts in a parameter set, if any (for the charts' shading). */
export function restrictionWindow(p: { contactFactor: number; contactStart: number; contactEnd: number }): { start: number; end: number } | undefined {
  return p.contactFactor < 1 && p.contactEnd > p.contactStart ? { start: p.contactStart, end: p.contactEnd } : undefined;
}

export function timePlot(c: SirChart, width: number): SVGSVGElement {
  const { view: v, summary, palette, scale, lang, R0, tMax } = c;
  const fg = palette.fg;
  const marks: Plot.Markish[] = [];
  if (c.window) {
    const w = { x1: c.window.start, x2: Math.min(c.window.end, tMax) };
    marks.push(Plot.rectX([w], { x1: 'x1', x2: 'x2', y1: 0, y2: 1, fill: fg, fillOpacity: 0.08 }));
    marks.push(Plot.text([w], { x: 'x1', y: 1, text: () => t(lang, 'sir.widget.window'), textAnchor: 'start', dx: 4, dy: 10, fill: fg }));
  }
  marks.push(Plot.ruleY([0]), Plot.ruleY([1 / R0], { stroke: fg, strokeDasharray: '4 4', strokeOpacity: 0.6 }));
  marks.push(Plot.text([1 / R0], { x: tMax, y: (d: number) => d, text: () => t(lang, 'sir.widget.threshold'), textAnchor: 'end', dy: -6, fill: fg }));
  if (c.capacity !== undefined) {
    marks.push(Plot.ruleY([c.capacity], { stroke: palette.I, strokeDasharray: '2 3', strokeWidth: 1.5 * scale }));
    marks.push(Plot.text([c.capacity], { x: tMax, y: (d: number) => d, text: () => t(lang, 'sir.widget.capacity'), textAnchor: 'end', dy: -6, fill: palette.I }));
  }
  if (summary && summary['finalSizeExact']! > 0 && Number.isFinite(summary['finalSizeExact'])) {
    // The exact final size, as a short bar at the right edge that R (+ I) should reach.
    marks.push(Plot.ruleY([summary['finalSizeExact']!], { x1: tMax * 0.94, x2: tMax, stroke: palette.R, strokeWidth: 4 }));
  }
  if (v) {
    for (const g of c.groups) marks.push(Plot.line(v.t, { x: (d: number) => d, y: (_: number, i: number) => v[g][i], stroke: palette[g], strokeWidth: 2.5 * scale }));
    if (summary && summary['peakTime']! <= (v.t.at(-1) ?? 0)) {
      marks.push(Plot.dot([[summary['peakTime']!, summary['peakPrevalence']!]], { x: '0', y: '1', r: 5, fill: palette.I, stroke: 'white' }));
      marks.push(Plot.text([[summary['peakTime']!, summary['peakPrevalence']!]], { x: '0', y: '1', text: () => t(lang, 'sir.widget.peak'), dy: -12, fill: fg }));
    }
  }
  return Plot.plot({
    ...(c.document ? { document: c.document } : {}),
    width,
    height: Math.round(Math.min(360 * scale, Math.max(240, width * 0.55))),
    marginLeft: 44 * scale, marginRight: 22 * scale, marginBottom: 30 * scale, marginTop: 20 * scale,
    style: { fontSize: `${12 * scale}px`, color: fg, background: 'transparent' },
    x: { domain: [0, tMax], label: `${t(lang, 'sir.obs.t')} (${t(lang, 'unit.day')})`, grid: true },
    y: { domain: [0, 1], label: t(lang, 'sir.widget.ratio'), grid: true, tickFormat: '%' },
    marks,
  }) as SVGSVGElement;
}

export function phasePlot(c: SirChart, width: number): SVGSVGElement {
  const { view: v, summary, palette, scale, R0, seir } = c;
  const fg = palette.fg;
  // For SEIR the phase plane shows E + I (all the infected), whose peak is where S/N = 1/R0.
  const infected = v ? v.I.map((x, i) => (seir ? x + v.E[i]! : x)) : [];
  // Scaled to the data, however small: with herd immunity I/N stays near 1e-5.
  const iMax = Math.max(1e-9, ...infected, summary?.['peakPrevalence'] ?? 0) * 1.15;
  const marks: Plot.Markish[] = [Plot.ruleX([1 / R0], { stroke: fg, strokeDasharray: '4 4', strokeOpacity: 0.6 })];
  if (v) marks.push(Plot.line(v.S, { x: (d: number) => d, y: (_: number, i: number) => infected[i], stroke: palette.I, strokeWidth: 2.5 * scale }));
  return Plot.plot({
    ...(c.document ? { document: c.document } : {}),
    width,
    height: Math.round(Math.min(300 * scale, Math.max(200, width * 0.5))),
    marginLeft: 66 * scale, marginRight: 22 * scale, marginBottom: 30 * scale, marginTop: 20 * scale,
    style: { fontSize: `${12 * scale}px`, color: fg, background: 'transparent' },
    x: { domain: [0, 1], label: `S/N`, tickFormat: '%', grid: true },
    // Shortest labels that tell the ticks apart, however small the scale (0.0008%, 2%, 20%).
    y: { domain: [0, iMax], label: seir ? '(E+I)/N' : 'I/N', tickFormat: (d: number) => `${Number((d * 100).toPrecision(2))}%`, grid: true },
    marks,
  }) as SVGSVGElement;
}

/** The text alternative of the time plot: what it shows, in numbers. */
export function timeAlt(lang: Lang, summary: Record<string, number>): string {
  return t(lang, 'sir.widget.timeAlt', {
    days: formatNumber(lang, summary['time'] ?? 0),
    peak: formatPercent(lang, summary['peakPrevalence'] ?? 0),
    day: formatNumber(lang, summary['peakTime'] ?? 0),
    final: formatPercent(lang, summary['finalSize'] ?? 0),
    exact: formatPercent(lang, summary['finalSizeExact'] ?? 0),
  });
}

export function phaseAlt(lang: Lang, R0: number): string {
  return t(lang, 'sir.widget.phaseAlt', { threshold: formatNumber(lang, 1 / R0) });
}
