/**
 * The theremin-field engine declared as data: parameters (in the units a reader thinks in: metres
 * for the rod's length and height, millimetres for its thickness, centimetres for the hand), the
 * observables, presets and the work unit (one hand position). The model (index.ts) is loaded only
 * inside the worker.
 */
import { defineSpec } from '../core/engine.ts';
import type { ParamError, ParamSchema, ParamValues } from '../core/params.ts';

export const thereminFieldParams = {
  rodLength: { kind: 'number', default: 0.5, min: 0.2, max: 1, step: 0.01, unit: 'm', label: 'thereminField.param.rodLength', live: false },
  rodDiameter: { kind: 'number', default: 5, min: 1, max: 20, step: 0.5, unit: 'mm', label: 'thereminField.param.rodDiameter', live: false },
  handRadius: { kind: 'number', default: 4.5, min: 2, max: 8, step: 0.5, unit: 'cm', label: 'thereminField.param.handRadius', live: false },
  handHeight: { kind: 'number', default: 0.3, min: 0, max: 1, step: 0.01, unit: 'm', label: 'thereminField.param.handHeight', live: false },
  armRadius: { kind: 'number', default: 3.5, min: 1, max: 6, step: 0.5, unit: 'cm', label: 'thereminField.param.armRadius', live: false },
  arm: { kind: 'boolean', default: true, label: 'thereminField.param.arm', live: false },
  gapMin: { kind: 'number', default: 1, min: 0.5, max: 50, step: 0.5, unit: 'cm', label: 'thereminField.param.gapMin', live: false, scale: 'log' },
  gapMax: { kind: 'number', default: 60, min: 2, max: 100, step: 1, unit: 'cm', label: 'thereminField.param.gapMax', live: false, scale: 'log' },
  positions: { kind: 'integer', default: 30, min: 2, max: 100, step: 1, unit: 'position', label: 'thereminField.param.positions', live: false },
  /** Mesh level: 1 coarse (≈370 panels), 2 (≈1000), 3 fine (≈2900; ~10 s for 30 positions). */
  refinement: { kind: 'integer', default: 2, min: 1, max: 3, step: 1, unit: '', label: 'thereminField.param.refinement', live: false },
} as const satisfies ParamSchema;

export type ThereminFieldParams = ParamValues<typeof thereminFieldParams>;

/**
 * The hand's centre within the rod's height, the arm thinner than the hand (it leaves the sphere
 * through a circle), and a range of gaps that is one.
 */
export function thereminFieldCrossCheck(p: ThereminFieldParams): ParamError[] {
  const errors: ParamError[] = [];
  if (p.handHeight > p.rodLength) {
    errors.push({ param: 'handHeight', value: p.handHeight, allowed: { rule: 'thereminField.rule.handWithinRod', limit: p.rodLength }, code: 'constraint' });
  }
  if (p.arm && p.armRadius >= p.handRadius) {
    errors.push({ param: 'armRadius', value: p.armRadius, allowed: { rule: 'thereminField.rule.armThinnerThanHand', limit: p.handRadius }, code: 'constraint' });
  }
  if (p.gapMin >= p.gapMax) {
    errors.push({ param: 'gapMin', value: p.gapMin, allowed: { rule: 'thereminField.rule.gapMinBelowMax', limit: p.gapMax }, code: 'constraint' });
  }
  return errors;
}

/** Named states; keep the names stable (links and lesson text use them). */
export const thereminFieldPresets = {
  /** A 5 mm rod half a metre long, a loose fist with its forearm at 30 cm height. */
  default: {},
  /** The fist alone, no forearm: the arm's share of the pitch change. */
  'hand-only': { arm: false },
  /** A thick antenna (16 mm tube): more capacitance, similar hand effect. */
  'thick-rod': { rodDiameter: 16 },
  /** The hand near the rod's foot, where the rod's charge density is lower than near its top. */
  'low-hand': { handHeight: 0.1 },
} as const satisfies Record<string, Partial<ThereminFieldParams>>;

export const thereminFieldSpec = defineSpec({
  id: 'theremin-field',
  version: '0.1.0',
  label: 'thereminField.name',
  stochastic: false,
  params: thereminFieldParams,
  crossCheck: thereminFieldCrossCheck,
  urlFormat: { version: 1, renames: {} },
  presets: thereminFieldPresets,
  workUnit: { unit: 'position', label: 'work.positions', perSecond: 20, step: 1 },
  observables: {
    series: {
      gap: { label: 'thereminField.obs.gap', unit: 'cm' },
      capacitance: { label: 'thereminField.obs.capacitance', unit: 'pF' },
      handCapacitance: { label: 'thereminField.obs.handCapacitance', unit: 'pF' },
    },
    summary: {
      rodCapacitance: { label: 'thereminField.sum.rodCapacitance', unit: 'pF' },
      handCapacitanceMax: { label: 'thereminField.sum.handCapacitanceMax', unit: 'pF' },
      panels: { label: 'thereminField.sum.panels', unit: '' },
    },
  },
});
