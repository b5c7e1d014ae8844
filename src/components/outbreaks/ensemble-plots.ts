/**
 * The ensemble widget's charts as plain functions, shared by the live widget and the figure drawn
 * at build time: many runs of the stochastic model as faint curves over the deterministic one, and
 * the histogram of their final sizes with the two predictions that organise it — the deterministic
 * final size z∞ that major outbreaks gather around, and the cut between minor and major.
 */
import * as Plot from '@observablehq/plot';
import { MAJOR_OUTBREAK_FRACTION } from '../../../simulations/core/outbreak-ensemble.ts';
import { finalSize } from '../../../simulations/sir/analytic.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { ot } from '../../i18n/outbreaks.ts';

export interface EnsemblePalette {
  fg: string;
  I: string;
  R: string;
}

export interface Curve {
  readonly length: number;
  readonly series: Record<string, ArrayLike<number>>;
}

export interface EnsembleChart {
  lang: Lang;
  N: number;
  R0: number;
  initialInfected: number;
  tMax: number;
  /** Runs drawn as faint lines (their t and I series). */
  curves: readonly Curve[];
  /** The deterministic SIR curve for the same parameters, if computed. */
  reference: Curve | undefined;
  /** The final size (fraction ever infected) of every run that is in. */
  finalSizes: readonly number[];
  palette: EnsemblePalette;
  scale: number;
  document?: Document;
}

/** The predictions a reader compares the runs with, for k initial cases among N. */
export interface EnsembleTheory {
  /** Final size of the deterministic model, z = 1 − (1 − k/N) e^(−R0 z) (ever infected). */
  zInf: number;
  /** Branching-process probability of a major outbreak, 1 − R0^(−k) (0 when R0 ≤ 1). */
  major: number;
  /**
   * Probability that nobody beyond the first k cases is infected: each event is a recovery
   * rather than an infection with probability γI / (γI + βIS/N) = 1/(1 + R0 S/N), and S stays
   * N − k until the first infection, so the k recoveries in a row have probability
   * (1 + R0 (N − k)/N)^(−k).
   */
  noSpread: number;
}

export function ensembleTheory(R0: number, N: number, k: number): EnsembleTheory {
  return {
    zInf: finalSize(R0, 1 - k / N, k / N),
    major: R0 > 1 ? 1 - R0 ** -k : 0,
    noSpread: (1 + (R0 * (N - k)) / N) ** -k,
  };
}

const BINS = 50;
const CURVE_POINTS = 120;

function frame(c: EnsembleChart, width: number, height: number): Pick<Plot.PlotOptions, 'width' | 'height' | 'marginLeft' | 'marginRight' | 'marginBottom' | 'marginTop' | 'style' | 'document'> {
  const { scale, palette } = c;
  return {
    ...(c.document ? { document: c.document } : {}),
    width,
    height,
    marginLeft: 48 * scale, marginRight: 22 * scale, marginBottom: 32 * scale, marginTop: 20 * scale,
    style: { fontSize: `${12 * scale}px`, color: palette.fg, background: 'transparent' },
  };
}

/** I(t)/N of each run, faint, and the deterministic curve on top. */
export function runsPlot(c: EnsembleChart, width: number): SVGSVGElement {
  const { palette, scale, lang, N } = c;
  const marks: Plot.Markish[] = [Plot.ruleY([0])];
  // Fainter the more lines overlap, so a crowd of runs still shows where most of them go.
  const opacity = Math.max(0.12, Math.min(0.5, 6 / Math.max(1, c.curves.length)));
  const rows: { t: number; y: number; run: number }[] = [];
  c.curves.forEach((curve, run) => {
    const ts = curve.series['t']!;
    const is = curve.series['I']!;
    // A faint line needs no more than ~120 points; drawing fewer keeps the redraw short.
    const every = Math.max(1, Math.ceil(curve.length / CURVE_POINTS));
    for (let k = 0; k < curve.length; k += every) rows.push({ t: ts[k]!, y: is[k]! / N, run });
  });
  if (rows.length > 0) marks.push(Plot.line(rows, { x: 't', y: 'y', z: 'run', stroke: palette.I, strokeOpacity: opacity, strokeWidth: 1.2 * scale }));
  let yMax = rows.reduce((m, r) => Math.max(m, r.y), 0);
  const ref = c.reference;
  if (ref) {
    const ts = ref.series['t']!;
    const is = ref.series['I']!;
    const pts = Array.from({ length: ref.length }, (_, k) => ({ t: ts[k]!, y: is[k]! / N }));
    yMax = pts.reduce((m, p) => Math.max(m, p.y), yMax);
    marks.push(Plot.line(pts, { x: 't', y: 'y', stroke: palette.fg, strokeWidth: 2.5 * scale }));
  }
  return Plot.plot({
    ...frame(c, width, Math.round(Math.min(320 * scale, Math.max(220, width * 0.5)))),
    x: { domain: [0, c.tMax], label: `${t(lang, 'sir.obs.t')} (${t(lang, 'unit.day')})`, grid: true },
    y: { domain: [0, Math.max(1e-3, yMax * 1.1)], label: ot(lang, 'sirStochastic.widget.infectious'), grid: true, tickFormat: '%' },
    marks,
  }) as SVGSVGElement;
}

/** How many runs ended in each fiftieth of the population (the first bin holds the fizzles). */
export function finalSizeCounts(finalSizes: readonly number[]): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const z of finalSizes) counts[Math.min(BINS - 1, Math.floor(z * BINS))]!++;
  return counts;
}

export function histogramPlot(c: EnsembleChart, width: number): SVGSVGElement {
  const { palette, lang } = c;
  const counts = finalSizeCounts(c.finalSizes);
  const n = Math.max(1, c.finalSizes.length);
  const bars = counts.map((count, i) => ({ x1: i / BINS, x2: (i + 1) / BINS, share: count / n }));
  const theory = ensembleTheory(c.R0, c.N, c.initialInfected);
  const top = Math.max(0.05, ...bars.map((b) => b.share)) * 1.15;
  const marks: Plot.Markish[] = [
    Plot.rectY(bars, { x1: 'x1', x2: 'x2', y: 'share', fill: palette.R, inset: 0.5 }),
    Plot.ruleY([0]),
    Plot.ruleX([MAJOR_OUTBREAK_FRACTION], { stroke: palette.fg, strokeDasharray: '3 4', strokeOpacity: 0.7 }),
    // Lower than the final-size label, in the gap between fizzles and major outbreaks, so the two
    // never overlap on a phone.
    Plot.text([MAJOR_OUTBREAK_FRACTION], { x: (d: number) => d, y: top * 0.72, text: () => ot(lang, 'sirStochastic.widget.majorCut'), textAnchor: 'start', dx: 4, fill: palette.fg }),
  ];
  if (theory.zInf > MAJOR_OUTBREAK_FRACTION) {
    marks.push(Plot.ruleX([theory.zInf], { stroke: palette.fg, strokeWidth: 2 * c.scale }));
    marks.push(Plot.text([theory.zInf], { x: (d: number) => d, y: top, text: () => ot(lang, 'sirStochastic.widget.zInf'), textAnchor: 'end', dx: -4, dy: 4, fill: palette.fg }));
  }
  return Plot.plot({
    ...frame(c, width, Math.round(Math.min(280 * c.scale, Math.max(200, width * 0.42)))),
    x: { domain: [0, 1], label: ot(lang, 'sirStochastic.widget.finalSize'), tickFormat: '%' },
    y: { domain: [0, top], label: ot(lang, 'sirStochastic.widget.shareOfRuns'), grid: true, tickFormat: '%' },
    marks,
  }) as SVGSVGElement;
}

/** What the runs plot shows, in numbers. */
export function runsAlt(lang: Lang, shown: number, total: number, referencePeak: number | undefined): string {
  return ot(lang, 'sirStochastic.widget.runsAlt', {
    shown: String(shown),
    total: String(total),
    peak: referencePeak === undefined ? '—' : formatPercent(lang, referencePeak),
  });
}

/** What the histogram shows: how many runs fizzled, how many became major and where those ended. */
export function histogramAlt(lang: Lang, finalSizes: readonly number[], R0: number, N: number, k: number): string {
  const n = finalSizes.length;
  const major = finalSizes.filter((z) => z > MAJOR_OUTBREAK_FRACTION);
  const mean = major.length > 0 ? major.reduce((a, b) => a + b, 0) / major.length : NaN;
  const theory = ensembleTheory(R0, N, k);
  return ot(lang, 'sirStochastic.widget.histAlt', {
    runs: String(n),
    minor: String(n - major.length),
    major: String(major.length),
    mean: Number.isFinite(mean) ? formatPercent(lang, mean) : '—',
    zInf: formatPercent(lang, theory.zInf),
    theory: formatNumber(lang, theory.major),
  });
}
