/**
 * Contact networks as compressed adjacency lists (CSR: `offsets[v]..offsets[v+1]` index the
 * neighbours of v in `neighbours`), simple and undirected, built from the engine's seeded Rng so
 * the same (parameters, seed) give the same graph everywhere.
 *
 * - `er`: Erdős–Rényi G(N, p), p = k/(N − 1), by geometric skipping over the pairs (Batagelj &
 *   Brandes, Phys. Rev. E 71, 036113 (2005), doi:10.1103/PhysRevE.71.036113): O(N + M).
 * - `regular`, `powerlaw`: the configuration model (random matching of stubs; Newman, Strogatz &
 *   Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118), with self-loops and
 *   repeated edges erased; power-law degrees p_k ∝ k^−α for kMin ≤ k ≤ √N, with the whole kMin
 *   whose mean comes closest to the one asked for (the mean moves in steps as kMin does).
 * - `ba`: Barabási–Albert preferential attachment, m = k/2 edges per new node (Science 286, 509
 *   (1999), doi:10.1126/science.286.5439.509).
 * - `lattice`: the square lattice with periodic boundaries, N = L², degree 4.
 * - `smallworld`: Watts–Strogatz (Nature 393, 440 (1998), doi:10.1038/30918): a ring where each
 *   node links to its k nearest neighbours, each edge rewired with probability `rewire`.
 */
import { log, powPositive } from '../core/math.ts';
import type { Rng } from '../core/rng.ts';

export interface Graph {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
}

export type GraphKind = 'er' | 'regular' | 'powerlaw' | 'ba' | 'lattice' | 'smallworld';

export interface GraphSpec {
  kind: GraphKind;
  n: number;
  /** Mean degree (er, ba, smallworld), the degree (regular), ignored for the lattice (4). */
  meanDegree: number;
  /** Power-law exponent α. */
  exponent: number;
  /** Watts–Strogatz rewiring probability. */
  rewire: number;
}

/** An edge list that grows, then becomes a CSR graph with self-loops and repeated edges removed. */
class EdgeList {
  a: Int32Array;
  b: Int32Array;
  m = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(Math.max(16, capacity));
    this.b = new Int32Array(Math.max(16, capacity));
  }
  add(u: number, v: number): void {
    if (this.m === this.a.length) {
      const a = new Int32Array(this.a.length * 2);
      const b = new Int32Array(this.b.length * 2);
      a.set(this.a);
      b.set(this.b);
      this.a = a;
      this.b = b;
    }
    this.a[this.m] = u;
    this.b[this.m] = v;
    this.m++;
  }
  toGraph(n: number): Graph {
    const degree = new Int32Array(n + 1);
    for (let e = 0; e < this.m; e++) {
      if (this.a[e] === this.b[e]) continue;
      degree[this.a[e]!]!++;
      degree[this.b[e]!]!++;
    }
    const offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + degree[v]!;
    const fill = offsets.slice(0, n);
    const raw = new Int32Array(offsets[n]!);
    for (let e = 0; e < this.m; e++) {
      const u = this.a[e]!;
      const v = this.b[e]!;
      if (u === v) continue;
      raw[fill[u]!++] = v;
      raw[fill[v]!++] = u;
    }
    // Sort each list and drop repeats, so the graph is simple.
    const out = new Int32Array(raw.length);
    const clean = new Int32Array(n + 1);
    let k = 0;
    for (let v = 0; v < n; v++) {
      const list = raw.subarray(offsets[v]!, offsets[v + 1]!).sort();
      clean[v] = k;
      for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) out[k++] = list[i]!;
    }
    clean[n] = k;
    return { n, offsets: clean, neighbours: out.slice(0, k) };
  }
}

/** A uniformly random integer in [0, n). */
const below = (rng: Rng, n: number) => Math.floor(rng.uniform() * n);

function erdosRenyi(rng: Rng, n: number, k: number): Graph {
  const p = Math.min(1, k / Math.max(1, n - 1));
  const edges = new EdgeList(Math.ceil((n * k) / 2 * 1.1));
  if (p <= 0) return edges.toGraph(n);
  const lq = log(1 - p);
  // Walk the pairs (v, w), w < v, in order, jumping over geometric gaps of non-edges.
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + (p === 1 ? 0 : Math.floor(log(rng.uniformOpen()) / lq));
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) edges.add(v, w);
  }
  return edges.toGraph(n);
}

/** Random matching of stubs (Fisher–Yates shuffle of the stub list, then pairs). */
function configuration(rng: Rng, degrees: Int32Array): Graph {
  const n = degrees.length;
  let stubs = 0;
  for (let v = 0; v < n; v++) stubs += degrees[v]!;
  // An odd number of stubs cannot be paired: one more on a random node.
  if (stubs % 2 === 1) {
    degrees[below(rng, n)]!++;
    stubs++;
  }
  const list = new Int32Array(stubs);
  let k = 0;
  for (let v = 0; v < n; v++) for (let d = 0; d < degrees[v]!; d++) list[k++] = v;
  for (let i = stubs - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
  const edges = new EdgeList(stubs / 2);
  for (let i = 0; i + 1 < stubs; i += 2) edges.add(list[i]!, list[i + 1]!);
  return edges.toGraph(n);
}

/** Degrees drawn from p_k ∝ k^−α on kMin ≤ k ≤ kMax, by inverting the cumulative distribution. */
function powerLawDegrees(rng: Rng, n: number, exponent: number, kMin: number): Int32Array {
  const kMax = Math.max(kMin, Math.floor(Math.sqrt(n)));
  const cdf = new Float64Array(kMax - kMin + 1);
  let sum = 0;
  for (let k = kMin; k <= kMax; k++) {
    sum += powPositive(k, -exponent);
    cdf[k - kMin] = sum;
  }
  const degrees = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const u = rng.uniform() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    degrees[v] = kMin + lo;
  }
  return degrees;
}

/** The minimum degree whose truncated power law (kMin ≤ k ≤ √N) has the mean closest to `mean`. */
function powerLawMinDegree(n: number, exponent: number, mean: number): number {
  const kMax = Math.max(1, Math.floor(Math.sqrt(n)));
  let best = 1;
  let bestGap = Infinity;
  for (let kMin = 1; kMin <= Math.min(kMax, Math.ceil(mean)); kMin++) {
    let z = 0;
    let m = 0;
    for (let q = kMin; q <= kMax; q++) {
      const w = powPositive(q, -exponent);
      z += w;
      m += q * w;
    }
    const gap = Math.abs(m / z - mean);
    if (gap < bestGap) {
      bestGap = gap;
      best = kMin;
    }
  }
  return best;
}

function barabasiAlbert(rng: Rng, n: number, k: number): Graph {
  const m = Math.max(1, Math.round(k / 2));
  const edges = new EdgeList(n * m);
  // `ends` lists every edge end: choosing a uniform entry is choosing a node ∝ its degree.
  const ends = new Int32Array(2 * n * m + 2 * m * m);
  let count = 0;
  const start = Math.min(n, m + 1);
  for (let v = 1; v < start; v++) {
    for (let w = 0; w < v; w++) {
      edges.add(v, w);
      ends[count++] = v;
      ends[count++] = w;
    }
  }
  const chosen = new Int32Array(m);
  for (let v = start; v < n; v++) {
    let c = 0;
    while (c < m) {
      const w = count > 0 ? ends[below(rng, count)]! : below(rng, v);
      let repeat = false;
      for (let i = 0; i < c; i++) if (chosen[i] === w) repeat = true;
      if (!repeat) chosen[c++] = w;
    }
    for (let i = 0; i < m; i++) {
      edges.add(v, chosen[i]!);
      ends[count++] = v;
      ends[count++] = chosen[i]!;
    }
  }
  return edges.toGraph(n);
}

function lattice(n: number): Graph {
  const L = Math.max(2, Math.round(Math.sqrt(n)));
  const N = L * L;
  const edges = new EdgeList(2 * N);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const v = y * L + x;
      edges.add(v, y * L + ((x + 1) % L));
      edges.add(v, ((y + 1) % L) * L + x);
    }
  }
  return edges.toGraph(N);
}

function smallWorld(rng: Rng, n: number, k: number, rewire: number): Graph {
  const half = Math.max(1, Math.round(k / 2));
  const edges = new EdgeList(n * half);
  for (let v = 0; v < n; v++) {
    for (let j = 1; j <= half; j++) {
      let w = (v + j) % n;
      if (rng.uniform() < rewire) w = below(rng, n);
      edges.add(v, w);
    }
  }
  return edges.toGraph(n);
}

export function buildGraph(rng: Rng, spec: GraphSpec): Graph {
  const { n, meanDegree: k } = spec;
  switch (spec.kind) {
    case 'er':
      return erdosRenyi(rng, n, k);
    case 'regular':
      return configuration(rng, new Int32Array(n).fill(Math.round(k)));
    case 'powerlaw':
      return configuration(rng, powerLawDegrees(rng, n, spec.exponent, powerLawMinDegree(n, spec.exponent, k)));
    case 'ba':
      return barabasiAlbert(rng, n, k);
    case 'lattice':
      return lattice(n);
    case 'smallworld':
      return smallWorld(rng, n, k, spec.rewire);
  }
}
