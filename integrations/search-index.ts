/**
 * Builds the site search index with Pagefind after `astro build`: one index per language (Pagefind
 * splits by <html lang>; its extended binary segments Japanese into words). The index is static
 * files under dist/pagefind/, so search works on any static host and, once cached, offline.
 * Only what a page marks with data-pagefind-body is indexed: the text, not menus or widgets.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export function searchIndex(): AstroIntegration {
  return {
    name: 'gakusai:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        // KaTeX writes each formula twice (MathML and HTML) plus its TeX source: index none of it.
        // Furigana (rt) would split the word it sits on; the base text is what readers search for.
        const { index, errors } = await pagefind.createIndex({ excludeSelectors: ['.katex', 'section.widget', 'rt', 'rp'] });
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`search index: ${added.page_count} pages`);
      },
    },
  };
}
