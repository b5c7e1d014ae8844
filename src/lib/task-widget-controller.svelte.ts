/**
 * A widget whose picture is one worker task of its parameters (the theremin's signal chain, the
 * field around its antenna): each accepted change asks the worker again. One task runs at a time
 * and only the newest settings wait behind it, so dragging a slider never piles up work; a result
 * for settings already replaced is not shown.
 */
import type { AnySpec } from '../../simulations/core/engine.ts';
import type { TaskId, Tasks } from '../../simulations/registry.ts';
import type { Lang } from '../i18n/index.ts';
import { runTask } from './engine-client.ts';
import { ParamModel, type Values } from './param-model.svelte.ts';

export type TaskStatus = 'loading' | 'running' | 'done' | 'error';

export class TaskWidgetController<K extends TaskId> extends ParamModel {
  status = $state<TaskStatus>('loading');
  error = $state<string | undefined>(undefined);
  result = $state.raw<Tasks[K]['output'] | undefined>(undefined);

  private readonly task: K;
  private readonly input: (params: Values) => Tasks[K]['input'];
  private inFlight = false;
  private pending = false;
  private destroyed = false;

  constructor(spec: AnySpec, lang: Lang, widgetId: string, preset: string | undefined, task: K, input: (params: Values) => Tasks[K]['input'], engineId?: string) {
    super(spec, lang, widgetId, preset, engineId);
    this.task = task;
    this.input = input;
  }

  /** Reads the URL and computes the first picture. */
  start(): void {
    this.applyUrl(location.search);
    this.compute();
  }

  setParam(name: string, value: unknown): boolean {
    if (!this.acceptParam(name, value)) return false;
    this.compute();
    return true;
  }

  applyPreset(name: string): void {
    this.acceptPreset(name);
    this.compute();
  }

  /** After an error: the same settings again (a crashed worker is replaced by a fresh one). */
  retry(): void {
    this.compute();
  }

  /** Something the task reads besides the parameters changed (a dragged hand): ask again. */
  refresh(): void {
    this.compute();
  }

  private compute(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    void this.runNewest();
  }

  private async runNewest(): Promise<void> {
    this.inFlight = true;
    this.status = 'running';
    do {
      this.pending = false;
      try {
        const out = await runTask(this.task, this.input(this.plainParams()));
        if (this.destroyed) return;
        if (!this.pending) {
          this.result = out;
          this.error = undefined;
          this.status = 'done';
        }
      } catch (err) {
        if (this.destroyed) return;
        if (!this.pending) {
          this.error = err instanceof Error ? err.message : String(err);
          this.status = 'error';
        }
      }
    } while (this.pending && !this.destroyed);
    this.inFlight = false;
  }

  override destroy(): void {
    this.destroyed = true;
    super.destroy();
  }
}
