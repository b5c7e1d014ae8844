/**
 * Parameter schemas and the one validator that serves widgets, URLs and the CLI.
 *
 * An engine declares each parameter once. Labels and units are i18n keys / unit ids, never
 * human-language text: the site and the CLI put them into words. Validation never clamps: a value
 * outside its range is an error naming the parameter, and the caller decides what to show.
 */

/** Unit ids; the dictionaries in src/i18n word them (`unit.<id>`). */
export type UnitId =
  | '' | 'day' | 'per-day' | 'people' | 'fraction' | 'event' | 'sweep' | 'step'
  // electrostatics and circuits (the theremin)
  | 'm' | 'cm' | 'mm' | 'pF' | 'mH' | 'kHz' | 'Hz' | 'us' | 'ms' | 'V' | 'position' | 'sample';

interface ParamBase {
  /** i18n key of the label, e.g. `sir.param.R0`. */
  readonly label: string;
  /**
   * live: a change is applied to the running state (temperature, a contact factor);
   * structural: a change rebuilds the state (N, lattice size).
   */
  readonly live: boolean;
}

export interface NumberParam extends ParamBase {
  readonly kind: 'number' | 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Slider granularity for the UI; validation does not round to it. */
  readonly step: number;
  readonly unit: UnitId;
  /** Suggests a logarithmic slider (populations spanning decades). */
  readonly scale?: 'linear' | 'log';
}

export interface BooleanParam extends ParamBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export interface ChoiceParam extends ParamBase {
  readonly kind: 'choice';
  readonly default: string;
  readonly options: readonly string[];
}

export type ParamSpec = NumberParam | BooleanParam | ChoiceParam;
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** The value type each spec validates to. */
export type ValueOf<S extends ParamSpec> = S extends NumberParam
  ? number
  : S extends BooleanParam
    ? boolean
    : S extends ChoiceParam
      ? string
      : never;

export type ParamValues<S extends ParamSchema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export type ParamErrorCode =
  | 'unknown-param'
  | 'not-a-number'
  | 'not-finite'
  | 'not-integer'
  | 'below-min'
  | 'above-max'
  | 'not-boolean'
  | 'not-an-option'
  /** A rule across parameters, named by `rule` (an i18n key). */
  | 'constraint';

/** What was allowed, in data: the UI and the CLI word it. */
export type Allowed =
  | { readonly min: number; readonly max: number; readonly integer: boolean }
  | { readonly options: readonly string[] }
  | { readonly boolean: true }
  | { readonly rule: string; readonly limit?: number }
  | { readonly none: true };

export interface ParamError {
  readonly param: string;
  readonly value: unknown;
  readonly allowed: Allowed;
  readonly code: ParamErrorCode;
}

export type Validation<V> =
  | { readonly ok: true; readonly params: V }
  | { readonly ok: false; readonly errors: readonly ParamError[] };

export function defaultsOf<S extends ParamSchema>(schema: S): ParamValues<S> {
  const out: Record<string, number | boolean | string> = {};
  for (const [name, spec] of Object.entries(schema)) out[name] = spec.default;
  return out as ParamValues<S>;
}

function allowedOf(spec: ParamSpec): Allowed {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return { min: spec.min, max: spec.max, integer: spec.kind === 'integer' };
    case 'choice':
      return { options: spec.options };
    case 'boolean':
      return { boolean: true };
  }
}

/**
 * Reads a raw value (a number from a slider, or a string from a URL or a command line) against
 * its spec. Strings must be complete decimal numbers: "3abc", "", "0x10" and " " are rejected,
 * unlike Number() or parseFloat().
 */
export function checkValue(name: string, spec: ParamSpec, raw: unknown): ParamError | { value: number | boolean | string } {
  const fail = (code: ParamErrorCode): ParamError => ({ param: name, value: raw, allowed: allowedOf(spec), code });
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      let x: number;
      if (typeof raw === 'number') x = raw;
      else if (typeof raw === 'string' && DECIMAL.test(raw.trim()) && raw.trim() === raw) x = Number(raw);
      else return fail('not-a-number');
      if (Number.isNaN(x)) return fail('not-a-number');
      if (!Number.isFinite(x)) return fail('not-finite');
      if (spec.kind === 'integer' && !Number.isInteger(x)) return fail('not-integer');
      if (x < spec.min) return fail('below-min');
      if (x > spec.max) return fail('above-max');
      return { value: x };
    }
    case 'boolean': {
      if (raw === true || raw === 'true' || raw === '1') return { value: true };
      if (raw === false || raw === 'false' || raw === '0') return { value: false };
      return fail('not-boolean');
    }
    case 'choice': {
      if (typeof raw === 'string' && spec.options.includes(raw)) return { value: raw };
      return fail('not-an-option');
    }
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A rule across parameters (e.g. initial infected + vaccinated ≤ N); returns its violations. */
export type CrossCheck<V> = (params: V) => readonly ParamError[];

/**
 * Validates a partial set of raw values on top of a base (defaults unless given). Unknown names are
 * errors, never silently dropped. Returns every error, not just the first.
 */
export function validateParams<S extends ParamSchema>(
  schema: S,
  raw: Readonly<Record<string, unknown>>,
  crossCheck?: CrossCheck<ParamValues<S>>,
  base: ParamValues<S> = defaultsOf(schema),
): Validation<ParamValues<S>> {
  const errors: ParamError[] = [];
  const out: Record<string, number | boolean | string> = { ...base };
  for (const [name, value] of Object.entries(raw)) {
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!spec) {
      errors.push({ param: name, value, allowed: { none: true }, code: 'unknown-param' });
      continue;
    }
    const r = checkValue(name, spec, value);
    if ('code' in r) errors.push(r);
    else out[name] = r.value;
  }
  if (errors.length === 0 && crossCheck) errors.push(...crossCheck(out as ParamValues<S>));
  return errors.length ? { ok: false, errors } : { ok: true, params: out as ParamValues<S> };
}

/** Names of parameters whose values differ between a and b. */
export function changedParams<V extends Record<string, unknown>>(a: V, b: V): string[] {
  return Object.keys(a).filter((k) => !Object.is(a[k], b[k]));
}

/** True when every changed parameter is live, so the running state can keep going. */
export function onlyLiveChanged(schema: ParamSchema, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return changedParams(a, b).every((k) => schema[k]?.live === true);
}
