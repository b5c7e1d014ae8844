import { describe, expect, it } from 'vitest';
import { MAX_SAMPLES_PER_SERIES, sampleBudget } from '../../simulations/core/resources.ts';
import { validateParams } from '../../simulations/core/params.ts';
import { sirCrossCheck, sirParams } from '../../simulations/sir/params.ts';
import { sirStochasticSpec } from '../../simulations/sir-stochastic/spec.ts';

describe('resource bounds', () => {
  it('allows exactly MAX_SAMPLES_PER_SERIES + 1 samples and refuses one interval finer', () => {
    // 1000 days every 0.01 day: 100,001 samples (t = 0 included), just inside.
    expect(MAX_SAMPLES_PER_SERIES).toBe(100_000);
    expect(sampleBudget({ tMax: 1000, outputInterval: 0.01 })).toEqual([]);
    const [err] = sampleBudget({ tMax: 1000, outputInterval: 0.00999 });
    expect(err?.param).toBe('outputInterval');
    expect(err?.code).toBe('constraint');
    expect(err?.allowed).toEqual({ rule: 'rule.sampleBudget', limit: 0.01 });
  });

  it('names the smallest interval that fits, on the control’s 0.01-day grid', () => {
    const [err] = sampleBudget({ tMax: 3650, outputInterval: 0.01 });
    const limit = (err?.allowed as { limit: number }).limit;
    expect(limit).toBe(0.04);
    expect(sampleBudget({ tMax: 3650, outputInterval: limit })).toEqual([]);
  });

  it('every engine with a recorded series applies it (widget, URL and CLI share the validator)', () => {
    const sir = validateParams(sirParams, { tMax: 3650, outputInterval: 0.01 }, sirCrossCheck);
    expect(sir.ok).toBe(false);
    const stochastic = validateParams(sirStochasticSpec.params, { tMax: 3650, outputInterval: 0.01 }, sirStochasticSpec.crossCheck);
    expect(stochastic.ok).toBe(false);
    expect(validateParams(sirParams, { tMax: 3650 }, sirCrossCheck).ok).toBe(true);
  });
});
