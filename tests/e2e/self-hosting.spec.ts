import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { serveStatic } from './static-server.ts';

/**
 * Self-hosting as on GitHub Pages: the site built for a sub-path (BASE_PATH=/cnn-course/) and served
 * by a host that sends no isolation headers. Links must stay under the sub-path, and the service
 * worker fallback must make the pages cross-origin isolated after its one reload.
 */
const BASE = '/cnn-course/';
const OUT = 'test-results/dist-subpath';

test.use({ serviceWorkers: 'allow' });

test.describe('self-hosting under a sub-path without headers', () => {
  test.describe.configure({ timeout: 180_000 });
  let site: Awaited<ReturnType<typeof serveStatic>>;

  test.beforeAll(async () => {
    execFileSync('npx', ['astro', 'build', '--outDir', OUT], { env: { ...process.env, BASE_PATH: BASE }, stdio: 'pipe' });
    site = await serveStatic(OUT, BASE);
  });
  test.afterAll(async () => site.close());

  test('every page link and asset stays under the base path and nothing leaves the host', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.url}start/intro/`);
    await expect(page.getByRole('heading', { level: 1, name: '코스 소개' })).toBeVisible();
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((h) => !h.startsWith(BASE))).toEqual([]);
    const origin = new URL(site.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    await page.getByRole('link', { name: '코스 소개' }).first().click();
    await expect(page).toHaveURL(new RegExp(`${BASE}start/intro/$`));
  });

  test('the service worker makes pages cross-origin isolated', async ({ page }) => {
    const response = await page.goto(site.url);
    expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
    // The worker takes control once it has precached the course (30 MB: 20 s from a busy CI machine's
    // own disk), and the page reloads into isolation then.
    await expect.poll(() => page.evaluate(() => window.crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
    // Later navigations are isolated from the first response on.
    await page.goto(`${site.url}start/intro/`);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toContain(`${BASE}sw.js`);
  });
});
