// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { offline } from './integrations/offline.ts';
import { searchIndex } from './integrations/search-index.ts';

// A static site: `npm run build` writes dist/, which any static host serves.
export default defineConfig({
  site: 'https://gakusai.example.org',
  trailingSlash: 'always',
  // Order matters: the search index is written before the service worker lists the files to precache.
  integrations: [mdx(), svelte(), searchIndex(), offline()],
  // A strict Content-Security-Policy as a <meta> tag on every page: scripts only from this origin
  // or with the hash Astro computes for each inline script (no 'unsafe-inline' scripts, no inline
  // event handlers), nothing fetched from any other host. 'wasm-unsafe-eval' lets the offline search
  // (Pagefind) compile its WebAssembly. Styles may be inline: Svelte and Plot set style attributes,
  // and a style cannot run code.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  markdown: {
    // No code blocks need colouring, and Shiki's inline styles would not fit the CSP.
    syntaxHighlight: false,
    // Astro 7's default Markdown processor runs no remark/rehype plugins; math needs the unified one.
    // KaTeX renders at build time: a lesson page ships no JavaScript for its math.
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }]] }),
  },
  vite: {
    // Module workers with dynamic imports (engines load lazily inside the worker).
    worker: { format: 'es' },
    // No asset inlined as a data: URL (Vite inlines files under 4 kB by default): fonts then come
    // from this origin as the CSP's font-src 'self' says, and the offline cache holds them as files.
    build: { assetsInlineLimit: 0 },
  },
});
