import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { hasKey, t } from '../../src/i18n/index.ts';
import { ja } from '../../src/i18n/ja.ts';
import { outbreakStrings } from '../../src/i18n/outbreaks.ts';
import { thereminStrings } from '../../src/i18n/theremin.ts';
import { labelPrefix } from '../../src/lib/param-model.svelte.ts';
import type { ParamSchema } from '../../simulations/core/params.ts';
import { engineIds, loadSpec } from '../../simulations/registry.ts';

describe('both languages are first-class', () => {
  it('the dictionaries have exactly the same keys, none empty where the other is not', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key] === '', `ja ${key}`).toBe(en[key] === '');
    }
  });

  it.each([['outbreaks', outbreakStrings], ['theremin', thereminStrings]] as const)('the %s widgets\' own strings: the same keys and placeholders in both languages, none empty', (_name, strings) => {
    const { en: e, ja: j } = strings as Record<'en' | 'ja', Record<string, string>>;
    expect(Object.keys(j).sort()).toEqual(Object.keys(e).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(e)) {
      expect(holes(j[key]!), key).toEqual(holes(e[key]!));
      expect(e[key]!.length, key).toBeGreaterThan(0);
      expect(j[key]!.length, key).toBeGreaterThan(0);
    }
  });

  it('placeholders match between languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(holes(ja[key]), key).toEqual(holes(en[key]));
  });

  it('every lesson and page exists in both languages', () => {
    for (const kind of ['lessons', 'pages']) {
      const list = (lang: string) => readdirSync(`content/${kind}/${lang}`).sort();
      expect(list('ja'), kind).toEqual(list('en'));
    }
  });

  it('every key an engine schema names exists (params, observables, rules, presets, work unit)', async () => {
    for (const id of engineIds) {
      const spec = await loadSpec(id);
      const params: ParamSchema = spec.params;
      const keys = [
        spec.label,
        spec.workUnit.label,
        ...Object.values(params).map((p) => p.label),
        ...Object.values(spec.observables.series).map((o) => o.label),
        ...Object.values(spec.observables.summary).map((o) => o.label),
        ...Object.keys(spec.presets).map((name) => `${labelPrefix(spec)}.preset.${name}`),
        ...[...Object.values(params), ...Object.values(spec.observables.series), ...Object.values(spec.observables.summary)]
          .map((p) => ('unit' in p && p.unit ? `unit.${p.unit}` : undefined))
          .filter((k): k is string => k !== undefined),
      ];
      for (const key of keys) expect(hasKey(key), `${id}: ${key}`).toBe(true);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'lesson.readingTime', { n: 12 })).toBe('12 min read');
    expect(t('ja', 'lesson.readingTime', { n: 12 })).toBe('約12分');
    expect(t('en', 'lesson.readingTime')).toBe('{n} min read');
  });
});
