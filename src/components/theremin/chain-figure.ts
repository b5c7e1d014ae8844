/**
 * The signal chain's preset state as a static figure (print, no JavaScript), simulated at build
 * time by the same task the widget's worker runs.
 */
import { parseHTML } from 'linkedom';
import { thereminCircuitSpec } from '../../../simulations/theremin-circuit/spec.ts';
import { chainTask } from '../../../simulations/theremin-circuit/tasks.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { tt } from '../../i18n/theremin.ts';
import { formatNumber } from '../../lib/format.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE } from '../sir/sir-plots.ts';
import { audioAlt, audioPlot, rfAlt, rfPlot, spectrumAlt, spectrumPlot } from './chain-plots.ts';

const WIDTH = 330;

export function chainFigure(lang: Lang, preset: string | undefined): StaticFigure {
  const over = preset && Object.hasOwn(thereminCircuitSpec.presets, preset) ? thereminCircuitSpec.presets[preset as keyof typeof thereminCircuitSpec.presets] : {};
  const out = chainTask({ params: over ?? {} });
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const palette = { fg: PRINT_PALETTE.fg, pitch: PRINT_PALETTE.S, fixed: PRINT_PALETTE.I, mixer: PRINT_PALETTE.R, audio: PRINT_PALETTE.E };
  const chart = { lang, out, palette, scale: 1, document: document as unknown as Document };
  const m = out.measured;
  return {
    title: t(lang, 'thereminCircuit.widget.label'),
    caption: `${tt(lang, 'chain.stage.handValue', { dc: formatNumber(lang, out.params.handCapacitance, 3) })}: f₁ = ${formatNumber(lang, m.pitch / 1e3, 6)} kHz, f₂ = ${formatNumber(lang, m.fixed / 1e3, 6)} kHz, f₂ − f₁ = ${formatNumber(lang, m.beat, 4)} Hz. ${tt(lang, 'chain.about')}`,
    legend: [
      { label: tt(lang, 'chain.legendPitch'), color: palette.pitch },
      { label: tt(lang, 'chain.legendFixed'), color: palette.fixed },
      { label: tt(lang, 'chain.legendMixer'), color: palette.mixer },
      { label: tt(lang, 'chain.legendAudio'), color: palette.audio },
    ],
    charts: [
      { svg: rfPlot(chart, WIDTH).outerHTML, alt: rfAlt(lang, out), label: tt(lang, 'chain.rfPlot', { us: formatNumber(lang, out.rf.t.at(-1) ?? 0, 2) }) },
      { svg: audioPlot(chart, WIDTH).outerHTML, alt: audioAlt(lang, out), label: tt(lang, 'chain.audioPlot') },
      { svg: spectrumPlot(chart, WIDTH).outerHTML, alt: spectrumAlt(lang, out), label: tt(lang, 'chain.spectrumPlot') },
    ],
  };
}
