/**
 * SIR on a contact network in continuous time, event-driven (the exact Markov process, no time
 * step; Kiss, Miller & Simon, "Mathematics of Epidemics on Networks", Springer (2017), ch. 1 and
 * appendix A, doi:10.1007/978-3-319-50806-1). When a person is infected at time t, their recovery
 * is drawn at t + Exp(γ), and for each susceptible neighbour a transmission at t + Exp(β); a
 * transmission that would come after the recovery never happens. Pending events wait in a
 * calendar queue (event-queue.ts); an infection that finds its target no longer susceptible (as
 * does one superseded by an earlier infection of the same person) is skipped. Each edge carries
 * infection with probability T = β/(β + γ), the transmissibility of bond percolation (Newman,
 * Phys. Rev. E 66, 016128 (2002), doi:10.1103/PhysRevE.66.016128).
 *
 * Work unit: events (infections and recoveries). Observed on the schedule t = kΔ like the other
 * engines. The network is built from the same random stream before the epidemic starts.
 */
import { defineEngine, type AdvanceResult, type EngineInstance, type Frame, type SeriesBuffers, type Snapshot } from '../core/engine.ts';
import { Rng } from '../core/rng.ts';
import { observeUntil, SeriesStore, type SeriesSnapshot } from '../core/series.ts';
import { EventQueue, type QueueContents } from './event-queue.ts';
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

interface NetworkSnapshot {
  readonly rng: Uint32Array;
  readonly state: Uint8Array;
  readonly infectAt: Float64Array;
  readonly queue: QueueContents;
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
  /** Pending infections and recoveries, item 2 × node + kind. */
  private readonly queue: EventQueue;
  /** A use of the loads in prefetch(), so that they are not optimized away (public for that). */
  prefetched = 0;
  /** Scratch for infect(): neighbours that may be infected, and when. */
  private readonly targets: Int32Array;
  private readonly targetTimes: Float64Array;
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
    this.infector = new Int32Array(n).fill(-1);
    const degrees = degreeStatistics(this.graph);
    this.degreeCounts = degrees.counts;
    this.queue = new EventQueue((items, count) => this.prefetch(items, count));
    this.targets = new Int32Array(degrees.counts.length);
    this.targetTimes = new Float64Array(degrees.counts.length);
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
    const { rng, queue, state, infectAt, targets, targetTimes } = this;
    const recovery = t + rng.exponentialZiggurat(gamma);
    queue.push(recovery, 2 * v + RECOVER);
    if (beta <= 0) return;
    // Three passes, the first two without branches (+(condition) is 0 or 1): whether a neighbour
    // is susceptible, and whether a transmission beats the recovery, are coin tosses to the CPU,
    // and as ifs every wrong guess flushes the pipeline, often waiting on a load that missed the
    // cache. The draws are the same, in the same order, as in a single loop.
    const { offsets, neighbours } = this.graph;
    let susceptible = 0;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = neighbours[e]!;
      targets[susceptible] = w;
      susceptible += +(state[w] === SUSCEPTIBLE);
    }
    let reached = 0;
    for (let j = 0; j < susceptible; j++) {
      const when = t + rng.exponentialZiggurat(beta);
      targets[reached] = targets[j]!;
      targetTimes[reached] = when;
      reached += +(when < recovery);
    }
    for (let j = 0; j < reached; j++) {
      const w = targets[j]!;
      const when = targetTimes[j]!;
      if (when < infectAt[w]!) {
        infectAt[w] = when;
        this.infector[w] = v;
        queue.push(when, 2 * w + INFECT);
      }
    }
  }

  /**
   * Starts loading the contact lists of the people about to be infected, a slot of the queue at a
   * time. Each list is read once per run, at a random place in a large array (4 MB for 10^5
   * people with 10 contacts each), so it is rarely in the cache; touched together, the lists of a
   * slot load in parallel rather than one after another as their infections come out.
   */
  private prefetch(items: Int32Array, count: number): void {
    const { offsets, neighbours } = this.graph;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const item = items[k]!;
      // Someone about to be infected has a contact: the one infecting them.
      if ((item & 1) === INFECT) sum += neighbours[offsets[item >> 1]!]!;
    }
    this.prefetched = sum;
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
    if (this.ended) return { work: 0, done: true, progress: 1 };
    const { tMax, outputInterval } = this.p;
    const { queue, state } = this;
    // The next observation time: the schedule is consulted only when one is due.
    let observeAt = this.nextObs * outputInterval;
    let events = 0;
    while (events < budget) {
      if (!queue.peek()) {
        this.recordUntil(tMax, true);
        this.ended = true;
        break;
      }
      const t = queue.time;
      const item = queue.item;
      if (t > tMax) {
        this.recordUntil(tMax, true);
        this.t = tMax;
        this.ended = true;
        break;
      }
      queue.removePeeked();
      const v = item >> 1;
      const infection = (item & 1) === INFECT;
      // Stale: already infected. A person's earliest pending infection comes out first, so the
      // superseded later ones always find them infected.
      if (infection && state[v] !== SUSCEPTIBLE) continue;
      if (t > observeAt) {
        this.recordUntil(t, false);
        observeAt = this.nextObs * outputInterval;
      }
      this.t = t;
      if (infection) {
        this.infect(v, t);
        if (this.I > this.peakI) {
          this.peakI = this.I;
          this.peakT = t;
        }
      } else {
        state[v] = RECOVERED;
        this.I--;
        this.R++;
        if (this.I === 0) this.endTime = t;
      }
      events++;
    }
    this.events += events;
    return { work: events, done: this.ended, progress: this.ended ? 1 : Math.min(1, this.t / tMax) };
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
    const snap: NetworkSnapshot = {
      rng: this.rng.getState(),
      state: this.state.slice(),
      infectAt: this.infectAt.slice(),
      queue: this.queue.contents(),
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
    this.queue.load(s.queue);
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
