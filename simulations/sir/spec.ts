/**
 * The SIR engine declared as data (parameters, observables, presets, work unit): what the page
 * loads to build its controls. The model itself (index.ts) is loaded only inside the worker.
 */
import { defineSpec } from '../core/engine.ts';
import { sirCrossCheck, sirParams, sirPresets } from './params.ts';

export const sirSpec = defineSpec({
  id: 'sir',
  version: '1.1.0',
  label: 'sir.name',
  stochastic: false,
  params: sirParams,
  crossCheck: sirCrossCheck,
  urlFormat: { version: 1, renames: {} },
  presets: sirPresets,
  workUnit: { unit: 'day', label: 'work.simulatedTime', perSecond: 20, step: 1 },
  observables: {
    series: {
      t: { label: 'sir.obs.t', unit: 'day' },
      S: { label: 'sir.obs.S', unit: 'people' },
      E: { label: 'sir.obs.E', unit: 'people' },
      I: { label: 'sir.obs.I', unit: 'people' },
      R: { label: 'sir.obs.R', unit: 'people' },
      V: { label: 'sir.obs.V', unit: 'people' },
    },
    summary: {
      time: { label: 'sir.sum.time', unit: 'day' },
      peakPrevalence: { label: 'sir.sum.peakPrevalence', unit: 'fraction' },
      peakTime: { label: 'sir.sum.peakTime', unit: 'day' },
      finalSize: { label: 'sir.sum.finalSize', unit: 'fraction' },
      finalSizeExact: { label: 'sir.sum.finalSizeExact', unit: 'fraction' },
      herdImmunityThreshold: { label: 'sir.sum.herdImmunityThreshold', unit: 'fraction' },
      effectiveR: { label: 'sir.sum.effectiveR', unit: '' },
      stillInfectious: { label: 'sir.sum.stillInfectious', unit: 'fraction' },
    },
  },
});
