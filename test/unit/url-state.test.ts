import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnySpec } from '../../simulations/core/engine.ts';
import { sirSpec } from '../../simulations/sir/spec.ts';
import { sirStochasticSpec } from '../../simulations/sir-stochastic/spec.ts';
import { readWidgetState, writeWidgetState } from '../../src/lib/url-state.ts';

describe('widget state in the URL', () => {
  it('round-trips parameters and seed, keeping other widgets and unrelated keys', () => {
    const search = writeWidgetState('?other.R0=4&utm=x', 'w1', sirStochasticSpec, { R0: 3.25, N: 5000 }, 99);
    const back = readWidgetState(search, 'w1', sirStochasticSpec);
    expect(back.params).toEqual({ R0: 3.25, N: 5000 });
    expect(back.seed).toBe(99);
    expect(back.problems).toEqual([]);
    expect(new URLSearchParams(search).get('other.R0')).toBe('4');
    expect(new URLSearchParams(search).get('utm')).toBe('x');
  });

  it('deterministic engines do not write a seed', () => {
    expect(writeWidgetState('', 'w', sirSpec, { R0: 2 }, 5)).not.toContain('seed');
  });

  it('reports every bad value and never lets it through', () => {
    const s = readWidgetState('?w.R0=abc&w.N=NaN&w.gamma=1e999&w.tMax=-1&w.model=XYZ&w.bogus=1&w.seed=-4&w.v=zz', 'w', sirSpec);
    expect(s.params).toEqual({});
    expect(s.seed).toBeUndefined();
    const codes = s.problems.map((p) => (p.kind === 'param' ? `${p.error.param}:${p.error.code}` : p.kind));
    expect(codes.sort()).toEqual(
      ['R0:not-a-number', 'N:not-a-number', 'gamma:not-finite', 'tMax:below-min', 'model:not-an-option', 'bogus:unknown-param', 'seed', 'version'].sort(),
    );
  });

  it('reads a named preset, and reports an unknown one', () => {
    expect(readWidgetState('?w.preset=seir&w.R0=3', 'w', sirSpec)).toMatchObject({ preset: 'seir', params: { R0: 3 }, problems: [] });
    const bad = readWidgetState('?w.preset=__proto__', 'w', sirSpec);
    expect(bad.preset).toBeUndefined();
    expect(bad.problems).toEqual([{ kind: 'preset', value: '__proto__' }]);
  });

  it('follows renames recorded since the link was made', () => {
    const renamed: AnySpec = { ...sirSpec, urlFormat: { version: 3, renames: { 1: { r0: 'Rnaught' }, 2: { Rnaught: 'R0' } } } };
    expect(readWidgetState('?w.v=1&w.r0=3', 'w', renamed).params).toEqual({ R0: 3 });
    expect(readWidgetState('?w.v=2&w.Rnaught=4', 'w', renamed).params).toEqual({ R0: 4 });
    expect(readWidgetState('?w.v=3&w.R0=5', 'w', renamed).params).toEqual({ R0: 5 });
  });

  it('never throws and never accepts an out-of-range value, whatever the query', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('w.R0', 'w.N', 'w.model', 'w.seed', 'w.v', 'w.x', 'w.tMax'), fc.string({ maxLength: 80 }))), (pairs) => {
        const q = new URLSearchParams(pairs).toString();
        const s = readWidgetState(`?${q}`, 'w', sirSpec);
        for (const [name, value] of Object.entries(s.params)) {
          const spec = sirSpec.params[name as keyof typeof sirSpec.params];
          if (spec.kind === 'number') expect(value as number).toBeGreaterThanOrEqual(spec.min);
          if (spec.kind === 'number') expect(value as number).toBeLessThanOrEqual(spec.max);
          if (spec.kind === 'choice') expect(spec.options).toContain(value);
        }
      }),
      { seed: 2026, numRuns: 500 },
    );
  });
});
