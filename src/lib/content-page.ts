/** A page of content/pages/<lang>/<slug>.mdx, rendered; a missing translation fails the build. */
import { getEntry, render } from 'astro:content';
import type { Lang } from '../i18n/index.ts';

export async function loadContentPage(lang: Lang, slug: string) {
  const entry = await getEntry('pages', `${lang}/${slug}`);
  if (!entry) throw new Error(`content/pages/${lang}/${slug}.mdx is missing`);
  const { Content } = await render(entry);
  return { data: entry.data, Content };
}
