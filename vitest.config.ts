import { defineConfig } from 'vitest/config';

// Unit and validation tests run in Node; the browser tests are Playwright's (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/validation/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
