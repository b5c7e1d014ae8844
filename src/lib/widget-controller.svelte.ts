/**
 * The state and behaviour every simulation widget shares, in runes: parameters (validated, with
 * presets and URL sync), the worker session, the newest frame, status and errors. A widget
 * component composes the kit's controls around one of these and draws the frames.
 */
import type { AnySpec, Frame } from '../../simulations/core/engine.ts';
import { isValidSeed, SEED_MAX } from '../../simulations/core/engine.ts';
import { defaultsOf, validateParams } from '../../simulations/core/params.ts';
import { t, tKey, type Lang } from '../i18n/index.ts';
import { framesToCsv } from './csv.ts';
import { Session } from './engine-client.ts';
import { LOAD_LEVELS, LoadGovernor } from './load-governor.svelte.ts';
import { describeParamError, paramLabel } from './param-messages.ts';
import { href } from './routes.ts';
import { EMBED_ID, readWidgetState, writeWidgetState, type UrlProblem } from './url-state.ts';

export type Status = 'loading' | 'paused' | 'running' | 'done' | 'error';
type Values = Record<string, number | boolean | string>;

/** Speeds offered, as multiples of the engine's natural pace; Infinity shows the whole run at once. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, Infinity] as const;

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

/** A widget recovers from a dead worker by itself at most once in this time. */
const RECOVERY_WINDOW_MS = 20_000;

export class WidgetController {
  readonly spec: AnySpec;
  readonly lang: Lang;
  readonly widgetId: string;

  params = $state<Values>({});
  seed = $state(1);
  speed = $state(1);
  status = $state<Status>('loading');
  frame = $state.raw<Frame | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** When the widget last recovered from a dead worker by itself (see recover). */
  private lastRecovery = -Infinity;
  notices = $state<string[]>([]);
  fieldErrors = $state<Record<string, string>>({});
  /** The preset the current parameters equal, if any (reactive: reads runes). */
  get presetName(): string | undefined {
    return matchingPreset(this.spec, this.params);
  }

  private session: Session | undefined;
  private visible = true;
  /** The current run has reached its end (frames of an older run do not count). */
  private finished = false;
  /** Live parameters were changed during the current run: exports then say so. */
  private changedDuringRun = $state(false);
  /** Parameters whose current message comes from a rule across parameters. */
  // Bookkeeping only, never rendered: a plain Set is intended.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly ruleErrors = new Set<string>();
  private playing = false;
  private destroyed = false;
  /** Draws less when the device drops frames (see load-governor). */
  readonly load = new LoadGovernor((level) => this.session?.setMinFrameInterval(LOAD_LEVELS[level]!.frameIntervalMs));
  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(spec: AnySpec, lang: Lang, widgetId: string, preset: string | undefined) {
    this.spec = spec;
    this.lang = lang;
    this.widgetId = widgetId;
    this.params = presetValues(spec, preset);
    if (preset && !Object.hasOwn(spec.presets, preset)) throw new Error(`unknown preset ${preset} for ${spec.id}`);
  }

  /** Reads the URL, opens the session and starts (animated, or all at once for reduced motion). */
  async start(autoplay: boolean, reducedMotion: boolean): Promise<void> {
    this.applyUrl(location.search);
    if (reducedMotion) this.speed = Infinity;
    await this.openSession();
    if (autoplay) await this.play();
  }

  private applyUrl(search: string): void {
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

  private async openSession(): Promise<void> {
    this.status = 'loading';
    this.error = undefined;
    this.finished = false;
    this.changedDuringRun = false;
    const sent = this.plainParams();
    const sentSeed = this.seed;
    try {
      this.session = await Session.open(
        { engine: this.spec.id, params: sent, seed: sentSeed },
        { onFrame: (f) => this.receive(f), onError: (m, workerDied) => (workerDied ? void this.recover(m) : this.fail(m)) },
      );
      if (this.destroyed) {
        this.session.close();
        return;
      }
      this.session.setVisible(this.visible);
      this.session.setMinFrameInterval(this.load.settings.frameIntervalMs);
      await this.session.setSpeed(this.speedFactor());
      // The reader may have moved a control while the worker was starting: catch up.
      const now = this.plainParams();
      if (Object.keys(now).some((k) => !Object.is(now[k], sent[k]))) await this.session.setParams(now);
      if (this.seed !== sentSeed) await this.session.reset(this.seed);
      if (this.status === 'loading') this.status = 'paused';
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
    }
  }

  private receive(frame: Frame): void {
    const old = this.frame;
    this.frame = frame;
    if (old && this.session) this.session.giveBack(old);
    if (this.status === 'error') return;
    this.finished = frame.done;
    if (frame.done) {
      this.playing = false;
      this.load.stop();
      this.status = 'done';
    } else this.status = this.playing ? 'running' : 'paused';
  }

  /**
   * The worker under this widget stopped (killed, crashed, unresponsive): start again in a new
   * worker with the same settings and seed (so the same run), and keep playing if it was. Only
   * once in RECOVERY_WINDOW_MS: a worker that keeps dying is shown as an error with a restart button.
   */
  private async recover(message: string): Promise<void> {
    const now = performance.now();
    if (now - this.lastRecovery < RECOVERY_WINDOW_MS || this.destroyed) {
      this.fail(message);
      return;
    }
    this.lastRecovery = now;
    const wasPlaying = this.playing;
    this.notices = [...this.notices, t(this.lang, 'widget.recovered')];
    await this.restart();
    if (wasPlaying && this.status !== 'error') await this.play();
  }

  private fail(message: string): void {
    this.playing = false;
    this.load.stop();
    this.status = 'error';
    this.error = message.replace(/[.。]\s*$/, '');
  }

  /** A plain copy of the parameters: rune proxies cannot cross postMessage. */
  private plainParams(): Values {
    return $state.snapshot(this.params);
  }

  private speedFactor(): number {
    return Number.isFinite(this.speed) ? this.speed : 1e12;
  }

  async play(): Promise<void> {
    if (!this.session || this.status === 'error') return;
    if (this.finished) await this.restartRun();
    this.playing = true;
    this.status = 'running';
    this.load.start();
    await this.session.play();
  }

  async pause(): Promise<void> {
    this.playing = false;
    this.load.stop();
    if (this.status === 'running') this.status = 'paused';
    await this.session?.pause();
  }

  toggle(): Promise<void> {
    return this.playing ? this.pause() : this.play();
  }

  async step(): Promise<void> {
    await this.pause();
    await this.session?.step();
  }

  async reset(): Promise<void> {
    await this.pause();
    await this.restartRun();
  }

  /** The same parameters from t = 0 (a new generation: frames of the old run are dropped). */
  private async restartRun(): Promise<void> {
    this.finished = false;
    this.changedDuringRun = false;
    await this.session?.reset(this.seed);
  }

  async setSpeed(speed: number): Promise<void> {
    this.speed = speed;
    await this.session?.setSpeed(this.speedFactor());
  }

  /** After an error: a new session in a (possibly new) worker, with the reader's settings intact. */
  async restart(): Promise<void> {
    this.session?.close();
    this.session = undefined;
    this.frame = undefined;
    await this.openSession();
  }

  /**
   * Validates one changed value against all the others. A bad value is reported beside its control
   * and not applied; a good one goes to the worker — live into the running state, otherwise by
   * rebuilding. A finished run is replayed so the change is visible.
   */
  async setParam(name: string, value: unknown): Promise<boolean> {
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
    await this.pushParams();
    return true;
  }

  async applyPreset(name: string): Promise<void> {
    this.params = presetValues(this.spec, name);
    this.fieldErrors = {};
    await this.pushParams();
  }

  async setSeed(seed: number): Promise<boolean> {
    if (!isValidSeed(seed)) {
      this.fieldErrors = { ...this.fieldErrors, seed: t(this.lang, 'seed.error', { max: SEED_MAX }) };
      return false;
    }
    const errors = { ...this.fieldErrors };
    delete errors['seed'];
    this.fieldErrors = errors;
    this.seed = seed;
    this.syncUrlSoon();
    const wasPlaying = this.playing;
    await this.restartRun();
    if (wasPlaying) await this.play();
    return true;
  }

  private async pushParams(): Promise<void> {
    this.syncUrlSoon();
    if (!this.session || this.status === 'error') return;
    const wasDone = this.finished;
    const how = await this.session.setParams(this.plainParams());
    if (how === 'rebuilt') {
      this.finished = false;
      this.changedDuringRun = false;
    } else if (how === 'live' && !wasDone) this.changedDuringRun = true;
    // Show the consequence at once: a rebuilt run, or a finished one, plays again from the start.
    if (wasDone && how === 'live') await this.restartRun();
    if (wasDone || (how === 'rebuilt' && !this.playing)) await this.play();
  }

  /** Keeps the address bar in step with the widget, so a reload keeps what the reader did. */
  private syncUrlSoon(): void {
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      const search = writeWidgetState(location.search, this.widgetId, this.spec, this.params, this.seed);
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }, 250);
  }

  /** Off-screen widgets keep simulating but stop redrawing until they are seen again. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.session?.setVisible(visible);
  }

  /**
   * HTML that embeds this widget, in its current state, in another page or a slide: an iframe of
   * the widget's own page with minimal chrome (`/<lang>/embed/<engine>/`).
   */
  embedCode(): string {
    const search = writeWidgetState('', EMBED_ID, this.spec, this.params, this.seed);
    const src = `${location.origin}${href(this.lang, `embed/${this.spec.id}/`)}${search}`;
    const title = tKey(this.lang, `${labelPrefix(this.spec)}.widget.label`).replace(/"/g, '&quot;');
    return `<iframe src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="${title}" width="100%" height="900" style="border:0" loading="lazy" allow="fullscreen; clipboard-write" allowfullscreen></iframe>`;
  }

  /** A link that opens this page with this widget in its current state. */
  link(): string {
    const search = writeWidgetState(location.search, this.widgetId, this.spec, this.params, this.seed);
    return `${location.origin}${location.pathname}${search}#${this.widgetId}`;
  }

  csv(): string | undefined {
    if (!this.frame) return undefined;
    const generator = this.changedDuringRun ? `${location.href} (parameters changed during the run; values are the latest)` : location.href;
    return framesToCsv({ engine: this.spec, params: this.plainParams(), seed: this.seed, frame: this.frame, generator });
  }

  /** Whether live parameters changed during the current run (the CLI line then reproduces a run with the latest values from the start). */
  get modifiedRun(): boolean {
    return this.changedDuringRun;
  }

  /** The CLI line that reproduces the current state headless. */
  cliLine(): string {
    const flags = Object.keys(this.spec.params)
      .filter((k) => !Object.is(this.params[k], presetValues(this.spec, undefined)[k]))
      .map((k) => `--${k}=${String(this.params[k])}`);
    if (this.spec.stochastic) flags.push(`--seed=${this.seed}`);
    return ['npm run sim --', this.spec.id, ...flags, '--format=csv', `--out=${this.widgetId}.csv`].join(' ');
  }

  presetLabel(name: string): string {
    return tKey(this.lang, `${labelPrefix(this.spec)}.preset.${name}`);
  }

  destroy(): void {
    this.destroyed = true;
    this.load.stop();
    clearTimeout(this.urlTimer);
    this.session?.close();
  }
}
