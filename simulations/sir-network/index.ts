/**
 * SIR on a contact network in continuous time, event-driven (the exact Markov process, no time
 * step; Kiss, Miller & Simon, "Mathematics of Epidemics on Networks", Springer (2017), ch. 1 and
 * appendix A, doi:10.1007/978-3-319-50806-1). When a person is infected at time t, their recovery
 * is drawn at t + Exp(γ), and for each susceptible neighbour a transmission at t + Exp(β); a
 * transmission that would come after the recovery never happens. Pending events wait in a binary
 * heap ordered by time; an infection that finds its target no longer susceptible, or superseded
 * by an earlier one, is skipped. Each edge carries infection with probability T = β/(β + γ), the
 * transmissibility of bond percolation (Newman, Phys. Rev. E 66, 016128 (2002),
 * doi:10.1103/PhysRevE.66.016128).
 *
 * Work unit: events (infections and recoveries). Observed on the schedule t = kΔ like the other
 * engines. The network is built from the same random stream before the epidemic starts.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { Rng } from '../core/rng.ts';
import { observeUntil, SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { buildGraph, type Graph, type GraphKind } from './graphs.ts';
import { sirNetworkSpec, type SirNetworkParams } from './spec.ts';

const SERIES = ['t', 'S', 'I', 'R'] as const;
const SUSCEPTIBLE = 0, INFECTIOUS = 1, RECOVERED = 2;
const INFECT = 0, RECOVER = 1;
/**
 * The first infections kept as (person, infector) pairs for the page's picture of who infected
 * whom; a few hundred is what a reader can see, and the tree is sent with every frame.
 */
const TREE_MAX = 400;

/**
 * A min-heap of events in two typed arrays: the time, and the node and kind packed as
 * 2 × node + kind (one array fewer to move on every sift). Grows by doubling.
 */
class EventHeap {
  time = new Float64Array(1024);
  item = new Int32Array(1024);
  size = 0;

  push(t: number, item: number): void {
    if (this.size === this.time.length) this.grow();
    const time = this.time;
    const items = this.item;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = time[parent]!;
      if (tp <= t) break;
      time[i] = tp;
      items[i] = items[parent]!;
      i = parent;
    }
    time[i] = t;
    items[i] = item;
  }

  /** Removes the earliest event; read it from time[0] and item[0] before calling. */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const time = this.time;
    const items = this.item;
    const t = time[last]!;
    const item = items[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && time[child + 1]! < time[child]!) child++;
      const tc = time[child]!;
      if (tc >= t) break;
      time[i] = tc;
      items[i] = items[child]!;
      i = child;
    }
    time[i] = t;
    items[i] = item;
  }

  private grow(): void {
    const time = new Float64Array(this.time.length * 2);
    const item = new Int32Array(this.item.length * 2);
    time.set(this.time);
    item.set(this.item);
    this.time = time;
    this.item = item;
  }
}

interface NetworkSnapshot {
  readonly rng: Uint32Array;
  readonly state: Uint8Array;
  readonly infectAt: Float64Array;
  readonly recoverAt: Float64Array;
  readonly heap: { time: Float64Array; item: Int32Array; size: number };
  readonly counters: readonly number[];
  readonly store: SeriesSnapshot;
  readonly infector: Int32Array;
  readonly tree: Int32Array;
}

class NetworkSir implements EngineInstance<SirNetworkParams> {
  private readonly p: SirNetworkParams;
  private readonly rng: Rng;
  readonly graph: Graph;
  private readonly state: Uint8Array;
  /** The earliest pending infection time of each susceptible node (Infinity: none). */
  private readonly infectAt: Float64Array;
  private readonly recoverAt: Float64Array;
  /** Who infected each person (−1: a first case, or not infected). */
  private readonly infector: Int32Array;
  /** (person, infector) of the first TREE_MAX infections, in order. */
  private readonly tree = new Int32Array(2 * TREE_MAX);
  private treeLength = 0;
  /** How many people have k contacts, k = 0 … max. */
  private readonly degreeCounts: Float64Array;
  /** The small world's rewired edges (ring distance beyond the lattice's reach), as node pairs. */
  private readonly shortcuts: Int32Array;
  private readonly meanDegree: number;
  /** T_c = ⟨k⟩/(⟨k²⟩ − ⟨k⟩): the bond-percolation threshold of a configuration model with these degrees. */
  private readonly threshold: number;
  private readonly heap = new EventHeap();
  private readonly store = new SeriesStore(SERIES);
  private readonly row = new Float64Array(SERIES.length);
  private t = 0;
  private S: number;
  private I = 0;
  private R = 0;
  private events = 0;
  private nextObs = 0;
  private peakI = 0;
  private peakT = 0;
  /** When the last infected person recovered (NaN while the epidemic goes on). */
  private endTime = NaN;
  private ended = false;

  constructor(params: SirNetworkParams, seed: number, stream: number) {
    this.p = { ...params };
    this.rng = Rng.stream(seed, stream);
    this.graph = buildGraph(this.rng, { kind: params.network as GraphKind, n: params.N, meanDegree: params.meanDegree, exponent: params.exponent, rewire: params.rewire });
    const n = this.graph.n;
    this.state = new Uint8Array(n);
    this.infectAt = new Float64Array(n).fill(Infinity);
    this.recoverAt = new Float64Array(n);
    this.infector = new Int32Array(n).fill(-1);
    const degrees = degreeStatistics(this.graph);
    this.degreeCounts = degrees.counts;
    this.meanDegree = degrees.mean;
    this.threshold = degrees.threshold;
    this.shortcuts = params.network === 'smallworld' ? ringShortcuts(this.graph, params.meanDegree) : new Int32Array(0);
    this.S = n;
    // The first cases: distinct nodes chosen uniformly (a partial Fisher–Yates shuffle).
    const order = new Int32Array(n);
    for (let v = 0; v < n; v++) order[v] = v;
    const k = Math.min(params.initialInfected, n);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.rng.uniform() * (n - i));
      const v = order[j]!;
      order[j] = order[i]!;
      order[i] = v;
      this.infect(v, 0);
    }
    this.peakI = this.I;
  }

  private infect(v: number, t: number): void {
    const { beta, gamma } = this.p;
    this.state[v] = INFECTIOUS;
    this.S--;
    this.I++;
    if (this.treeLength < TREE_MAX) {
      this.tree[2 * this.treeLength] = v;
      this.tree[2 * this.treeLength + 1] = this.infector[v]!;
      this.treeLength++;
    }
    const recovery = t + this.rng.exponentialZiggurat(gamma);
    this.recoverAt[v] = recovery;
    this.heap.push(recovery, 2 * v + RECOVER);
    if (beta <= 0) return;
    const { offsets, neighbours } = this.graph;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const w = neighbours[e]!;
      if (this.state[w] !== SUSCEPTIBLE) continue;
      const when = t + this.rng.exponentialZiggurat(beta);
      if (when < recovery && when < this.infectAt[w]!) {
        this.infectAt[w] = when;
        this.infector[w] = v;
        this.heap.push(when, 2 * w + INFECT);
      }
    }
  }

  private recordUntil(until: number, inclusive: boolean): void {
    this.nextObs = observeUntil(this.nextObs, this.p.outputInterval, this.p.tMax, until, inclusive, this.recordRow);
  }

  private readonly recordRow = (tk: number): void => {
    this.row[0] = tk;
    this.row[1] = this.S;
    this.row[2] = this.I;
    this.row[3] = this.R;
    this.store.push(this.row);
  };


  advance(budget: number): AdvanceResult {
    const before = this.events;
    const { tMax } = this.p;
    const heap = this.heap;
    while (!this.ended && this.events - before < budget) {
      if (heap.size === 0) {
        this.recordUntil(tMax, true);
        this.ended = true;
        break;
      }
      const t = heap.time[0]!;
      const item = heap.item[0]!;
      const v = item >> 1;
      const kind = item & 1;
      if (t > tMax) {
        this.recordUntil(tMax, true);
        this.t = tMax;
        this.ended = true;
        break;
      }
      heap.pop();
      if (kind === INFECT) {
        // Stale: already infected by an earlier transmission.
        if (this.state[v] !== SUSCEPTIBLE || this.infectAt[v] !== t) continue;
        this.recordUntil(t, false);
        this.t = t;
        this.infect(v, t);
        if (this.I > this.peakI) {
          this.peakI = this.I;
          this.peakT = t;
        }
      } else {
        this.recordUntil(t, false);
        this.t = t;
        this.state[v] = RECOVERED;
        this.I--;
        this.R++;
        if (this.I === 0) this.endTime = t;
      }
      this.events++;
    }
    return { work: this.events - before, done: this.ended, progress: this.ended ? 1 : Math.min(1, this.t / tMax) };
  }

  observe(reuse?: SeriesBuffers): Frame {
    const n = this.graph.n;
    const { beta, gamma } = this.p;
    return {
      work: this.events,
      progress: this.ended ? 1 : Math.min(1, this.t / this.p.tMax),
      done: this.ended,
      length: this.store.length,
      series: this.store.copyOut(reuse),
      summary: {
        time: this.t,
        duration: this.endTime,
        events: this.events,
        finalSize: (n - this.S) / n,
        peakPrevalence: this.peakI / n,
        peakTime: this.peakT,
        extinct: this.I === 0 ? 1 : 0,
        nodes: n,
        edges: this.graph.neighbours.length / 2,
        transmissibility: beta / (beta + gamma),
        meanDegree: this.meanDegree,
        threshold: this.threshold,
      },
      fields: {
        state: this.state.slice(),
        tree: this.tree.slice(0, 2 * this.treeLength),
        degreeCounts: this.degreeCounts.slice(),
        shortcuts: this.shortcuts.slice(),
      },
    };
  }

  setLiveParams(): void {
    // Every parameter is structural: a change rebuilds the run.
  }

  snapshot(): Snapshot {
    const h = this.heap;
    const snap: NetworkSnapshot = {
      rng: this.rng.getState(),
      state: this.state.slice(),
      infectAt: this.infectAt.slice(),
      recoverAt: this.recoverAt.slice(),
      heap: { time: h.time.slice(0, h.size), item: h.item.slice(0, h.size), size: h.size },
      counters: [this.t, this.S, this.I, this.R, this.events, this.nextObs, this.peakI, this.peakT, this.ended ? 1 : 0, this.endTime],
      store: this.store.snapshot(),
      infector: this.infector.slice(),
      tree: this.tree.slice(0, 2 * this.treeLength),
    };
    return snap;
  }

  restore(snapshot: Snapshot): void {
    const s = snapshot as NetworkSnapshot;
    this.rng.setState(s.rng);
    this.state.set(s.state);
    this.infectAt.set(s.infectAt);
    this.recoverAt.set(s.recoverAt);
    const h = this.heap;
    h.size = 0;
    while (h.time.length < s.heap.size) h.push(0, 0);
    h.time.set(s.heap.time);
    h.item.set(s.heap.item);
    h.size = s.heap.size;
    const [t, S, I, R, events, nextObs, peakI, peakT, ended, endTime] = s.counters as number[];
    this.endTime = endTime!;
    this.t = t!;
    this.S = S!;
    this.I = I!;
    this.R = R!;
    this.events = events!;
    this.nextObs = nextObs!;
    this.peakI = peakI!;
    this.peakT = peakT!;
    this.ended = ended === 1;
    this.store.restore(s.store);
    this.infector.set(s.infector);
    this.tree.set(s.tree);
    this.treeLength = s.tree.length / 2;
  }
}

/** The degree distribution and the threshold T_c = ⟨k⟩/(⟨k²⟩ − ⟨k⟩) (Infinity when ⟨k²⟩ ≤ ⟨k⟩). */
function degreeStatistics(g: Graph): { counts: Float64Array; mean: number; threshold: number } {
  let kMax = 0;
  for (let v = 0; v < g.n; v++) kMax = Math.max(kMax, g.offsets[v + 1]! - g.offsets[v]!);
  const counts = new Float64Array(kMax + 1);
  let k1 = 0;
  let k2 = 0;
  for (let v = 0; v < g.n; v++) {
    const k = g.offsets[v + 1]! - g.offsets[v]!;
    counts[k]!++;
    k1 += k;
    k2 += k * k;
  }
  k1 /= g.n;
  k2 /= g.n;
  return { counts, mean: k1, threshold: k2 > k1 ? k1 / (k2 - k1) : Infinity };
}

/** Edges of a Watts–Strogatz ring longer than its k nearest neighbours reach: the rewired ones. */
function ringShortcuts(g: Graph, k: number): Int32Array {
  const reach = Math.max(1, Math.floor(k / 2));
  const pairs: number[] = [];
  for (let u = 0; u < g.n; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const w = g.neighbours[e]!;
      const d = Math.abs(u - w);
      if (u < w && Math.min(d, g.n - d) > reach) pairs.push(u, w);
    }
  }
  return Int32Array.from(pairs);
}

export const sirNetworkEngine = defineEngine(sirNetworkSpec, (params, seed, stream = 0) => new NetworkSir(params, seed, stream));
