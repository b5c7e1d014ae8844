/**
 * The runs the reproducibility page checks: computed once in Node when the site is built, and again
 * in the reader's browser (in workers, split into other chunk sizes and spread over several
 * workers). Equal fingerprints mean bit-identical output.
 */
import { runToEnd } from '../../simulations/core/engine.ts';
import { validateParams } from '../../simulations/core/params.ts';
import { loadEngine, type EngineId } from '../../simulations/registry.ts';
import { digestFrame } from './digest.ts';

export interface ReproCase {
  readonly id: string;
  readonly engine: EngineId;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
  /** Streams 0…streams−1 of the seed: an ensemble. */
  readonly streams: number;
  /** Work per advance() call in the browser; Node does each run in one call. */
  readonly browserChunk: number;
}

export const reproCases: readonly ReproCase[] = [
  { id: 'gillespie-ensemble', engine: 'sir-stochastic', params: { N: 1000, R0: 2 }, seed: 1, streams: 8, browserChunk: 37 },
  { id: 'gillespie-town', engine: 'sir-stochastic', params: { N: 100_000, R0: 3, tMax: 200 }, seed: 2026, streams: 1, browserChunk: 997 },
  { id: 'ode-seir', engine: 'sir', params: { model: 'SEIR' }, seed: 0, streams: 1, browserChunk: 0.37 },
];

/** Fingerprints of every stream of a case, run in this process in a single chunk per run. */
export async function referenceDigests(c: ReproCase): Promise<string[]> {
  const engine = await loadEngine(c.engine);
  const v = validateParams(engine.params, c.params, engine.crossCheck);
  if (!v.ok) throw new Error(`bad parameters in reproducibility case ${c.id}`);
  const out: string[] = [];
  for (let k = 0; k < c.streams; k++) {
    const inst = engine.create(v.params, c.seed, k);
    runToEnd(inst, Number.MAX_SAFE_INTEGER);
    out.push(digestFrame(inst.observe()));
  }
  return out;
}
