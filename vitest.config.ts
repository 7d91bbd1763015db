import { defineConfig } from 'vitest/config';

// Unit and integration tests. End-to-end specs live in demo/e2e and run under Playwright.
export default defineConfig({
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  test: {
    include: ['{compiler,runtime,server,builder,bench,rest}/**/*.test.ts'],
    // Generous: these limits only stop a hung test; speed is measured in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
