/**
 * The exact distribution of the final size of the stochastic SIR epidemic in a well-mixed
 * population, computed by dynamic programming on the embedded jump chain of the Markov process.
 * From (S, I) with I > 0 the next event is an infection with probability
 * β S I / N / (β S I / N + γ I) = R0 S / (R0 S + N), else a recovery; the chain stops at I = 0.
 * The final size counts everyone ever infected, the initial infectives included. People immune from
 * the start (vaccinated) are left out of `susceptible` but count in N, the mixing population.
 * The same distribution holds for SEIR with any latent period: who infects whom does not depend on
 * when the infectious period starts. O(N²) time.
 */
export function exactFinalSize(N: number, initialInfected: number, R0: number, susceptible = N - initialInfected): Float64Array {
  // P(total ever infected = k), k = initialInfected + (susceptible − S at the end).
  const total = new Float64Array(N + 1);
  const maxI = initialInfected + susceptible;
  // Mass on (S = s, I = i) for the current s and for s − 1 (where infections move it).
  let row = new Float64Array(maxI + 2);
  let next = new Float64Array(maxI + 2);
  row[initialInfected] = 1;
  for (let s = susceptible; s >= 0; s--) {
    const pInfect = (R0 * s) / (R0 * s + N);
    next.fill(0);
    // Recoveries move mass to i − 1 in the same row: walk i downwards so it is handled in turn.
    for (let i = initialInfected + susceptible - s; i >= 1; i--) {
      const m = row[i]!;
      if (m === 0) continue;
      if (s > 0) next[i + 1]! += m * pInfect;
      row[i - 1]! += s > 0 ? m * (1 - pInfect) : m;
    }
    total[initialInfected + susceptible - s] = row[0]!;
    [row, next] = [next, row];
  }
  return total;
}

/**
 * Pearson's chi-square statistic of observed counts against exact probabilities, with adjacent
 * outcomes pooled until every bin expects at least 5; and the Wilson–Hilferty normal deviate of the
 * statistic (a large z means a misfit; z > 3.09 is p < 0.001).
 */
export function chiSquare(counts: ArrayLike<number>, probs: ArrayLike<number>): { chi2: number; df: number; z: number } {
  const n = Array.from(counts).reduce((a, b) => a + b, 0);
  const bins: [number, number][] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k < probs.length; k++) {
    o += counts[k] ?? 0;
    e += n * probs[k]!;
    if (e >= 5) {
      bins.push([o, e]);
      o = 0;
      e = 0;
    }
  }
  if (bins.length > 0) {
    const last = bins[bins.length - 1]!;
    last[0] += o;
    last[1] += e;
  }
  const chi2 = bins.reduce((acc, [obs, exp]) => acc + (obs - exp) ** 2 / exp, 0);
  const df = bins.length - 1;
  const z = (Math.cbrt(chi2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return { chi2, df, z };
}
