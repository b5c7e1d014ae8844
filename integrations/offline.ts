/**
 * Makes the built site work offline: after `astro build` (and after the search index, so it is
 * included) this writes dist/sw.js, the service worker of src/sw/service-worker.ts bundled by
 * esbuild with the list of files to precache, and dist/offline-pages.json, the pages that
 * "save the whole site" fetches. Hashed files (_astro/…) need no revision; every other file gets
 * the hash of its content, so a changed file is fetched again and an unchanged one is not.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/** What every page may need, besides its own HTML. Browsers that run this site read woff2 fonts. */
const PRECACHE = [
  /^_astro\/.+\.(js|css|woff2|svg|png)$/,
  /^pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\.[a-z0-9_-]+\.pf_meta|wasm\.[a-z-]+\.pagefind|(index|fragment|filter)\/.+)$/,
  /^(favicon\.svg|manifest\.webmanifest)$/,
  /^(ja|en)\/offline\/index\.html$/,
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

export function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'gakusai:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const all = files(site);
        const hash = (f: string) => createHash('sha256').update(readFileSync(join(site, f))).digest('hex').slice(0, 16);
        // Pages are served at their directory URL (…/offline/), which is what the reader requests.
        const url = (f: string) => base + f.replace(/(^|\/)index\.html$/, '$1');
        const precache = all
          .filter((f) => PRECACHE.some((re) => re.test(f)))
          .sort()
          .map((f) => ({ url: url(f), revision: f.startsWith('_astro/') ? null : hash(f) }));
        const pages = all.filter((f) => /^(ja|en)\/.*index\.html$/.test(f) && !f.includes('/embed/')).sort();
        // The build id changes whenever any page or asset changes: it names the page cache.
        const buildId = createHash('sha256')
          .update(JSON.stringify(precache))
          .update(pages.map(hash).join())
          .digest('hex')
          .slice(0, 12);
        const pageUrls = pages.map(url);
        writeFileSync(join(site, 'offline-pages.json'), JSON.stringify({ buildId, pages: pageUrls }));
        await build({
          entryPoints: [fileURLToPath(new URL('../src/sw/service-worker.ts', import.meta.url))],
          outfile: join(site, 'sw.js'),
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          define: {
            __PRECACHE__: JSON.stringify(precache),
            __BUILD_ID__: JSON.stringify(buildId),
            __BASE__: JSON.stringify(base),
            __PAGES__: JSON.stringify(pageUrls),
            'process.env.NODE_ENV': '"production"',
          },
          logLevel: 'warning',
        });
        const bytes = precache.reduce((n, p) => n + readFileSync(join(site, p.url.slice(base.length).replace(/\/$/, '/index.html'))).length, 0);
        logger.info(`service worker: ${precache.length} files precached (${(bytes / 1024).toFixed(0)} kB), ${pageUrls.length} pages to save, build ${buildId}`);
      },
    },
  };
}
