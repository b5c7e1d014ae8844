/**
 * From the parameters in the page's units to the model's: SI geometry, mesh resolution, and the
 * schedule of hand positions.
 */
import { powPositive } from '../core/math.ts';
import { resolutionFor, type Geometry, type Resolution } from './geometry.ts';
import type { ThereminFieldParams } from './spec.ts';

const CM = 0.01;
const MM = 0.001;

export function geometryOf(p: ThereminFieldParams): Geometry {
  return {
    rodLength: p.rodLength,
    rodRadius: (p.rodDiameter * MM) / 2,
    handRadius: p.handRadius * CM,
    handHeight: p.handHeight,
    armRadius: p.armRadius * CM,
    arm: p.arm,
  };
}

export function resolutionOf(p: ThereminFieldParams): Resolution {
  return resolutionFor(p.refinement, geometryOf(p));
}

/**
 * Gap (cm) of position k of the sweep: log-spaced from gapMin (k = 0, nearest) to gapMax, so the
 * close range, where C changes fastest, is sampled as finely as the far one in relative terms.
 */
export function gapOfPosition(p: ThereminFieldParams, k: number): number {
  if (k === 0) return p.gapMin;
  if (k === p.positions - 1) return p.gapMax;
  return p.gapMin * powPositive(p.gapMax / p.gapMin, k / (p.positions - 1));
}

export const METRES_PER_CM = CM;
