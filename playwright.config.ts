import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests run against the built site (`dist/`) served by `astro preview` on 127.0.0.1 with
 * the same cross-origin isolation headers as production. Chromium is Debian's (/usr/bin/chromium);
 * CHROME_PATH points elsewhere, and when neither exists Playwright's own browser is used.
 */
const PORT = Number(process.env.E2E_PORT ?? 4329);
/**
 * `npm test` runs the browser tests in two processes at once (scripts/test.sh), of about equal
 * length in CI: `lessons` walks the lesson pages (the every-page check, and the values exercises
 * graded one lesson page at a time), `runtime` the rest (the editor, the worker, the graders).
 * E2E_LANE picks one; unset, one process runs everything.
 */
const LANE = process.env.E2E_LANE;
const LESSONS_LANE = ['**/pages.spec.ts', '**/building-blocks.spec.ts'];
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch options for Chromium with these flags (a test that needs other flags must keep the executable). */
export function chromiumLaunchOptions(args: string[]) {
  return { ...(chromePath ? { executablePath: chromePath } : {}), args: [...CHROMIUM_ARGS, ...args] };
}

export default defineConfig({
  testDir: 'tests/e2e',
  ...(LANE === 'lessons' ? { testMatch: LESSONS_LANE } : LANE === 'runtime' ? { testIgnore: LESSONS_LANE } : {}),
  outputDir: LANE ? `test-results/e2e-${LANE}` : 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Every test records a trace, kept only when it fails. Its DOM snapshots around every action and
    // its screencast cost a fifth to a third of a test's time on lesson pages of thousands of nodes,
    // in every test, passing or not: CI records neither (the trace keeps the action log, console,
    // network and errors, and a screenshot is taken at the failure); a run at the desk records both.
    trace: process.env['CI'] ? { mode: 'retain-on-failure', snapshots: false, screenshots: false } : 'retain-on-failure',
    screenshot: process.env['CI'] ? 'only-on-failure' : 'off',
    locale: 'ko-KR',
    launchOptions: chromiumLaunchOptions(['--disable-gpu']),
    // The built site registers a service worker that precaches about 30 MB at install; in every fresh
    // context of every test that would slow the suite for nothing. Blocked, the page works as one
    // without service workers; the specs about the worker (offline, self-hosting) allow it.
    serviceWorkers: 'block',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
