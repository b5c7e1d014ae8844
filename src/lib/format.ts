/** Number formatting shared by widgets, data tables, CSV notes and the CLI. */
import type { Lang } from '../i18n/index.ts';
import { tKey } from '../i18n/index.ts';
import type { UnitId } from '../../simulations/core/params.ts';

const locales: Record<Lang, string> = { ja: 'ja-JP', en: 'en-GB' };

/** Three significant digits by default; integers up to 10^7 in full with grouping. */
export function formatNumber(lang: Lang, x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return x.toLocaleString(locales[lang]);
  if (x !== 0 && (Math.abs(x) >= 1e7 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1).replace('e+', 'e');
  return x.toLocaleString(locales[lang], { maximumSignificantDigits: digits });
}

export function formatPercent(lang: Lang, fraction: number, digits = 3): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  return (fraction * 100).toLocaleString(locales[lang], { maximumSignificantDigits: digits }) + ' %';
}

/** The unit as words ("days", "日"); empty for dimensionless. */
export function unitText(lang: Lang, unit: UnitId): string {
  return unit === '' ? '' : tKey(lang, `unit.${unit}`);
}
