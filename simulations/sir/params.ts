import { interventionParams } from '../core/interventions.ts';
import { sampleBudget } from '../core/resources.ts';
import type { ParamError, ParamSchema, ParamValues } from '../core/params.ts';

/**
 * Parameters of the deterministic SIR/SEIR model. β is not a parameter: it is R0·γ, so the number
 * a reader reasons with (R0) is the one on the slider, and no combination can silently change it.
 */
export const sirParams = {
  model: { kind: 'choice', options: ['SIR', 'SEIR'], default: 'SIR', label: 'sir.param.model', live: false },
  R0: { kind: 'number', default: 2.5, min: 0.1, max: 20, step: 0.05, unit: '', label: 'sir.param.R0', live: true },
  gamma: { kind: 'number', default: 0.2, min: 0.01, max: 5, step: 0.01, unit: 'per-day', label: 'sir.param.gamma', live: true },
  sigma: { kind: 'number', default: 0.2, min: 0.01, max: 5, step: 0.01, unit: 'per-day', label: 'sir.param.sigma', live: true },
  N: { kind: 'number', default: 1e6, min: 1, max: 1e10, step: 1, unit: 'people', label: 'sir.param.N', live: false, scale: 'log' },
  initialInfected: {
    kind: 'number', default: 10, min: 0, max: 1e10, step: 1, unit: 'people', label: 'sir.param.initialInfected', live: false, scale: 'log',
  },
  vaccinated: { kind: 'number', default: 0, min: 0, max: 1, step: 0.01, unit: 'fraction', label: 'sir.param.vaccinated', live: false },
  ...interventionParams,
  tMax: { kind: 'number', default: 200, min: 1, max: 3650, step: 1, unit: 'day', label: 'sir.param.tMax', live: true },
  outputInterval: { kind: 'number', default: 0.5, min: 0.01, max: 10, step: 0.01, unit: 'day', label: 'sir.param.outputInterval', live: false },
} as const satisfies ParamSchema;

export type SirParams = ParamValues<typeof sirParams>;

/** The infected and the vaccinated together cannot outnumber the population. */
export function sirCrossCheck(p: SirParams): ParamError[] {
  const susceptible = p.N * (1 - p.vaccinated) - p.initialInfected;
  if (susceptible < 0) {
    return [{
      param: 'initialInfected',
      value: p.initialInfected,
      allowed: { rule: 'sir.rule.infectedWithinUnvaccinated', limit: p.N * (1 - p.vaccinated) },
      code: 'constraint',
    }];
  }
  if (p.contactEnd < p.contactStart) {
    return [{ param: 'contactEnd', value: p.contactEnd, allowed: { rule: 'sir.rule.windowEndsAfterStart', limit: p.contactStart }, code: 'constraint' }];
  }
  return sampleBudget(p);
}

/** The parameters of the interventions, which only the intervention widget shows. */
export const INTERVENTION_PARAMS = ['contactFactor', 'contactStart', 'contactEnd', 'vaccinationRate', 'vaccinationStart'] as const;

/**
 * Named states the lesson text, URLs and the CLI share. Each is a partial override of the defaults.
 * The lesson explains each; keep the names stable (links in slides use them).
 */
export const sirPresets = {
  /** The basic outbreak: R0 = 2.5, infectious for 5 days on average, ten cases in a million. */
  basic: {},
  /** Vaccinating exactly the herd-immunity threshold 1 − 1/R0 = 60 % before the outbreak: no growth. */
  'herd-immunity': { vaccinated: 0.6, tMax: 300 },
  /** Vaccinating 30 %: an outbreak still happens, but smaller and later. */
  'partial-vaccination': { vaccinated: 0.3, tMax: 300 },
  /** Just above the threshold: a slow, long epidemic that still infects a third of the population. */
  'near-threshold': { R0: 1.25, tMax: 900 },
  /** A fast-spreading disease: nearly everyone is infected and the peak overshoots. */
  'fast-spread': { R0: 5, tMax: 120 },
  /** SEIR with a 5-day latent period: a later, lower peak and exactly the same final size. */
  seir: { model: 'SEIR', sigma: 0.2, tMax: 300 },
  /** Contacts halved from day 20 to day 80: a lower, later peak; the epidemic takes off again when they end. */
  restrictions: { contactFactor: 0.5, contactStart: 20, contactEnd: 80, tMax: 300 },
  /** 1 % of the susceptible vaccinated each day from day 10: the threshold is reached with far fewer infections. */
  'vaccination-campaign': { vaccinationRate: 0.01, vaccinationStart: 10, tMax: 300 },
} as const satisfies Record<string, Partial<SirParams>>;

/**
 * The presets a widget offers: the intervention planner shows the basic outbreak and the
 * intervention presets; the other widgets every preset that sets no intervention.
 */
export function presetsFor(interventions: boolean): string[] {
  const setsIntervention = (name: string) => Object.keys(sirPresets[name as keyof typeof sirPresets]).some((k) => (INTERVENTION_PARAMS as readonly string[]).includes(k));
  return Object.keys(sirPresets).filter((name) => (interventions ? name === 'basic' || setsIntervention(name) : !setsIntervention(name)));
}
