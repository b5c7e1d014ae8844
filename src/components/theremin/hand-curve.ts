/**
 * The hand's capacitance against its gap from the antenna, for the default rod and hand, computed
 * by the field solver when the site is built (about a second, once per build) and handed to the
 * instrument and the pitch map as data: they can play at once, without a solve in the reader's
 * browser. The same task answers `npm run sim -- theremin-field`.
 */
import { capacitanceCurveTask, type CurveOutput } from '../../../simulations/theremin-field/tasks.ts';

/** Gaps (cm) and what the hand adds (pF), plus the rod's own capacitance (pF). */
export interface HandCurveData {
  readonly gap: number[];
  readonly handCapacitance: number[];
  readonly rodCapacitance: number;
}

let memo: HandCurveData | undefined;

export function defaultHandCurve(): HandCurveData {
  if (!memo) {
    const c: CurveOutput = capacitanceCurveTask({});
    memo = { gap: c.gap, handCapacitance: c.handCapacitance, rodCapacitance: c.rodCapacitance };
  }
  return memo;
}
