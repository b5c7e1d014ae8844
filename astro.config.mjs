// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// A static site: `npm run build` writes dist/, which any static host serves.
export default defineConfig({
  site: 'https://gakusai.example.org',
  trailingSlash: 'always',
  integrations: [mdx(), svelte()],
  markdown: {
    // Astro 7's default Markdown processor runs no remark/rehype plugins; math needs the unified one.
    // KaTeX renders at build time: a lesson page ships no JavaScript for its math.
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }]] }),
  },
  vite: {
    // Module workers with dynamic imports (engines load lazily inside the worker).
    worker: { format: 'es' },
  },
});
