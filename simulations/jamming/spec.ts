/**
 * Jamming of soft disks, declared as data: a box of bidisperse disks relaxed by FIRE and compressed
 * or decompressed step by step toward a target packing fraction (quasi-statically: a full
 * relaxation after every step). The model (index.ts) loads only inside the worker.
 */
import { defineSpec } from '../core/engine.ts';
import type { ParamSchema, ParamValues } from '../core/params.ts';

export const jammingParams = {
  N: { kind: 'integer', default: 512, min: 16, max: 4096, step: 1, unit: '', label: 'jamming.param.N', live: false, scale: 'log' },
  potential: { kind: 'choice', options: ['harmonic', 'hertz'], default: 'harmonic', label: 'jamming.param.potential', live: false },
  /** Where the random disks are dropped and first relaxed. */
  phiStart: { kind: 'number', default: 0.8, min: 0.3, max: 0.95, step: 0.001, unit: 'fraction', label: 'jamming.param.phiStart', live: false },
  /** Where the box is compressed (or decompressed) to, one step and one relaxation at a time. */
  phi: { kind: 'number', default: 0.86, min: 0.3, max: 0.95, step: 0.001, unit: 'fraction', label: 'jamming.param.phi', live: true },
  phiStep: { kind: 'number', default: 0.002, min: 1e-5, max: 0.05, step: 1e-5, unit: 'fraction', label: 'jamming.param.phiStep', live: true },
  /** Relaxations stop when no disk feels a larger force than this. */
  forceTolerance: { kind: 'number', default: 1e-10, min: 1e-14, max: 1e-4, step: 1e-14, unit: '', label: 'jamming.param.forceTolerance', live: true, scale: 'log' },
} as const satisfies ParamSchema;

export type JammingParams = ParamValues<typeof jammingParams>;

/** FIRE steps allowed per relaxation before the engine moves on and says so. */
export const MAX_STEPS_PER_RELAXATION = 200_000;

export const jammingSpec = defineSpec({
  id: 'jamming',
  version: '0.1.0',
  label: 'jamming.name',
  stochastic: true,
  params: jammingParams,
  urlFormat: { version: 1, renames: {} },
  presets: {
    /** From a loose random packing through jamming to 0.86. */
    compress: {},
    /** The same, from a dense state back down through jamming: it unjams. */
    decompress: { phiStart: 0.9, phi: 0.8 },
    /** Fine steps near the transition, for the scaling of p and Z. */
    'near-jamming': { phiStart: 0.83, phi: 0.85, phiStep: 0.0005, forceTolerance: 1e-12 },
    hertz: { potential: 'hertz' },
  },
  workUnit: { unit: 'step', label: 'work.fireSteps', perSecond: 20_000, step: 100 },
  observables: {
    series: {
      phi: { label: 'jamming.obs.phi', unit: 'fraction' },
      pressure: { label: 'jamming.obs.pressure', unit: '' },
      z: { label: 'jamming.obs.z', unit: '' },
      energy: { label: 'jamming.obs.energy', unit: '' },
      rattlers: { label: 'jamming.obs.rattlers', unit: 'fraction' },
    },
    summary: {
      phi: { label: 'jamming.obs.phi', unit: 'fraction' },
      pressure: { label: 'jamming.obs.pressure', unit: '' },
      z: { label: 'jamming.obs.z', unit: '' },
      energy: { label: 'jamming.obs.energy', unit: '' },
      contacts: { label: 'jamming.sum.contacts', unit: '' },
      isostatic: { label: 'jamming.sum.isostatic', unit: '' },
      relaxed: { label: 'jamming.sum.relaxed', unit: '' },
      relaxations: { label: 'jamming.sum.relaxations', unit: '' },
    },
  },
});
