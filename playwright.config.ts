import { defineConfig } from '@playwright/test';
import { launchOptions } from './test/browser.ts';

const PORT = 4329;

// Browser tests run against the production build (`astro build` first; see the test:e2e script).
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: launchOptions(),
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  webServer: {
    // --ignore-lock: a developer may have their own preview running; this one is private to the tests.
    command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/en/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
