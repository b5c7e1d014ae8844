/**
 * The network widget's preset as a static figure (print, no JavaScript): the run the widget shows
 * first (seed 1), computed in Node at build time; the epidemic curve and the degree distribution
 * drawn by the widget's own chart code. (The canvas picture needs a browser.)
 */
import { parseHTML } from 'linkedom';
import { runToEnd } from '../../../simulations/core/engine.ts';
import { sirNetworkEngine } from '../../../simulations/sir-network/index.ts';
import { sirNetworkSpec, type SirNetworkParams } from '../../../simulations/sir-network/spec.ts';
import { t, tKey, type Lang } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { presetValues } from '../../lib/param-model.svelte.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE } from '../sir/sir-plots.ts';
import { curveAlt, curvePlot, degreeAlt, degreePlot, type NetworkChart } from './network-plots.ts';
import type { NetworkPreset } from './network-setup.ts';
import { ot } from '../../i18n/outbreaks.ts';

const WIDTH = 330;
const SEED = 1;

export function networkPresetFigure(lang: Lang, preset: NetworkPreset): StaticFigure {
  const p = presetValues(sirNetworkSpec, preset) as SirNetworkParams;
  const run = sirNetworkEngine.create(p, SEED);
  runToEnd(run, Number.MAX_SAFE_INTEGER);
  const frame = run.observe();
  const n = frame.summary['nodes']!;
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart: NetworkChart = {
    lang, frame, degreeCounts: frame.fields?.['degreeCounts'], n, tMax: p.tMax, logDegrees: p.network === 'powerlaw' || p.network === 'ba',
    palette: { fg: PRINT_PALETTE.fg, S: PRINT_PALETTE.S, I: PRINT_PALETTE.I, R: PRINT_PALETTE.R }, scale: 1, document: document as unknown as Document,
  };
  const shown: (keyof SirNetworkParams)[] = ['network', 'N', 'meanDegree', 'beta', 'gamma'];
  const settings = shown.map((k) => `${tKey(lang, sirNetworkSpec.params[k].label)} = ${typeof p[k] === 'number' ? formatNumber(lang, p[k]) : String(p[k])}`);
  settings.push(`${t(lang, 'widget.seed')} = ${SEED}`);
  return {
    title: tKey(lang, `sirNetwork.preset.${preset}`),
    caption: `${t(lang, 'figure.presetState')}${lang === 'ja' ? '' : ' '}${settings.join(lang === 'ja' ? '、' : ', ')}`,
    legend: (['S', 'I', 'R'] as const).map((g) => ({ label: tKey(lang, `sir.obs.${g}`), color: PRINT_PALETTE[g] })),
    charts: [
      { svg: curvePlot(chart, WIDTH).outerHTML, alt: curveAlt(lang, frame.summary), label: ot(lang, 'net.widget.curvePlot') },
      { svg: degreePlot(chart, WIDTH).outerHTML, alt: degreeAlt(lang, chart.degreeCounts, n), label: ot(lang, 'net.widget.degreePlot') },
    ],
  };
}
