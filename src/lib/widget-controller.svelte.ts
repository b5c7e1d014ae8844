/**
 * A widget that animates one run: the worker session, the newest frame, play/pause/step, status,
 * errors and recovery, on top of the settings every widget shares (ParamModel). A widget
 * component composes the kit's controls around one of these and draws the frames.
 */
import type { Frame } from '../../simulations/core/engine.ts';
import { t } from '../i18n/index.ts';
import { framesToCsv } from './csv.ts';
import { Session } from './engine-client.ts';
import { LOAD_LEVELS, LoadGovernor } from './load-governor.svelte.ts';
import { ParamModel } from './param-model.svelte.ts';

export type Status = 'loading' | 'paused' | 'running' | 'done' | 'error';

/** Speeds offered, as multiples of the engine's natural pace; Infinity shows the whole run at once. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, Infinity] as const;

/** A widget recovers from a dead worker by itself at most once in this time. */
const RECOVERY_WINDOW_MS = 20_000;

export class WidgetController extends ParamModel {
  speed = $state(1);
  status = $state<Status>('loading');
  frame = $state.raw<Frame | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** When the widget last recovered from a dead worker by itself (see recover). */
  private lastRecovery = -Infinity;

  private session: Session | undefined;
  private visible = true;
  /** The current run has reached its end (frames of an older run do not count). */
  private finished = false;
  /** Live parameters were changed during the current run: exports then say so. */
  private changedDuringRun = $state(false);
  private playing = false;
  private destroyed = false;
  /** Draws less when the device drops frames (see load-governor). */
  readonly load = new LoadGovernor((level) => this.session?.setMinFrameInterval(LOAD_LEVELS[level]!.frameIntervalMs));

  /** Reads the URL, opens the session and starts (animated, or all at once for reduced motion). */
  async start(autoplay: boolean, reducedMotion: boolean): Promise<void> {
    this.applyUrl(location.search);
    if (reducedMotion) this.speed = Infinity;
    await this.openSession();
    if (autoplay) await this.play();
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
   * A good value goes to the worker — live into the running state, otherwise by rebuilding; a
   * bad one stays beside its control (see ParamModel.acceptParam).
   */
  async setParam(name: string, value: unknown): Promise<boolean> {
    if (!this.acceptParam(name, value)) return false;
    await this.pushParams();
    return true;
  }

  async applyPreset(name: string): Promise<void> {
    this.acceptPreset(name);
    await this.pushParams();
  }

  async setSeed(seed: number): Promise<boolean> {
    if (!this.acceptSeed(seed)) return false;
    const wasPlaying = this.playing;
    await this.restartRun();
    if (wasPlaying) await this.play();
    return true;
  }

  private async pushParams(): Promise<void> {
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

  /** Off-screen widgets keep simulating but stop redrawing until they are seen again. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.session?.setVisible(visible);
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

  override destroy(): void {
    super.destroy();
    this.destroyed = true;
    this.load.stop();
    this.session?.close();
  }
}
