/**
 * Reads a Chromium performance trace of the page's main thread, to say what a long task was made
 * of: how many widgets drew a frame in it, script, style, layout, paint, garbage collection — and
 * how much of its wall-clock time the thread actually ran (CPU time; on a busy machine a task can
 * be much longer than the work in it).
 *
 * Times are converted to the page's clock (performance.now(), ms) through the benchmark's
 * performance.mark()s, which appear in the trace with both clocks.
 */

/** The trace categories needed: task boundaries with CPU time, the timeline events, user marks. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing'];

interface RawEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string; data?: { startTime?: number; type?: string } };
}

interface Node {
  readonly e: RawEvent;
  readonly end: number;
  readonly children: Node[];
}

export type Part = 'script' | 'style' | 'layout' | 'paint' | 'gc' | 'parse' | 'other';
const PARTS: readonly Part[] = ['script', 'style', 'layout', 'paint', 'gc', 'parse', 'other'];

export interface TaskSummary {
  /** Start in page time (ms). */
  readonly start: number;
  readonly wall: number;
  /** Thread CPU time of the task (ms). */
  readonly cpu: number;
  /** requestAnimationFrame callbacks run in it: one per widget that drew a frame. */
  readonly rafCallbacks: number;
  /** DOM events dispatched in it, by type (input, mousemove, scroll, …). */
  readonly events: Record<string, number>;
  /** Wall time by kind of work (self times, ms). */
  readonly parts: Record<Part, number>;
  /** Style recalculation forced synchronously by script (part of `style`). */
  readonly forced: number;
}

const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'EventDispatch', 'TimerFire', 'HandlePostMessage', 'RunMicrotasks', 'v8.run', 'v8.callFunction']);
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet', 'ScheduleStyleRecalculation']);
const LAYOUT = new Set(['Layout', 'IntersectionObserverController::computeIntersections']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers', 'HitTest']);
const PARSE = new Set(['ParseHTML', 'v8.compile', 'v8.compileModule', 'v8.parseOnBackground', 'CompileScript']);

function partOf(name: string): Part | undefined {
  if (/GC|Sweeper|scavenge/i.test(name)) return 'gc';
  if (SCRIPT.has(name)) return 'script';
  if (STYLE.has(name)) return 'style';
  if (LAYOUT.has(name)) return 'layout';
  if (PAINT.has(name)) return 'paint';
  if (PARSE.has(name)) return 'parse';
  return undefined;
}

export class TraceIndex {
  private readonly tasks: Node[] = [];
  /** page ms = (trace µs − offset) / 1000 */
  private readonly offset: number;

  constructor(json: Buffer | string) {
    const parsed = JSON.parse(json.toString()) as { traceEvents?: RawEvent[] } | RawEvent[];
    const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
    const marks = events.filter((e) => e.name.startsWith('bench: ') && typeof e.args?.data?.startTime === 'number');
    const mark = marks[0];
    if (!mark) throw new Error('trace has no benchmark marks');
    this.offset = mark.ts - (mark.args?.data?.startTime as number) * 1000;
    // The page's main thread: CrRendererMain of the renderer that wrote the marks.
    const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === mark.pid && e.args?.name === 'CrRendererMain');
    const tid = main?.tid ?? mark.tid;
    const own = events
      .filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === tid)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    // Nest complete events by time; the outermost ones are the tasks (ThreadControllerImpl::RunTask).
    const stack: Node[] = [];
    for (const e of own) {
      const node: Node = { e, end: e.ts + (e.dur ?? 0), children: [] };
      while (stack.length && !(e.ts >= (stack.at(-1) as Node).e.ts && node.end <= (stack.at(-1) as Node).end)) stack.pop();
      const parent = stack.at(-1);
      if (parent) parent.children.push(node);
      else this.tasks.push(node);
      stack.push(node);
    }
  }

  toPage(ts: number): number {
    return (ts - this.offset) / 1000;
  }

  /** Tasks overlapping [from, to] (page ms), longest first. */
  tasksIn(from: number, to: number): TaskSummary[] {
    const a = from * 1000 + this.offset;
    const b = to * 1000 + this.offset;
    return this.tasks
      .filter((n) => n.end >= a && n.e.ts <= b)
      .map((n) => this.summarise(n))
      .sort((x, y) => y.wall - x.wall);
  }

  private summarise(task: Node): TaskSummary {
    const parts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
    let raf = 0;
    const events: Record<string, number> = {};
    let forced = 0;
    const walk = (n: Node, inherited: Part, inScript: boolean) => {
      const own = partOf(n.e.name) ?? inherited;
      if (n.e.name === 'FireAnimationFrame') raf++;
      if (n.e.name === 'EventDispatch') {
        const type = n.e.args?.data?.type ?? 'event';
        events[type] = (events[type] ?? 0) + 1;
      }
      const childTime = n.children.reduce((s, c) => s + (c.e.dur ?? 0), 0);
      const self = Math.max(0, (n.e.dur ?? 0) - childTime) / 1000;
      parts[own] += self;
      if (inScript && own === 'style') forced += self;
      for (const c of n.children) walk(c, own, inScript || own === 'script');
    };
    walk(task, 'other', false);
    return {
      start: this.toPage(task.e.ts),
      wall: (task.e.dur ?? 0) / 1000,
      cpu: (task.e.tdur ?? task.e.dur ?? 0) / 1000,
      rafCallbacks: raf,
      events,
      parts,
      forced,
    };
  }
}

const r = (x: number) => Math.round(x);

/**
 * "2 rAF callbacks (widget frames) + mousemove, input: script 40, style 25 (18 forced by script),
 * layout 3, paint 9 ms; ran 61 ms of CPU in 77 ms".
 */
export function describeTask(t: TaskSummary): string {
  const what: string[] = [];
  if (t.rafCallbacks) what.push(`${t.rafCallbacks} rAF callback${t.rafCallbacks > 1 ? 's' : ''} (widget frames)`);
  const events = Object.entries(t.events).map(([type, n]) => (n > 1 ? `${n}× ${type}` : type));
  if (events.length) what.push(`events ${events.join(', ')}`);
  const parts = PARTS.filter((p) => t.parts[p] >= 1).map((p) => {
    const v = `${p} ${r(t.parts[p])}`;
    return p === 'style' && t.forced >= 1 ? `${v} (${r(t.forced)} forced by script)` : v;
  });
  const waiting = t.cpu < 0.5 * t.wall ? ' (the rest: waiting — thread descheduled or blocked)' : '';
  return `${what.length ? `${what.join(' + ')}: ` : ''}${parts.join(', ') || 'nothing traced'} ms; ran ${r(t.cpu)} ms of CPU in ${r(t.wall)} ms${waiting}`;
}
