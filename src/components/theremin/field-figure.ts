/**
 * The field view's opening state as a static figure (print, no JavaScript), computed at build time
 * by the same tasks the widget's worker runs.
 */
import { parseHTML } from 'linkedom';
import { capacitanceCurveTask, fieldPictureTask } from '../../../simulations/theremin-field/tasks.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { tt } from '../../i18n/theremin.ts';
import { formatNumber } from '../../lib/format.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE } from '../sir/sir-plots.ts';
import { curveAlt, curvePlot, fieldAlt, fieldPlot } from './field-plots.ts';

const GAP = 10;

export function fieldFigure(lang: Lang): StaticFigure {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const doc = document as unknown as Document;
  const picture = fieldPictureTask({ gap: GAP, columns: 97, lines: 20 });
  const curve = capacitanceCurveTask({});
  const palette = { fg: PRINT_PALETTE.fg, bg: '#ffffff', lines: PRINT_PALETTE.I, conductor: PRINT_PALETTE.S, hand: PRINT_PALETTE.E };
  return {
    title: t(lang, 'thereminField.widget.label'),
    caption: `${tt(lang, 'figure.fieldSettings', { gap: GAP, C: formatNumber(lang, picture.capacitance, 4), dC: formatNumber(lang, picture.handCapacitance, 3) })} ${tt(lang, 'field.about')}`,
    legend: [
      { label: tt(lang, 'field.legendPotential'), color: palette.conductor },
      { label: tt(lang, 'field.legendLines'), color: palette.lines },
    ],
    charts: [
      { svg: fieldPlot({ lang, picture, palette, scale: 1, document: doc }, 360).outerHTML, alt: fieldAlt(lang, picture, GAP), label: tt(lang, 'field.plot') },
      {
        svg: curvePlot({ lang, curve, gap: GAP, handCapacitance: picture.handCapacitance, palette: { fg: palette.fg, curve: palette.conductor, mark: palette.lines }, scale: 1, document: doc }, 320).outerHTML,
        alt: curveAlt(lang, curve),
        label: tt(lang, 'field.curvePlot'),
      },
    ],
  };
}
