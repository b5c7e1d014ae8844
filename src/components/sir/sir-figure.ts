/**
 * A preset's state as static figures, for print and no-JavaScript reading: the engine run to the
 * end in Node at build time and drawn by the widget's own chart code into a server-side document.
 */
import { parseHTML } from 'linkedom';
import { runToEnd } from '../../../simulations/core/engine.ts';
import { sirEngine } from '../../../simulations/sir/index.ts';
import { INTERVENTION_PARAMS } from '../../../simulations/sir/params.ts';
import { sirSpec } from '../../../simulations/sir/spec.ts';
import { t, tKey, type Lang } from '../../i18n/index.ts';
import { presetValues } from '../../lib/param-model.svelte.ts';
import { formatNumber } from '../../lib/format.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE, restrictionWindow, phaseAlt, phasePlot, sirGroups, sirView, timeAlt, timePlot, type SirChart } from './sir-plots.ts';

/** Width of each chart in CSS pixels: two side by side fill an A4 text width (about 680 px at 96 dpi). */
const WIDTH = 330;

export function sirPresetFigure(lang: Lang, preset: keyof typeof sirSpec.presets, capacity?: number): StaticFigure {
  const params = presetValues(sirSpec, preset) as Parameters<typeof sirEngine.create>[0];
  const run = sirEngine.create(params, 0);
  runToEnd(run, Number.MAX_SAFE_INTEGER);
  const frame = run.observe();
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const seir = params.model === 'SEIR';
  const chart: SirChart = {
    lang,
    view: sirView(frame, params.N, 400),
    summary: frame.summary,
    R0: params.R0,
    tMax: params.tMax,
    seir,
    groups: sirGroups(seir, params.vaccinated),
    palette: PRINT_PALETTE,
    scale: 1,
    window: restrictionWindow(params),
    capacity,
    document: document as unknown as Document,
  };
  // The settings that matter for this figure: interventions only when the preset sets them.
  const defaults = presetValues(sirSpec, 'basic');
  const shown = Object.keys(sirSpec.params).filter(
    (k) => k !== 'outputInterval' && (k !== 'sigma' || seir) && (!(INTERVENTION_PARAMS as readonly string[]).includes(k) || params[k as keyof typeof params] !== defaults[k]),
  );
  const settings = shown.map((k) => `${tKey(lang, `sir.param.${k}`)} = ${typeof params[k as keyof typeof params] === 'number' ? formatNumber(lang, params[k as keyof typeof params] as number) : String(params[k as keyof typeof params])}`);
  return {
    title: tKey(lang, `sir.preset.${preset}`),
    caption: `${t(lang, 'figure.presetState')}${lang === 'ja' ? '' : ' '}${settings.join(lang === 'ja' ? '、' : ', ')}`,
    legend: chart.groups.map((g) => ({ label: tKey(lang, `sir.obs.${g}`), color: PRINT_PALETTE[g] })),
    charts: [
      { svg: timePlot(chart, WIDTH).outerHTML, alt: timeAlt(lang, frame.summary), label: t(lang, 'sir.widget.timePlot') },
      { svg: phasePlot(chart, WIDTH).outerHTML, alt: phaseAlt(lang, params.R0), label: t(lang, seir ? 'sir.widget.phasePlotSeir' : 'sir.widget.phasePlot') },
    ],
  };
}
