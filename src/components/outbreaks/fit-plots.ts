/**
 * The fit widget's charts as plain functions, shared by the live widget and its build-time figure:
 * the data with the fitted SIR curve, the residuals, and the bootstrap distribution of R0.
 */
import * as Plot from '@observablehq/plot';
import type { SirFit } from '../../../simulations/sir-fit/counts.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { ot } from '../../i18n/outbreaks.ts';

export interface FitPalette {
  fg: string;
  I: string;
  R: string;
}

export interface FitChart {
  lang: Lang;
  day: readonly number[];
  count: readonly number[];
  fit: SirFit | undefined;
  curve: { readonly t: readonly number[]; readonly I: readonly number[] } | undefined;
  /** Bootstrap R0 values that are in (any order), and the interval once all are. */
  samples: readonly number[];
  interval: { low: number; high: number } | undefined;
  palette: FitPalette;
  scale: number;
  document?: Document;
}

function base(c: FitChart, width: number, height: number): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop' | 'style' | 'document'> {
  return {
    ...(c.document ? { document: c.document } : {}),
    width,
    height,
    marginLeft: 48 * c.scale, marginRight: 22 * c.scale, marginBottom: 32 * c.scale, marginTop: 20 * c.scale,
    style: { fontSize: `${12 * c.scale}px`, color: c.palette.fg, background: 'transparent' },
  };
}

const dayLabel = (lang: Lang) => `${ot(lang, 'fit.widget.day')}`;

export function dataPlot(c: FitChart, width: number): SVGSVGElement {
  const { palette, scale, lang } = c;
  const points = c.day.map((d, i) => ({ d, n: c.count[i]! }));
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  if (c.curve) {
    const { t: ts, I } = c.curve;
    marks.push(Plot.line(ts.map((x, i) => ({ x, y: I[i]! })), { x: 'x', y: 'y', stroke: palette.I, strokeWidth: 2.5 * scale }));
  }
  marks.push(Plot.dot(points, { x: 'd', y: 'n', r: 4 * scale, fill: palette.fg, stroke: 'white', strokeWidth: 1 }));
  const xMax = Math.max(...c.day, c.curve ? (c.curve.t.at(-1) ?? 0) : 0);
  return Plot.plot({
    ...base(c, width, Math.round(Math.min(320 * scale, Math.max(220, width * 0.5)))),
    x: { domain: [0, xMax], label: dayLabel(lang), grid: true },
    y: { label: ot(lang, 'fit.widget.count'), grid: true, zero: true },
    marks,
  }) as SVGSVGElement;
}

export function residualPlot(c: FitChart, width: number): SVGSVGElement {
  const { palette, scale, lang } = c;
  const rows = c.fit ? c.day.map((d, i) => ({ d, r: c.fit!.residuals[i]! })) : [];
  const extent = Math.max(1, ...rows.map((r) => Math.abs(r.r))) * 1.15;
  return Plot.plot({
    ...base(c, width, Math.round(Math.min(220 * scale, Math.max(160, width * 0.3)))),
    x: { domain: [0, Math.max(...c.day) + 1], label: dayLabel(lang), grid: true },
    y: { domain: [-extent, extent], label: ot(lang, 'fit.widget.residual'), grid: true },
    marks: [
      Plot.ruleY([0], { stroke: palette.fg }),
      Plot.ruleX(rows, { x: 'd', y1: 0, y2: 'r', stroke: palette.I, strokeWidth: 2 * scale }),
      Plot.dot(rows, { x: 'd', y: 'r', r: 3.5 * scale, fill: palette.I }),
    ],
  }) as SVGSVGElement;
}

/** Equal-width bins over the range of the values. */
function histogram(values: readonly number[], bins: number): { x1: number; x2: number; count: number }[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = hi > lo ? (hi - lo) / bins : 1;
  const out = Array.from({ length: bins }, (_, i) => ({ x1: lo + i * width, x2: lo + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - lo) / width))]!.count++;
  return out;
}

/** Histogram of the refitted R0 of the synthetic epidemics, with the estimate and the 95 % interval. */
export function bootstrapPlot(c: FitChart, width: number): SVGSVGElement {
  const { palette, scale, lang } = c;
  const marks: Plot.Markish[] = [];
  if (c.interval) marks.push(Plot.rectX([c.interval], { x1: 'low', x2: 'high', fill: palette.R, fillOpacity: 0.15 }));
  if (c.samples.length > 0) marks.push(Plot.rectY(histogram(c.samples, 30), { x1: 'x1', x2: 'x2', y: 'count', fill: palette.R, inset: 0.5 }));
  marks.push(Plot.ruleY([0]));
  if (c.fit) {
    marks.push(Plot.ruleX([c.fit.R0], { stroke: palette.fg, strokeWidth: 2 * scale }));
    marks.push(Plot.text([c.fit.R0], { x: (d: number) => d, frameAnchor: 'top', text: () => ot(lang, 'fit.widget.estimate'), dy: 4, dx: 4, textAnchor: 'start', fill: palette.fg }));
  }
  return Plot.plot({
    ...base(c, width, Math.round(Math.min(220 * scale, Math.max(160, width * 0.3)))),
    x: { label: 'R₀', grid: true },
    y: { label: ot(lang, 'fit.widget.samples'), grid: true },
    marks,
  }) as SVGSVGElement;
}

export function dataAlt(lang: Lang, c: Pick<FitChart, 'day' | 'count' | 'fit'>): string {
  const peak = c.count.reduce((m, x, i) => (x > c.count[m]! ? i : m), 0);
  return ot(lang, 'fit.widget.dataAlt', {
    days: String(c.day.length),
    peak: String(c.count[peak] ?? 0),
    day: String(c.day[peak] ?? 0),
    R0: c.fit ? formatNumber(lang, c.fit.R0) : '—',
  });
}

export function residualAlt(lang: Lang, fit: SirFit | undefined): string {
  if (!fit) return t(lang, 'widget.loading');
  const largest = fit.residuals.reduce((m, r) => (Math.abs(r) > Math.abs(m) ? r : m), 0);
  return ot(lang, 'fit.widget.residualAlt', { largest: formatNumber(lang, largest), rss: formatNumber(lang, fit.sumOfSquares) });
}

export function bootstrapAlt(lang: Lang, samples: number, interval: { low: number; high: number } | undefined): string {
  return interval
    ? ot(lang, 'fit.widget.bootstrapAlt', { n: String(samples), low: formatNumber(lang, interval.low), high: formatNumber(lang, interval.high) })
    : ot(lang, 'fit.widget.bootstrapRunning', { n: String(samples) });
}
