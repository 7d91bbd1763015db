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
    // Vitest's default is one fork per core minus one, which is a single fork on CI's two cores.
    // Most files wait on servers, databases and child processes, so two forks finish far sooner.
    maxWorkers: 2,
  },
});
