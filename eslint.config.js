// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Beyond the usual checks, the linter holds the wall around the engines: simulations/ may not read
 * a clock or Math.random, touch the DOM or Node, or import the site. (simulations/tsconfig.json
 * makes the DOM and Node a compile error as well.)
 */
export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', '**/*.tmp.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['simulations/**/*.ts'],
    ignores: ['simulations/core/math.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Engines draw randomness only from simulations/core/rng.ts (seeded streams).' },
        { object: 'Date', property: 'now', message: 'Engines never read a clock: results must depend only on (params, seed, work).' },
        { object: 'performance', property: 'now', message: 'Engines never read a clock: results must depend only on (params, seed, work).' },
        // V8 versions disagree in the last bit of these (Node 24 vs Chromium 156): use core/math.ts.
        ...['log', 'exp', 'pow', 'expm1', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'cbrt', 'hypot'].map(
          (property) => ({ object: 'Math', property, message: 'Not reproducible across JavaScript engines: use simulations/core/math.ts.' }),
        ),
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'self', 'globalThis', 'navigator', 'localStorage', 'performance', 'process', 'setTimeout', 'setInterval', 'crypto'].map(
          (name) => ({ name, message: 'Engines are pure: no DOM, no Node, no timers, no host objects.' }),
        ),
        { name: 'Date', message: 'Engines never read a clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**']", message: 'x ** y is Math.pow: not reproducible across JavaScript engines; use core/math.ts.' },
        { selector: "AssignmentExpression[operator='**=']", message: 'x **= y is Math.pow: not reproducible across JavaScript engines; use core/math.ts.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '../src/*', '../../src/*'], message: 'Engines must not import the site.' },
            { group: ['svelte', 'svelte/*', 'astro', 'astro/*', 'astro:*', '@observablehq/*', 'comlink'], message: 'Engines are plain TypeScript.' },
            { group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'Engines run in browsers too: no Node modules.' },
          ],
        },
      ],
    },
  },
);
