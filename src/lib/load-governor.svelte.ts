/**
 * Adapts how much a widget draws to what the device manages. While a widget plays, it watches
 * the page's frame rate; when frames drop (the median of the last 30 frame intervals above
 * SLOW_MS, under about 35 frames per second) it steps down a level: fewer chart redraws per second
 * and fewer points per curve. After CALM_MS of smooth frames it steps back up. Only drawing
 * changes: the worker computes exactly the same run, and the readouts and the CSV file are those
 * of the full run.
 */
export const LOAD_LEVELS = [
  { frameIntervalMs: 40, points: 240 },
  { frameIntervalMs: 100, points: 160 },
  { frameIntervalMs: 250, points: 100 },
] as const;

const WINDOW = 30;
const SLOW_MS = 28;
const SMOOTH_MS = 20;
const CALM_MS = 8000;

export class LoadGovernor {
  /** 0 = full drawing; higher = lighter (reactive). */
  level = $state(0);
  private readonly onChange: (level: number) => void;
  private intervals: number[] = [];
  private raf = 0;
  private last = 0;
  private smoothSince = 0;
  /** Consecutive windows with dropped frames. */
  private slowWindows = 0;

  constructor(onChange: (level: number) => void) {
    this.onChange = onChange;
  }

  get settings(): (typeof LOAD_LEVELS)[number] {
    return LOAD_LEVELS[this.level]!;
  }

  start(): void {
    if (this.raf || typeof requestAnimationFrame === 'undefined') return;
    this.last = performance.now();
    this.smoothSince = this.last;
    this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  stop(): void {
    // Also runs during server-side rendering (a component's destroy), where there are no frames.
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.intervals = [];
    this.slowWindows = 0;
  }

  private tick(now: number): void {
    const dt = now - this.last;
    this.last = now;
    // A hidden tab pauses animation frames; that gap says nothing about the device.
    if (dt < 1000) this.intervals.push(dt);
    if (this.intervals.length >= WINDOW) {
      const median = [...this.intervals].sort((a, b) => a - b)[WINDOW >> 1]!;
      this.intervals = [];
      this.slowWindows = median > SLOW_MS ? this.slowWindows + 1 : 0;
      if (this.slowWindows >= 2 && this.level < LOAD_LEVELS.length - 1) this.set(this.level + 1, now);
      else if (median > SMOOTH_MS) this.smoothSince = now;
      else if (this.level > 0 && now - this.smoothSince > CALM_MS) this.set(this.level - 1, now);
    }
    this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  private set(level: number, now: number): void {
    this.level = level;
    this.smoothSince = now;
    this.slowWindows = 0;
    this.onChange(level);
  }
}
