import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end specs run against the real server (`npm start`) and the minified bundles it
 * serves, because IndexedDB needs a real http origin and users load the minified file.
 */

/**
 * Each run gets its own port, data directory and output directory, so runs started at the same
 * time in one work tree (developers share one) never stop each other's server or wipe each
 * other's data and traces. E2E_PORT chooses the port; otherwise the main process picks a free
 * one, and workers inherit it through the environment.
 */
process.env.E2E_PORT ||= String(await freePort());
const PORT = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${PORT}`;
const DATA_DIR = `.tmp/e2e-data/${PORT}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Debian's Chromium when present; otherwise Playwright's own (`npx playwright install chromium`). */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

// Without the background-networking flags Chromium keeps dialling Google's hosts, which a
// closed network refuses many at a time; QUIC is off for the same reason.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'demo/e2e',
  outputDir: `.tmp/e2e-results/${PORT}`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // The JSON report feeds the pass/fail summary printed by .ci/run.
  reporter: [['list'], ['json', { outputFile: '.tmp/reports/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: chromiumArgs },
      },
    },
  ],
  webServer: {
    // A fresh data directory each run, so the demo bot is published from demo/scenario.json
    // and no visitor state survives from an earlier run.
    command: `rm -rf ${DATA_DIR} && npm start`,
    url: `${baseURL}/healthz`,
    env: {
      PORT: String(PORT),
      DATA_DIR,
      PUBLIC_URL: baseURL,
      CHATLET_ADMIN_TOKEN: 'e2e-admin-token',
      LOG_LEVEL: 'warn',
      // A visitor who closes the page counts as gone after 3 s instead of 20, so console-presence.spec.ts need not wait.
      CHATLET_VISITOR_GRACE_SECONDS: '3',
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
