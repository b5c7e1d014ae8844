/**
 * Ensemble statistics of epidemic runs, shared by the stochastic epidemic engines: how often an
 * outbreak becomes major, and how large major outbreaks are. Computed from each run's summary
 * (`finalSize`, `duration` when the engine reports it), so every engine aggregates alike.
 */
import type { EnsembleSpec, ObservableSpec } from './engine.ts';

/**
 * The summary every epidemic run reports, which the ensemble statistics below read (finalSize,
 * duration); engines add their own scalars after these.
 */
export const outbreakRunSummary = {
  time: { label: 'sir.sum.time', unit: 'day' },
  duration: { label: 'sirStochastic.sum.duration', unit: 'day' },
  events: { label: 'sirStochastic.sum.events', unit: 'event' },
  finalSize: { label: 'sir.sum.finalSize', unit: 'fraction' },
  peakPrevalence: { label: 'sir.sum.peakPrevalence', unit: 'fraction' },
  peakTime: { label: 'sir.sum.peakTime', unit: 'day' },
  extinct: { label: 'sirStochastic.sum.extinct', unit: '' },
} as const satisfies Record<string, ObservableSpec>;

/**
 * A run is a major outbreak when more than this fraction of the population is ever infected. For
 * N in the hundreds and more the final sizes of minor and major outbreaks are far apart (see the
 * exact distribution in test/validation), so the cut decides little; for tiny N it is a convention.
 */
export const MAJOR_OUTBREAK_FRACTION = 0.1;

function aggregate(runs: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  let major = 0;
  let sumMajor = 0;
  let sum = 0;
  let sumDuration = 0;
  let ended = 0;
  for (const r of runs) {
    const z = r['finalSize']!;
    sum += z;
    // Runs still going at tMax have no duration yet (NaN) and are left out of the mean; an engine
    // without `duration` reports none.
    if (Number.isFinite(r['duration'])) {
      sumDuration += r['duration']!;
      ended++;
    }
    if (z > MAJOR_OUTBREAK_FRACTION) {
      major++;
      sumMajor += z;
    }
  }
  const n = runs.length;
  return {
    runs: n,
    majorOutbreakProbability: major / n,
    // Binomial standard error of the estimate above.
    majorOutbreakProbabilityError: Math.sqrt(((major / n) * (1 - major / n)) / n),
    meanFinalSizeMajor: major > 0 ? sumMajor / major : NaN,
    meanFinalSize: sum / n,
    meanDuration: ended > 0 ? sumDuration / ended : NaN,
  };
}

export const outbreakEnsemble: EnsembleSpec = {
  summary: {
    runs: { label: 'ensemble.runs', unit: '' },
    majorOutbreakProbability: { label: 'outbreak.ens.majorOutbreakProbability', unit: 'fraction' },
    majorOutbreakProbabilityError: { label: 'outbreak.ens.majorOutbreakProbabilityError', unit: 'fraction' },
    meanFinalSizeMajor: { label: 'outbreak.ens.meanFinalSizeMajor', unit: 'fraction' },
    meanFinalSize: { label: 'outbreak.ens.meanFinalSize', unit: 'fraction' },
    meanDuration: { label: 'outbreak.ens.meanDuration', unit: 'day' },
  },
  aggregate,
};
