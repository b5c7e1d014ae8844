import { Rng } from './simulations/core/rng.ts';
import { log } from './simulations/core/math.ts';
const N = 100_000, R0 = 2.5, gamma = 0.2, beta = R0 * gamma;
for (const variant of ['rng.exponential', 'inline log', 'Math.log']) {
  for (let rep = 0; rep < 2; rep++) {
    let events = 0; const t0 = performance.now();
    for (let k = 0; k < 40; k++) {
      const rng = Rng.stream(1, k);
      let S = N - 10, I = 10, t = 0;
      while (I > 0) {
        const infection = (beta * S * I) / N;
        const total = infection + gamma * I;
        if (variant === 'rng.exponential') t += rng.exponential(total);
        else if (variant === 'inline log') t += (0 - log(rng.uniformOpen())) / total;
        else t += -Math.log(rng.uniformOpen()) / total;
        if (rng.uniform() * total < infection) { S--; I++; } else I--;
        events++;
      }
    }
    const dt = (performance.now() - t0) / 1000;
    console.log(variant, (events / dt / 1e6).toFixed(1), 'M events/s');
  }
}
