/**
 * Resource bounds every engine applies through its cross-parameter rule, so that a setting that
 * would exhaust memory is refused with a message (in the widget, the URL and the CLI alike)
 * instead of freezing a tab.
 *
 * Why 100,000 samples: a recorded series is copied from the worker to the page several times a
 * second while a run plays. At 100,000 samples × 6 series × 8 bytes a frame is under 5 MB; a
 * decade at 0.01-day resolution (365,001 samples) would be 17.5 MB per frame and stall the page.
 */
import type { ParamError } from './params.ts';

export const MAX_SAMPLES_PER_SERIES = 100_000;

/** Refuses a duration/output-interval pair that records more than MAX_SAMPLES_PER_SERIES samples. */
export function sampleBudget(p: { tMax: number; outputInterval: number }): ParamError[] {
  const samples = Math.floor(p.tMax / p.outputInterval) + 1;
  if (samples <= MAX_SAMPLES_PER_SERIES + 1) return [];
  // The smallest interval that fits, rounded up to the control's 0.01-day steps.
  const smallest = Math.ceil((p.tMax / MAX_SAMPLES_PER_SERIES) * 100) / 100;
  return [{ param: 'outputInterval', value: p.outputInterval, allowed: { rule: 'rule.sampleBudget', limit: smallest }, code: 'constraint' }];
}
