import { runToEnd } from './simulations/core/engine.ts';
import { defaultsOf } from './simulations/core/params.ts';
import { sirStochasticEngine } from './simulations/sir-stochastic/index.ts';
const base = defaultsOf(sirStochasticEngine.params);
const p = { ...base, N: 100_000, R0: 2.5, initialInfected: 10, tMax: 3650, outputInterval: 10 };
for (let rep = 0; rep < 3; rep++) {
  let events = 0; const t0 = performance.now();
  for (let k = 0; k < 40; k++) { const r = sirStochasticEngine.create(p, 1, k); events += runToEnd(r, Number(process.env.CHUNK ?? 1e6)).work; }
  const dt = (performance.now() - t0) / 1000;
  console.log((events / dt / 1e6).toFixed(1), 'M events/s', events);
}
