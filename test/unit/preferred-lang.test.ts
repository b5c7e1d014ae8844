import { describe, expect, it } from 'vitest';
import { preferredLang } from '../../src/lib/preferred-lang.ts';
import { switchLang } from '../../src/lib/routes.ts';

describe('language choice', () => {
  it('an earlier choice wins, then the browser order, then English', () => {
    expect(preferredLang('ja', ['en-US'])).toBe('ja');
    expect(preferredLang(null, ['fr-FR', 'ja-JP', 'en'])).toBe('ja');
    expect(preferredLang(null, ['en-GB', 'ja'])).toBe('en');
    expect(preferredLang('garbage', ['de'])).toBe('en');
  });

  it('the switch keeps the page', () => {
    expect(switchLang('/en/lessons/sir/', 'ja')).toBe('/ja/lessons/sir/');
    expect(switchLang('/ja/', 'en')).toBe('/en/');
    expect(switchLang('/', 'ja')).toBe('/ja/');
  });
});
