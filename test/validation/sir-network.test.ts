/**
 * SIR on contact networks against bond percolation on configuration-model graphs (Newman, Phys.
 * Rev. E 66, 016128 (2002), doi:10.1103/PhysRevE.66.016128): with transmissibility T = β/(β+γ)
 * the mean final size of a major outbreak is S = 1 − G0(1 − T + T u), u = G1(1 − T + T u), and
 * major outbreaks vanish below T_c = ⟨k⟩/(⟨k²⟩ − ⟨k⟩). G0, G1 are computed here from each
 * graph's own degree sequence.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../simulations/core/engine.ts';
import { defaultsOf } from '../../simulations/core/params.ts';
import type { Graph } from '../../simulations/sir-network/graphs.ts';
import { sirNetworkEngine } from '../../simulations/sir-network/index.ts';
import { betaFor, degreeDistribution, percolation } from './percolation.ts';

const base = defaultsOf(sirNetworkEngine.params);
type Params = typeof base;

function create(over: Partial<Params>, seed: number, stream: number) {
  return sirNetworkEngine.create({ ...base, outputInterval: 10, tMax: 3650, ...over } as Params, seed, stream);
}
const graphOf = (inst: unknown) => (inst as { graph: Graph }).graph;


describe('networks', () => {
  for (const network of ['er', 'regular', 'powerlaw', 'ba', 'lattice', 'smallworld'] as const) {
    it(`${network}: a simple undirected graph with about the mean degree asked for`, () => {
      const g = graphOf(create({ network, N: 10_000, meanDegree: 8, beta: 0 }, 3, 0));
      let sum = 0;
      for (let v = 0; v < g.n; v++) {
        const list = g.neighbours.subarray(g.offsets[v]!, g.offsets[v + 1]!);
        sum += list.length;
        for (let i = 0; i < list.length; i++) {
          expect(list[i]).not.toBe(v);
          if (i > 0) expect(list[i]!).toBeGreaterThan(list[i - 1]!);
        }
      }
      // Symmetric: every edge is listed at both ends.
      for (let v = 0; v < 200; v++) {
        for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
          const w = g.neighbours[e]!;
          expect(g.neighbours.subarray(g.offsets[w]!, g.offsets[w + 1]!).includes(v)).toBe(true);
        }
      }
      const mean = sum / g.n;
      if (network === 'lattice') expect(mean).toBe(4);
      // The power law's mean moves in steps with its whole minimum degree.
      else expect(Math.abs(mean - 8) / 8).toBeLessThan(network === 'powerlaw' ? 0.1 : 0.02);
    });
  }
});

describe('SIR on configuration-model networks against bond percolation', () => {
  // N = 10^4, 30 runs per case, seed 51; majors: more than 10 % ever infected.
  for (const { network, meanDegree, label } of [
    { network: 'regular' as const, meanDegree: 4, label: 'random regular, k = 4' },
    { network: 'er' as const, meanDegree: 5, label: 'Erdős–Rényi, ⟨k⟩ = 5' },
    { network: 'powerlaw' as const, meanDegree: 6, label: 'power law α = 2.5, ⟨k⟩ ≈ 6' },
  ]) {
    it(`${label}: the mean final size of major outbreaks is S = 1 − G0(1 − T + Tu) (within 0.02)`, () => {
      const N = 10_000;
      const p = degreeDistribution(graphOf(create({ network, N, meanDegree, beta: 0 }, 51, 0)));
      for (const T of [0.35, 0.5, 0.7]) {
        const { S, Tc } = percolation(p, T);
        if (T < 1.5 * Tc) continue;
        const sizes: number[] = [];
        for (let k = 0; k < 30; k++) {
          const run = create({ network, N, meanDegree, beta: betaFor(T, 0.2), gamma: 0.2, initialInfected: 1 }, 51, k);
          runToEnd(run, 1e9);
          const z = run.observe().summary['finalSize']!;
          if (z > 0.1) sizes.push(z);
        }
        expect(sizes.length, `T = ${T}`).toBeGreaterThan(5);
        const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
        expect(Math.abs(mean - S), `T = ${T}: simulated ${mean}, percolation ${S}`).toBeLessThan(0.02);
      }
    });
  }

  it('major outbreaks vanish below T_c and appear above it (random regular k = 4, T_c = 1/3; 200 runs each, seed 53)', () => {
    const N = 10_000;
    const p = degreeDistribution(graphOf(create({ network: 'regular', N, meanDegree: 4, beta: 0 }, 53, 0)));
    const { Tc } = percolation(p, 0.5);
    expect(Tc).toBeCloseTo(1 / 3, 2);
    const majorFraction = (T: number) => {
      let major = 0;
      for (let k = 0; k < 200; k++) {
        const run = create({ network: 'regular', N, meanDegree: 4, beta: betaFor(T, 0.2), gamma: 0.2 }, 53, k);
        runToEnd(run, 1e9);
        if (run.observe().summary['finalSize']! > 0.1) major++;
      }
      return major / 200;
    };
    expect(majorFraction(0.5 * Tc)).toBe(0);
    expect(majorFraction(0.8 * Tc)).toBeLessThan(0.03);
    const above = majorFraction(1.5 * Tc);
    const further = majorFraction(2.4 * Tc);
    expect(above).toBeGreaterThan(0.1);
    expect(further).toBeGreaterThan(above);
  });
});

describe('sir-network: determinism', () => {
  it('gives bit-identical output however advance() is chunked, and across snapshot/restore', () => {
    const params = { network: 'powerlaw' as const, N: 3000, meanDegree: 6, beta: 0.08, initialInfected: 5, outputInterval: 0.5, tMax: 200 };
    const whole = create(params, 9, 2);
    runToEnd(whole, 1e9);
    const reference = whole.observe();
    for (const chunk of [1, 7, 500]) {
      const run = create(params, 9, 2);
      runToEnd(run, chunk);
      const f = run.observe();
      expect(f.summary).toEqual(reference.summary);
      expect(Array.from(f.series['I']!.subarray(0, f.length))).toEqual(Array.from(reference.series['I']!.subarray(0, reference.length)));
    }
    const a = create(params, 9, 2);
    a.advance(300);
    const snap = structuredClone(a.snapshot());
    a.advance(1e9);
    const b = create(params, 9, 2);
    b.restore(snap);
    b.advance(1e9);
    expect(b.observe().summary).toEqual(a.observe().summary);
    for (let k = 0; k < reference.length; k++) {
      expect(reference.series['S']![k]! + reference.series['I']![k]! + reference.series['R']![k]!).toBe(3000);
    }
  });
});

describe('sir-network: what the page draws', () => {
  it('reports the degree distribution and T_c = ⟨k⟩/(⟨k²⟩ − ⟨k⟩) of the network built (random regular k = 4: 1/3)', () => {
    const run = create({ network: 'regular', N: 2000, meanDegree: 4, beta: 0.1 }, 3, 0);
    const f = run.observe();
    const counts = f.fields!['degreeCounts']!;
    const p = degreeDistribution(graphOf(run));
    expect(counts.length).toBe(p.length);
    counts.forEach((c, k) => expect(c / 2000).toBeCloseTo(p[k]!, 12));
    expect(f.summary['threshold']).toBeCloseTo(percolation(p, 0.5).Tc, 12);
    // Erasing self-loops and repeated edges leaves a few nodes with k = 3: T_c a little above 1/3.
    expect(f.summary['threshold']).toBeGreaterThan(1 / 3 - 1e-12);
    expect(f.summary['threshold']).toBeLessThan(0.34);
  });

  it('the tree of who infected whom: every infector was infected earlier and is a neighbour', () => {
    const run = create({ network: 'er', N: 3000, meanDegree: 6, beta: 0.2, initialInfected: 2 }, 8, 0);
    runToEnd(run, 1e6);
    const f = run.observe();
    const tree = f.fields!['tree'] as Int32Array;
    const g = graphOf(run);
    const seen = new Set<number>();
    expect(tree.length).toBe(800); // the epidemic infected more than 400: the tree is full
    for (let i = 0; i < tree.length; i += 2) {
      const [v, by] = [tree[i]!, tree[i + 1]!];
      if (i < 4) expect(by).toBe(-1); // the two first cases
      else {
        expect(seen.has(by), `infector of ${v}`).toBe(true);
        const nbrs = g.neighbours.subarray(g.offsets[by]!, g.offsets[by + 1]!);
        expect(Array.from(nbrs)).toContain(v);
      }
      seen.add(v);
    }
    const state = f.fields!['state'] as Uint8Array;
    expect(state.reduce((a, s) => a + (s === 0 ? 1 : 0), 0) / g.n).toBeCloseTo(1 - f.summary['finalSize']!, 12);
  });

  it('the small world\'s shortcuts are exactly its edges longer than the ring reaches', () => {
    const run = create({ network: 'smallworld', N: 1000, meanDegree: 4, rewire: 0.1 }, 2, 0);
    const g = graphOf(run);
    const shortcuts = run.observe().fields!['shortcuts'] as Int32Array;
    let long = 0;
    for (let u = 0; u < g.n; u++) {
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const w = g.neighbours[e]!;
        const d = Math.abs(u - w);
        if (u < w && Math.min(d, g.n - d) > 2) long++;
      }
    }
    expect(shortcuts.length / 2).toBe(long);
    // About a tenth of the 2000 edges are rewired (a few land within reach by chance).
    expect(long).toBeGreaterThan(150);
    expect(long).toBeLessThan(250);
  });
});
