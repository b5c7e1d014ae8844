/**
 * The stochastic SIR engine declared as data. The model (index.ts) loads only inside the worker.
 */
import { defineSpec } from '../core/engine.ts';
import type { ParamError, ParamSchema, ParamValues } from '../core/params.ts';
import { interventionParams } from '../core/interventions.ts';
import { outbreakEnsemble, outbreakRunSummary } from '../core/outbreak-ensemble.ts';
import { sampleBudget } from '../core/resources.ts';

export const sirStochasticParams = {
  model: { kind: 'choice', options: ['SIR', 'SEIR'], default: 'SIR', label: 'sir.param.model', live: false },
  R0: { kind: 'number', default: 2, min: 0.1, max: 20, step: 0.05, unit: '', label: 'sir.param.R0', live: true },
  gamma: { kind: 'number', default: 0.2, min: 0.01, max: 5, step: 0.01, unit: 'per-day', label: 'sir.param.gamma', live: true },
  sigma: { kind: 'number', default: 0.2, min: 0.01, max: 5, step: 0.01, unit: 'per-day', label: 'sir.param.sigma', live: true },
  N: { kind: 'integer', default: 1000, min: 1, max: 1_000_000, step: 1, unit: 'people', label: 'sir.param.N', live: false, scale: 'log' },
  initialInfected: {
    kind: 'integer', default: 1, min: 1, max: 1_000_000, step: 1, unit: 'people', label: 'sir.param.initialInfected', live: false,
  },
  /** Immune before the outbreak: round(vaccinated × N) people start in V. */
  vaccinated: { kind: 'number', default: 0, min: 0, max: 1, step: 0.01, unit: 'fraction', label: 'sir.param.vaccinated', live: false },
  ...interventionParams,
  tMax: { kind: 'number', default: 365, min: 1, max: 3650, step: 1, unit: 'day', label: 'sir.param.tMax', live: true },
  outputInterval: { kind: 'number', default: 0.5, min: 0.01, max: 10, step: 0.01, unit: 'day', label: 'sir.param.outputInterval', live: false },
} as const satisfies ParamSchema;

export type SirStochasticParams = ParamValues<typeof sirStochasticParams>;

/** The people vaccinated before the outbreak (a whole number). */
export const vaccinatedCount = (p: Pick<SirStochasticParams, 'N' | 'vaccinated'>): number => Math.round(p.vaccinated * p.N);

function crossCheck(p: SirStochasticParams): ParamError[] {
  const unvaccinated = p.N - vaccinatedCount(p);
  if (p.initialInfected > unvaccinated) {
    return [{ param: 'initialInfected', value: p.initialInfected, allowed: { rule: 'sir.rule.infectedWithinUnvaccinated', limit: unvaccinated }, code: 'constraint' }];
  }
  if (p.contactEnd < p.contactStart) {
    return [{ param: 'contactEnd', value: p.contactEnd, allowed: { rule: 'sir.rule.windowEndsAfterStart', limit: p.contactStart }, code: 'constraint' }];
  }
  return sampleBudget(p);
}

export const sirStochasticSpec = defineSpec({
  id: 'sir-stochastic',
  version: '0.3.0',
  label: 'sirStochastic.name',
  stochastic: true,
  params: sirStochasticParams,
  crossCheck,
  urlFormat: { version: 1, renames: {} },
  presets: {
    small: {},
    'small-town': { N: 10_000, R0: 2.5 },
    /** The lesson on chance: one case in a town of 1000, R0 = 2 (half the outbreaks fizzle). */
    chance: { N: 1000, R0: 2, tMax: 200, outputInterval: 1 },
    subcritical: { N: 1000, R0: 0.8, tMax: 200, outputInterval: 1 },
    'three-sparks': { N: 1000, R0: 2, initialInfected: 3, tMax: 200, outputInterval: 1 },
  },
  workUnit: { unit: 'event', label: 'work.events', perSecond: 400, step: 1 },
  ensemble: outbreakEnsemble,
  observables: {
    series: {
      t: { label: 'sir.obs.t', unit: 'day' },
      S: { label: 'sir.obs.S', unit: 'people' },
      E: { label: 'sir.obs.E', unit: 'people' },
      I: { label: 'sir.obs.I', unit: 'people' },
      R: { label: 'sir.obs.R', unit: 'people' },
      V: { label: 'sir.obs.V', unit: 'people' },
    },
    summary: outbreakRunSummary,
  },
});
