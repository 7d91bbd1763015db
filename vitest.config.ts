import { defineConfig } from 'vitest/config';

// Unit and integration tests. End-to-end specs live in demo/e2e and run under Playwright.
export default defineConfig({
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  test: {
    include: ['{compiler,runtime,server,builder,bench}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
