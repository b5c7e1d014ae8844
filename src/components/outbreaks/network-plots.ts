/**
 * The network widget's charts (Observable Plot), shared by the live widget and its build-time
 * figure: the epidemic curve S, I, R over time, and the degree distribution of the network built.
 */
import * as Plot from '@observablehq/plot';
import { t, type Lang } from '../../i18n/index.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { degreeRows } from './network-view.ts';
import { ot } from '../../i18n/outbreaks.ts';

export interface NetworkPalette {
  fg: string;
  S: string;
  I: string;
  R: string;
}

export interface NetworkChart {
  lang: Lang;
  frame: { readonly length: number; readonly series: Record<string, ArrayLike<number>> } | undefined;
  degreeCounts: ArrayLike<number> | undefined;
  n: number;
  tMax: number;
  /** Heavy-tailed degree distributions are shown on log–log axes. */
  logDegrees: boolean;
  palette: NetworkPalette;
  scale: number;
  document?: Document;
}

function base(c: NetworkChart, width: number, height: number): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop' | 'style' | 'document'> {
  return {
    ...(c.document ? { document: c.document } : {}),
    width,
    height,
    marginLeft: 48 * c.scale, marginRight: 22 * c.scale, marginBottom: 32 * c.scale, marginTop: 20 * c.scale,
    style: { fontSize: `${12 * c.scale}px`, color: c.palette.fg, background: 'transparent' },
  };
}

/** At most this many points per curve (the run may have thousands of observations). */
const MAX_POINTS = 400;

export function curvePlot(c: NetworkChart, width: number): SVGSVGElement {
  const { palette, scale, lang, frame: f, n } = c;
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  if (f && f.length > 0) {
    const every = Math.max(1, Math.ceil(f.length / MAX_POINTS));
    const ts = f.series['t']!;
    for (const g of ['S', 'I', 'R'] as const) {
      const ys = f.series[g]!;
      const pts: { x: number; y: number }[] = [];
      for (let k = 0; k < f.length; k += every) pts.push({ x: ts[k]!, y: ys[k]! / n });
      pts.push({ x: ts[f.length - 1]!, y: ys[f.length - 1]! / n });
      marks.push(Plot.line(pts, { x: 'x', y: 'y', stroke: palette[g], strokeWidth: 2.5 * scale }));
    }
  }
  return Plot.plot({
    ...base(c, width, Math.round(Math.min(280 * scale, Math.max(200, width * 0.45)))),
    x: { domain: [0, c.tMax], label: `${t(lang, 'sir.obs.t')} (${t(lang, 'unit.day')})`, grid: true },
    y: { domain: [0, 1], label: t(lang, 'sir.widget.ratio'), grid: true, tickFormat: '%' },
    marks,
  }) as SVGSVGElement;
}

export function degreePlot(c: NetworkChart, width: number): SVGSVGElement {
  const { palette, scale, lang } = c;
  const rows = c.degreeCounts ? degreeRows(c.degreeCounts, c.n) : [];
  const height = Math.round(Math.min(240 * scale, Math.max(180, width * 0.45)));
  const x = { label: ot(lang, 'net.widget.degree'), grid: true };
  const y = { label: ot(lang, 'net.widget.degreeShare'), grid: true };
  if (c.logDegrees) {
    return Plot.plot({
      ...base(c, width, height),
      x: { ...x, type: 'log', tickFormat: '~s' },
      // Shares from 1 down to 1/N: as percentages ("0.01%"), not SI prefixes ("100µ").
      y: { ...y, type: 'log', ticks: 5, tickFormat: (d: number) => `${Number((d * 100).toPrecision(1))}%` },
      marks: [Plot.dot(rows, { x: 'k', y: 'p', r: 2.5 * scale, fill: palette.fg })],
    }) as SVGSVGElement;
  }
  const kMax = rows.reduce((m, r) => Math.max(m, r.k), 0);
  return Plot.plot({
    ...base(c, width, height),
    x: { ...x, domain: [-0.5, kMax + 1.5] },
    y: { ...y, tickFormat: '%' },
    marks: [Plot.ruleY([0]), Plot.rectY(rows, { x1: (d: { k: number }) => d.k - 0.4, x2: (d: { k: number }) => d.k + 0.4, y: 'p', fill: palette.fg })],
  }) as SVGSVGElement;
}

export function curveAlt(lang: Lang, summary: Record<string, number> | undefined): string {
  if (!summary) return t(lang, 'widget.loading');
  return ot(lang, 'net.widget.curveAlt', {
    days: formatNumber(lang, summary['time'] ?? 0),
    peak: formatPercent(lang, summary['peakPrevalence'] ?? 0),
    day: formatNumber(lang, summary['peakTime'] ?? 0),
    final: formatPercent(lang, summary['finalSize'] ?? 0),
  });
}

export function degreeAlt(lang: Lang, counts: ArrayLike<number> | undefined, n: number): string {
  if (!counts) return t(lang, 'widget.loading');
  let kMax = 0;
  let mean = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! > 0) kMax = k;
    mean += (k * counts[k]!) / n;
  }
  return ot(lang, 'net.widget.degreeAlt', { mean: formatNumber(lang, mean), max: String(kMax) });
}
