/**
 * The ensemble widget's preset as a static figure (print, no JavaScript): the same runs the widget
 * computes first (streams 0 … R−1 of seed 1), run in Node at build time and drawn by the widget's
 * own chart code.
 */
import { parseHTML } from 'linkedom';
import { runToEnd } from '../../../simulations/core/engine.ts';
import { sirEngine } from '../../../simulations/sir/index.ts';
import { sirParams, type SirParams } from '../../../simulations/sir/params.ts';
import { sirStochasticEngine } from '../../../simulations/sir-stochastic/index.ts';
import { sirStochasticSpec, type SirStochasticParams } from '../../../simulations/sir-stochastic/spec.ts';
import { defaultsOf } from '../../../simulations/core/params.ts';
import { t, tKey, type Lang } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { presetValues } from '../../lib/param-model.svelte.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE } from '../sir/sir-plots.ts';
import { histogramAlt, histogramPlot, runsAlt, runsPlot, type Curve, type EnsembleChart } from './ensemble-plots.ts';
import { DEFAULT_RUNS, DRAWN_RUNS, ENSEMBLE_CONTROLS, type EnsemblePreset } from './ensemble-setup.ts';
import { ot } from '../../i18n/outbreaks.ts';

const WIDTH = 330;
/** The widget's first seed. */
const SEED = 1;

export function ensemblePresetFigure(lang: Lang, preset: EnsemblePreset): StaticFigure {
  const p = presetValues(sirStochasticSpec, preset) as SirStochasticParams;
  const curves: Curve[] = [];
  const finalSizes: number[] = [];
  for (let stream = 0; stream < DEFAULT_RUNS; stream++) {
    const run = sirStochasticEngine.create(p, SEED, stream);
    runToEnd(run, Number.MAX_SAFE_INTEGER);
    const f = run.observe();
    finalSizes.push(f.summary['finalSize']!);
    if (stream < DRAWN_RUNS) curves.push({ length: f.length, series: { t: f.series['t']!, I: f.series['I']! } });
  }
  const det: SirParams = { ...defaultsOf(sirParams), R0: p.R0, gamma: p.gamma, N: p.N, initialInfected: p.initialInfected, tMax: p.tMax, outputInterval: 1 };
  const ref = sirEngine.create(det, 0);
  runToEnd(ref, Number.MAX_SAFE_INTEGER);
  const rf = ref.observe();
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart: EnsembleChart = {
    lang, N: p.N, R0: p.R0, initialInfected: p.initialInfected, tMax: p.tMax, curves, reference: rf, finalSizes,
    palette: { fg: PRINT_PALETTE.fg, I: PRINT_PALETTE.I, R: PRINT_PALETTE.R }, scale: 1, document: document as unknown as Document,
  };
  const values: Record<string, number> = { ...p, runs: DEFAULT_RUNS } as unknown as Record<string, number>;
  const settings = ENSEMBLE_CONTROLS.map((k) => `${tKey(lang, k === 'runs' ? 'ensemble.runs' : `sir.param.${k}`)} = ${formatNumber(lang, values[k]!)}`);
  settings.push(`${t(lang, 'widget.seed')} = ${SEED}`);
  const peak = Math.max(...Array.from(rf.series['I']!.subarray(0, rf.length))) / p.N;
  return {
    title: tKey(lang, `sirStochastic.preset.${preset}`),
    caption: `${t(lang, 'figure.presetState')}${lang === 'ja' ? '' : ' '}${settings.join(lang === 'ja' ? '、' : ', ')}`,
    legend: [
      { label: ot(lang, 'sirStochastic.widget.legendRuns', { n: String(DRAWN_RUNS) }), color: PRINT_PALETTE.I },
      { label: ot(lang, 'sirStochastic.widget.legendReference'), color: PRINT_PALETTE.fg },
    ],
    charts: [
      { svg: runsPlot(chart, WIDTH).outerHTML, alt: runsAlt(lang, DRAWN_RUNS, DEFAULT_RUNS, peak), label: ot(lang, 'sirStochastic.widget.runsPlot') },
      { svg: histogramPlot(chart, WIDTH).outerHTML, alt: histogramAlt(lang, finalSizes, p.R0, p.N, p.initialInfected), label: ot(lang, 'sirStochastic.widget.histPlot') },
    ],
  };
}
