/**
 * Puts the validator's structured errors into words, for the widget, the URL parser and the CLI.
 * Engines hold no human-language text; this is where their errors become sentences.
 */
import type { ParamError, ParamSchema } from '../../simulations/core/params.ts';
import { t, tKey, type Lang } from '../i18n/index.ts';

/** `label` names the parameter: the CLI passes the flag (`--R0`), the UI the translated label. */
export function describeParamError(lang: Lang, err: ParamError, label: string): string {
  const value = typeof err.value === 'string' ? err.value : JSON.stringify(err.value) ?? String(err.value);
  const a = err.allowed;
  const vars: Record<string, string | number> = { param: label, value: truncate(value) };
  if ('min' in a) {
    vars['min'] = a.min;
    vars['max'] = a.max;
  }
  if ('options' in a) vars['options'] = a.options.join(', ');
  if ('rule' in a) vars['rule'] = tKey(lang, a.rule, { limit: a.limit ?? '' });
  return t(lang, `param.error.${err.code}`, vars);
}

/** Hostile input can be long: keep messages readable. */
function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The translated label of a parameter, or its raw name for unknown parameters. */
export function paramLabel(lang: Lang, schema: ParamSchema, name: string): string {
  const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
  return spec ? tKey(lang, spec.label) : name;
}
