/**
 * What the ensemble widget offers, shared by the live widget and its build-time figure: the
 * presets of `sir-stochastic` it uses, the controls it shows, and how many runs it computes and draws.
 */
export const ENSEMBLE_PRESETS = ['chance', 'subcritical', 'three-sparks'] as const;
export type EnsemblePreset = (typeof ENSEMBLE_PRESETS)[number];

/** The basic model only: SEIR, vaccination and restrictions belong to the first lesson's widgets. */
export const ENSEMBLE_CONTROLS = ['R0', 'gamma', 'N', 'initialInfected', 'tMax', 'runs'] as const;

/** Enough runs for a readable histogram in well under a second for a town of 1000. */
export const DEFAULT_RUNS = 200;
/** Runs drawn as curves: more would be a blur, and their series cost memory. */
export const DRAWN_RUNS = 60;
