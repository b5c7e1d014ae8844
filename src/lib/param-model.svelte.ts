/**
 * What every widget does with its settings, whatever it runs: parameters validated against the
 * engine's schema (a bad value is reported beside its control and never applied), presets, the
 * seed, the state in the page URL, and the link, embed code and CLI line that reproduce it.
 * WidgetController (one animated run) and EnsembleController (many runs) build on it.
 */
import type { AnySpec } from '../../simulations/core/engine.ts';
import { isValidSeed, SEED_MAX } from '../../simulations/core/engine.ts';
import { defaultsOf, validateParams } from '../../simulations/core/params.ts';
import { t, tKey, type Lang } from '../i18n/index.ts';
import { describeParamError, paramLabel } from './param-messages.ts';
import { href } from './routes.ts';
import { EMBED_ID, readWidgetState, writeWidgetState, type UrlProblem } from './url-state.ts';

export type Values = Record<string, number | boolean | string>;

export function presetValues(spec: AnySpec, preset: string | undefined): Values {
  const base = defaultsOf(spec.params) as Values;
  const over = preset && Object.hasOwn(spec.presets, preset) ? (spec.presets[preset] as Values) : {};
  return { ...base, ...over };
}

/** The name of the preset these values equal, if any. */
export function matchingPreset(spec: AnySpec, values: Values): string | undefined {
  return Object.keys(spec.presets).find((name) => {
    const p = presetValues(spec, name);
    return Object.keys(p).every((k) => Object.is(p[k], values[k]));
  });
}

/** The i18n prefix of an engine's own strings: 'sir.name' → 'sir'. */
export function labelPrefix(spec: AnySpec): string {
  return spec.label.replace(/\.name$/, '');
}

export class ParamModel {
  readonly spec: AnySpec;
  readonly lang: Lang;
  readonly widgetId: string;
  /** The engine whose CLI command and embed page reproduce this widget (its spec's id unless told). */
  readonly engineId: string;

  params = $state<Values>({});
  seed = $state(1);
  notices = $state<string[]>([]);
  fieldErrors = $state<Record<string, string>>({});
  /** The preset the current parameters equal, if any (reactive: reads runes). */
  get presetName(): string | undefined {
    return matchingPreset(this.spec, this.params);
  }

  /** Parameters whose current message comes from a rule across parameters. */
  // Bookkeeping only, never rendered: a plain Set is intended.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly ruleErrors = new Set<string>();
  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(spec: AnySpec, lang: Lang, widgetId: string, preset: string | undefined, engineId = spec.id) {
    this.spec = spec;
    this.lang = lang;
    this.widgetId = widgetId;
    this.engineId = engineId;
    this.params = presetValues(spec, preset);
    if (preset && !Object.hasOwn(spec.presets, preset)) throw new Error(`unknown preset ${preset} for ${spec.id}`);
  }

  /** Takes this widget's state from the URL; what cannot be used is listed in `notices`. */
  protected applyUrl(search: string): void {
    const state = readWidgetState(search, this.widgetId, this.spec);
    const notices = state.problems.map((p) => this.describeUrlProblem(p));
    const start = state.preset !== undefined ? presetValues(this.spec, state.preset) : this.params;
    const candidate = { ...start, ...state.params };
    const v = validateParams(this.spec.params, candidate, this.spec.crossCheck);
    if (v.ok) this.params = v.params as Values;
    else {
      // A combination that breaks a rule (each value fine alone): keep the preset's values.
      for (const e of v.errors) notices.push(this.describeUrlProblem({ kind: 'param', error: e }));
    }
    if (state.seed !== undefined) this.seed = state.seed;
    this.notices = notices;
  }

  private describeUrlProblem(p: UrlProblem): string {
    const { lang } = this;
    if (p.kind === 'version') return t(lang, 'widget.urlVersionUnknown', { version: p.value });
    if (p.kind === 'preset') return t(lang, 'widget.urlPresetUnknown', { value: p.value });
    if (p.kind === 'seed') return t(lang, 'widget.urlProblem', { param: t(lang, 'widget.seed'), value: p.value, reason: t(lang, 'seed.error', { max: SEED_MAX }) });
    const label = paramLabel(lang, this.spec.params, p.error.param);
    return t(lang, 'widget.urlProblem', { param: label, value: String(p.error.value), reason: describeParamError(lang, p.error, label) });
  }

  /** A plain copy of the parameters: rune proxies cannot cross postMessage. */
  protected plainParams(): Values {
    return $state.snapshot(this.params);
  }

  /**
   * Validates one changed value against all the others. A bad value is reported beside its control
   * and not applied (false); a good one replaces the parameters and is written to the URL (true).
   */
  protected acceptParam(name: string, value: unknown): boolean {
    const candidate = { ...this.params, [name]: value };
    const v = validateParams(this.spec.params, candidate, this.spec.crossCheck);
    const errors = { ...this.fieldErrors };
    delete errors[name];
    // Rules across parameters are re-judged on every change: drop their old messages.
    for (const k of this.ruleErrors) delete errors[k];
    this.ruleErrors.clear();
    if (!v.ok) {
      for (const e of v.errors) {
        const message = describeParamError(this.lang, e, paramLabel(this.lang, this.spec.params, e.param));
        errors[e.param] = message;
        if (e.code === 'constraint') {
          this.ruleErrors.add(e.param);
          // The rule is broken by the value just changed, too: say so beside that control.
          if (e.param !== name) {
            errors[name] = message;
            this.ruleErrors.add(name);
          }
        }
      }
      this.fieldErrors = errors;
      return false;
    }
    this.fieldErrors = errors;
    this.params = v.params as Values;
    this.syncUrlSoon();
    return true;
  }

  protected acceptPreset(name: string): void {
    this.params = presetValues(this.spec, name);
    this.fieldErrors = {};
    this.syncUrlSoon();
  }

  protected acceptSeed(seed: number): boolean {
    if (!isValidSeed(seed)) {
      this.fieldErrors = { ...this.fieldErrors, seed: t(this.lang, 'seed.error', { max: SEED_MAX }) };
      return false;
    }
    const errors = { ...this.fieldErrors };
    delete errors['seed'];
    this.fieldErrors = errors;
    this.seed = seed;
    this.syncUrlSoon();
    return true;
  }

  /** Keeps the address bar in step with the widget, so a reload keeps what the reader did. */
  private syncUrlSoon(): void {
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      const search = writeWidgetState(location.search, this.widgetId, this.spec, this.params, this.seed);
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }, 250);
  }

  /**
   * HTML that embeds this widget, in its current state, in another page or a slide: an iframe of
   * the widget's own page with minimal chrome (`/<lang>/embed/<engine>/`).
   */
  embedCode(): string {
    const search = writeWidgetState('', EMBED_ID, this.spec, this.params, this.seed);
    const src = `${location.origin}${href(this.lang, `embed/${this.engineId}/`)}${search}`;
    const title = tKey(this.lang, `${labelPrefix(this.spec)}.widget.label`).replace(/"/g, '&quot;');
    return `<iframe src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="${title}" width="100%" height="900" style="border:0" loading="lazy" allow="fullscreen; clipboard-write" allowfullscreen></iframe>`;
  }

  /** A link that opens this page with this widget in its current state. */
  link(): string {
    const search = writeWidgetState(location.search, this.widgetId, this.spec, this.params, this.seed);
    return `${location.origin}${location.pathname}${search}#${this.widgetId}`;
  }

  /** The CLI line that reproduces the current state headless. */
  cliLine(): string {
    const defaults = defaultsOf(this.spec.params) as Values;
    const flags = Object.keys(this.spec.params)
      .filter((k) => !Object.is(this.params[k], defaults[k]))
      .map((k) => `--${k}=${String(this.params[k])}`);
    if (this.spec.stochastic) flags.push(`--seed=${this.seed}`);
    return ['npm run sim --', this.engineId, ...flags, '--format=csv', `--out=${this.widgetId}.csv`].join(' ');
  }

  presetLabel(name: string): string {
    return tKey(this.lang, `${labelPrefix(this.spec)}.preset.${name}`);
  }

  destroy(): void {
    clearTimeout(this.urlTimer);
  }
}
