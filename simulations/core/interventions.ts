/**
 * The interventions the epidemic engines share, as parameters and as the times at which they
 * switch rates on or off: contacts reduced to a fraction between two days, and vaccination of
 * the susceptible at a rate from a given day.
 */
import type { ParamSchema } from './params.ts';

export const interventionParams = {
  /** Contacts reduced to this fraction (β × factor) from contactStart until contactEnd. */
  contactFactor: { kind: 'number', default: 1, min: 0, max: 1, step: 0.01, unit: 'fraction', label: 'sir.param.contactFactor', live: true },
  contactStart: { kind: 'number', default: 0, min: 0, max: 3650, step: 1, unit: 'day', label: 'sir.param.contactStart', live: true },
  contactEnd: { kind: 'number', default: 0, min: 0, max: 3650, step: 1, unit: 'day', label: 'sir.param.contactEnd', live: true },
  /** Susceptibles vaccinated at this rate (moving to V) from vaccinationStart on. */
  vaccinationRate: { kind: 'number', default: 0, min: 0, max: 1, step: 0.001, unit: 'per-day', label: 'sir.param.vaccinationRate', live: true },
  vaccinationStart: { kind: 'number', default: 0, min: 0, max: 3650, step: 1, unit: 'day', label: 'sir.param.vaccinationStart', live: true },
} as const satisfies ParamSchema;

export interface Interventions {
  contactFactor: number;
  contactStart: number;
  contactEnd: number;
  vaccinationRate: number;
  vaccinationStart: number;
}

/** The next time after t at which a rate switches (an intervention starts or ends), or Infinity. */
export function nextRateSwitch(p: Interventions, t: number): number {
  let next = Infinity;
  if (p.contactFactor !== 1 && p.contactEnd > p.contactStart) {
    if (p.contactStart > t) next = p.contactStart;
    else if (p.contactEnd > t) next = p.contactEnd;
  }
  if (p.vaccinationRate > 0 && p.vaccinationStart > t && p.vaccinationStart < next) next = p.vaccinationStart;
  return next;
}

/** The contact factor in force on the interval that starts at t (switches belong to the interval they open). */
export function contactFactorAt(p: Interventions, t: number): number {
  return t >= p.contactStart && t < p.contactEnd ? p.contactFactor : 1;
}
