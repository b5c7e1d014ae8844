/**
 * The fit widget's opening state as a static figure (print, no JavaScript): the boarding-school
 * data and the least-squares fit, computed at build time by the same task the widget's worker
 * runs. The bootstrap (200 simulated outbreaks, seconds of work) is left to the live widget.
 */
import { parseHTML } from 'linkedom';
import { boardingSchool1978, boardingSchoolCounts as SCHOOL } from '../../../simulations/sir-fit/data.ts';
import { fitTask } from '../../../simulations/sir-fit/tasks.ts';
import { t, type Lang } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import type { StaticFigure } from '../lesson/static-figure.ts';
import { PRINT_PALETTE } from '../sir/sir-plots.ts';
import { dataAlt, dataPlot, residualAlt, residualPlot, type FitChart } from './fit-plots.ts';
import { ot } from '../../i18n/outbreaks.ts';

const WIDTH = 330;

export function fitFigure(lang: Lang): StaticFigure {
  const { fit, curve } = fitTask({ day: SCHOOL.day, count: SCHOOL.count, N: boardingSchool1978.population });
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart: FitChart = {
    lang, day: SCHOOL.day, count: SCHOOL.count, fit, curve, samples: [], interval: undefined,
    palette: { fg: PRINT_PALETTE.fg, I: PRINT_PALETTE.I, R: PRINT_PALETTE.R }, scale: 1, document: document as unknown as Document,
  };
  const values = [
    `${ot(lang, 'fit.widget.R0')} = ${formatNumber(lang, fit.R0)}`,
    `${ot(lang, 'fit.widget.beta')} = ${formatNumber(lang, fit.beta)} ${t(lang, 'unit.per-day')}`,
    `${ot(lang, 'fit.widget.infectiousDays')} = ${formatNumber(lang, 1 / fit.gamma)} ${t(lang, 'unit.day')}`,
    `N = ${boardingSchool1978.population}`,
  ];
  return {
    title: ot(lang, 'fit.widget.school'),
    caption: `${boardingSchool1978.source}. ${values.join(lang === 'ja' ? '、' : ', ')}`,
    legend: [
      { label: ot(lang, 'fit.widget.legendSchool'), color: PRINT_PALETTE.fg },
      { label: ot(lang, 'fit.widget.legendFit'), color: PRINT_PALETTE.I },
    ],
    charts: [
      { svg: dataPlot(chart, WIDTH).outerHTML, alt: dataAlt(lang, chart), label: ot(lang, 'fit.widget.dataPlot') },
      { svg: residualPlot(chart, WIDTH).outerHTML, alt: residualAlt(lang, fit), label: ot(lang, 'fit.widget.residualPlot') },
    ],
  };
}
