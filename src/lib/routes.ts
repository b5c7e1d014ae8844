/**
 * Every page exists in both languages at /<lang>/…; these helpers build links that respect the
 * deployment base and switch language while keeping the reader on the same page.
 */
import { languages, type Lang } from '../i18n/index.ts';

const base = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/** A site-relative path for a language: href(lang, 'lessons/sir/') → /ja/lessons/sir/ */
export function href(lang: Lang, path = ''): string {
  return `${base}${lang}/${path.replace(/^\//, '')}`;
}

/** The same page in the other language: swaps the language segment right after the base. */
export function switchLang(pathname: string, to: Lang): string {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  const withoutLang = rest.replace(/^(ja|en)(\/|$)/, '');
  return href(to, withoutLang);
}

/** getStaticPaths for a page that exists once per language. */
export function langPaths() {
  return languages.map((lang) => ({ params: { lang } }));
}

/** Splits a content entry id "ja/sir" into its language and slug. */
export function splitEntryId(id: string): { lang: string; slug: string } {
  const [lang = '', ...rest] = id.split('/');
  return { lang, slug: rest.join('/') };
}
