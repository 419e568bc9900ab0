import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end smoke test of Portico.
 *
 * Expects a Portico backend serving the built frontend (the test script starts it);
 * there is deliberately no `webServer` here. Run with:
 *   npx playwright test -c test/e2e/playwright.config.ts
 *
 * PORTICO_E2E_BASE_URL: where Portico runs (default http://localhost:7007).
 * PORTICO_CHROMIUM: the Chromium binary to drive (default /usr/bin/chromium);
 * no Playwright-managed browser download is needed.
 */
const resultsDir = path.resolve(__dirname, '../../test-results/e2e');

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(resultsDir, 'artifacts'),
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(resultsDir, 'results.json') }],
  ],
  use: {
    baseURL: process.env.PORTICO_E2E_BASE_URL ?? 'http://localhost:7007',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1600, height: 1000 },
      },
    },
  ],
});
