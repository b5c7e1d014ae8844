/**
 * A widget's state in the page URL: `?<widgetId>.v=1&<widgetId>.R0=2.5&<widgetId>.seed=7`.
 * Several widgets share one URL, each under its own prefix. The format version lets links pasted
 * into slides survive renames: parameters renamed since the link's version are mapped forward.
 *
 * Reading never throws and never trusts the URL: every value is validated like any other input,
 * and a bad one yields a problem (shown to the reader) and the widget's own value instead.
 */
import type { AnySpec } from '../../simulations/core/engine.ts';
import { SEED_MAX } from '../../simulations/core/engine.ts';
import { checkValue, type ParamError } from '../../simulations/core/params.ts';

export type UrlProblem =
  | { readonly kind: 'param'; readonly error: ParamError }
  | { readonly kind: 'seed'; readonly value: string }
  | { readonly kind: 'version'; readonly value: string }
  | { readonly kind: 'preset'; readonly value: string };

export interface UrlState {
  /** Parameters the URL set validly (raw names already mapped through renames). */
  readonly params: Record<string, number | boolean | string>;
  readonly seed: number | undefined;
  /** A named preset to start from (`<widgetId>.preset=…`); explicit parameters override it. */
  readonly preset: string | undefined;
  readonly problems: readonly UrlProblem[];
  /** True when the URL mentioned this widget at all. */
  readonly present: boolean;
}

/** The widget id (URL prefix) of the widget on an embed page (`/<lang>/embed/<engine>/`). */
export const EMBED_ID = 'embed';

/** Values longer than this are rejected outright (no legitimate parameter needs it). */
const MAX_VALUE_LENGTH = 64;

export function readWidgetState(search: string, widgetId: string, spec: AnySpec): UrlState {
  const query = new URLSearchParams(search);
  const prefix = `${widgetId}.`;
  const entries = [...query.entries()].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v] as const);
  const problems: UrlProblem[] = [];
  const params: Record<string, number | boolean | string> = {};
  let seed: number | undefined;
  let preset: string | undefined;

  const versionRaw = entries.find(([k]) => k === 'v')?.[1];
  let version = spec.urlFormat.version;
  if (versionRaw !== undefined) {
    const v = Number(versionRaw);
    const known = /^\d{1,4}$/.test(versionRaw) && v >= 1 && v <= spec.urlFormat.version;
    // An unknown (newer or malformed) version is read as the current one, with a notice.
    if (known) version = v;
    else problems.push({ kind: 'version', value: versionRaw.slice(0, MAX_VALUE_LENGTH) });
  }

  for (const [rawName, value] of entries) {
    if (rawName === 'v') continue;
    if (rawName === 'preset') {
      if (Object.hasOwn(spec.presets, value)) preset = value;
      else problems.push({ kind: 'preset', value: value.slice(0, MAX_VALUE_LENGTH) });
      continue;
    }
    if (rawName === 'seed') {
      const n = Number(value);
      if (/^\d{1,10}$/.test(value) && n <= SEED_MAX) seed = n;
      else problems.push({ kind: 'seed', value: value.slice(0, MAX_VALUE_LENGTH) });
      continue;
    }
    const name = renamed(spec, version, rawName);
    const paramSpec = Object.hasOwn(spec.params, name) ? spec.params[name] : undefined;
    if (!paramSpec) {
      problems.push({
        kind: 'param',
        error: { param: rawName.slice(0, MAX_VALUE_LENGTH), value: value.slice(0, MAX_VALUE_LENGTH), allowed: { none: true }, code: 'unknown-param' },
      });
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      problems.push({ kind: 'param', error: { param: name, value: value.slice(0, MAX_VALUE_LENGTH), allowed: { none: true }, code: 'not-a-number' } });
      continue;
    }
    const r = checkValue(name, paramSpec, value);
    if ('code' in r) problems.push({ kind: 'param', error: r });
    else params[name] = r.value;
  }
  return { params, seed, preset, problems, present: entries.length > 0 };
}

/** Follows the renames recorded for every format version after the link's own. */
function renamed(spec: AnySpec, fromVersion: number, name: string): string {
  let current = name;
  for (let v = fromVersion; v < spec.urlFormat.version; v++) {
    const map = spec.urlFormat.renames[v];
    if (map && Object.hasOwn(map, current)) current = map[current] as string;
  }
  return current;
}

/**
 * Returns `search` with this widget's keys replaced by the given state (other widgets' keys and
 * unrelated parameters are kept).
 */
export function writeWidgetState(
  search: string,
  widgetId: string,
  spec: AnySpec,
  params: Readonly<Record<string, unknown>>,
  seed: number | undefined,
): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(`${widgetId}.`)) query.delete(key);
  query.set(`${widgetId}.v`, String(spec.urlFormat.version));
  for (const name of Object.keys(spec.params)) {
    if (Object.hasOwn(params, name)) query.set(`${widgetId}.${name}`, String(params[name]));
  }
  if (seed !== undefined && spec.stochastic) query.set(`${widgetId}.seed`, String(seed));
  const s = query.toString();
  return s ? `?${s}` : '';
}

/** A widget's raw URL values by key (without its prefix), for widgets whose state is not an engine's parameters. */
export function widgetKeys(search: string, widgetId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (k.startsWith(`${widgetId}.`)) out[k.slice(widgetId.length + 1)] = v;
  return out;
}

/** `search` with this widget's keys replaced by `entries` (keys without the prefix). */
export function withWidgetKeys(search: string, widgetId: string, entries: readonly (readonly [string, string])[]): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(`${widgetId}.`)) query.delete(key);
  for (const [k, v] of entries) query.set(`${widgetId}.${k}`, v);
  const s = query.toString();
  return s ? `?${s}` : '';
}
