/**
 * The two languages and the one way to look up and fill a UI string. Pure TypeScript (no DOM),
 * so the CLI words its messages with the same dictionaries as the site.
 */
import { en, type MessageKey } from './en.ts';
import { ja } from './ja.ts';

export const languages = ['ja', 'en'] as const;
export type Lang = (typeof languages)[number];
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en };

export function isLang(x: unknown): x is Lang {
  return x === 'ja' || x === 'en';
}

export function otherLang(lang: Lang): Lang {
  return lang === 'ja' ? 'en' : 'ja';
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Looks a key up and fills `{name}` placeholders. A missing key is a programming error. */
export function t(lang: Lang, key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return fill(dictionaries[lang][key], vars);
}

/** Fills `{name}` placeholders of a template (unknown names are left as they are). */
export function fill(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/** For keys that come from engine schemas (typed as string there). */
export function tKey(lang: Lang, key: string, vars: Readonly<Record<string, string | number>> = {}): string {
  if (!hasKey(key)) throw new Error(`missing i18n key: ${key}`);
  return t(lang, key, vars);
}
