import type { Lang } from '../i18n/index.ts';

/**
 * Which language the root page sends a reader to: an explicit earlier choice wins; otherwise the
 * first of the browser's languages that we have; English when none matches.
 */
export function preferredLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored === 'ja' || stored === 'en') return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ja' || primary === 'en') return primary;
  }
  return 'en';
}
