import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { buildServiceWorker } from '../../src/offline/build-sw.ts';
import { exerciseFile, gradeAndWait, openEditor, runAndWait, setCode } from './exercise-helpers.ts';
import { serveStatic, type StaticSite } from './static-server.ts';

/**
 * The offline course (src/offline/): after one visit the service worker has precached the site, so
 * with the network cut a lesson reloads, its exercise runs and grades; a new deployment shows the
 * update notice on the open page, and after 새로 고침 the new text, with the learner's code kept.
 * Served by our own static server (with and without the isolation headers) so that the test can cut
 * it off, see what reached it, and swap in a new build at the same origin.
 */
test.use({ serviceWorkers: 'allow' });

const LESSON = 'building-blocks/conv-components/';
const TITLE = '합성곱 신경망의 구성 요소';
/** A values exercise of that lesson: it needs no dataset, only the lesson's precached files. */
const EXERCISE = 'conv-output-shape';

/**
 * Waits until the service worker controls the page, which it does only once it has precached
 * everything, and the page is isolated (on a host without headers, after the one reload).
 */
async function waitForOfflineReady(page: Page): Promise<void> {
  // The isolation reload may destroy the page's context under an evaluate: that counts as not yet.
  const state = () => page.evaluate(() => `${navigator.serviceWorker.controller?.scriptURL ?? 'none'} ${window.crossOriginIsolated}`).catch(() => 'reloading');
  await expect.poll(state, { timeout: 60_000, message: 'the service worker controls an isolated page' }).toMatch(/\/sw\.js true$/);
  await page.waitForLoadState('load');
}

/**
 * The next build, for the update notice: the lesson's text changed, and the worker's manifest made
 * anew by the build's own last step (the full build takes minutes; the datasets are shared, not copied).
 */
async function nextDeployment(): Promise<string> {
  const next = 'test-results/dist-next';
  rmSync(next, { recursive: true, force: true });
  cpSync('dist', next, { recursive: true, filter: (source) => !/^dist\/(data|models)(\/|$)/.test(source) });
  for (const folder of ['data', 'models']) if (existsSync(`dist/${folder}`)) symlinkSync(resolve(`dist/${folder}`), `${next}/${folder}`);
  const lessonFile = `${next}/${LESSON}index.html`;
  const html = readFileSync(lessonFile, 'utf8');
  expect(html).toContain(`>${TITLE}</h1>`);
  writeFileSync(lessonFile, html.replace(`>${TITLE}</h1>`, `>${TITLE} (개정판)</h1>`));
  await buildServiceWorker(next);
  return next;
}

/**
 * With the network cut and the host down, the open lesson reloads isolated, and another lesson,
 * never opened, loads as well: nothing of the site is asked of the host. `whileOffline` runs after
 * the reload, on the lesson.
 */
async function reloadOffline(page: Page, context: BrowserContext, site: StaticSite, whileOffline: () => Promise<void> = async () => {}): Promise<void> {
  await context.setOffline(true);
  // Chromium checks for a new worker on navigation outside the page's emulated network, so the
  // host itself goes down too: anything not served from the caches would fail.
  site.setDown(true);
  try {
    const asked = site.requests.length;
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    // Isolated from the cache too: the worker adds the headers to what it serves from there.
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    await whileOffline();
    await page.goto(`${site.url}start/intro/`);
    await expect(page.getByRole('heading', { level: 1, name: '코스 소개' })).toBeVisible();
    expect(site.requests.slice(asked).filter((path) => path !== '/sw.js'), 'requests for the site while offline').toEqual([]);
  } finally {
    site.setDown(false);
    await context.setOffline(false);
  }
}

// Each host precaches the whole site once (about 30 MB, the expensive part), so each is visited in one
// test that checks all it needs. The exercise runs and grades offline on the host without headers,
// where isolation rests on the worker alone; with headers, the worker serves the same cached files
// with the same headers, so what is left to check there is that the worker installs and the page
// stays isolated offline.
test('offline after a first visit (host sends the isolation headers): the lesson and one never opened load isolated from the caches', async ({ page, context }) => {
  test.setTimeout(180_000);
  const site = await serveStatic('dist', '/', { isolationHeaders: true });
  try {
    await page.goto(`${site.url}${LESSON}`);
    await waitForOfflineReady(page);
    await reloadOffline(page, context, site);
  } finally {
    await site.close();
  }
});

test('offline after a first visit (host without headers): the lesson reloads, its exercise runs and grades; back online, a new deployment shows the update notice and 새로 고침 brings the new lesson text and keeps the code', async ({ page, context }) => {
  test.setTimeout(240_000);
  const next = await nextDeployment();
  const site: StaticSite = await serveStatic('dist', '/');
  try {
    await page.goto(`${site.url}${LESSON}`);
    await waitForOfflineReady(page);
    const code = `// 내 풀이: 업데이트 뒤에도 남아야 합니다\n${exerciseFile(EXERCISE, 'solution.ts')}`;
    await reloadOffline(page, context, site, async () => {
      const root = await openEditor(page, EXERCISE);
      await setCode(page, root, code);
      expect(await runAndWait(root, ['idle', 'error'])).toBe('idle');
      expect(await gradeAndWait(root, 120_000)).toBe('passed');
    });

    // Online again, back on the lesson with its editor open.
    await page.goto(`${site.url}${LESSON}`);
    await openEditor(page, EXERCISE);
    // The learner's code and progress as localStorage holds them (the page saves the code again, with a new time, as it unloads).
    const stored = () =>
      page.evaluate((id) => ({ code: (JSON.parse(localStorage.getItem(`cnn-course:code:${id}`) ?? '{}') as { code?: string }).code, progress: localStorage.getItem('cnn-course:progress') }), EXERCISE);
    const before = await stored();
    expect(before.code).toBe(code);
    expect(before.progress).toContain('"passed"');
    // Coming back online and loading the lesson each made the page ask the host for a new worker:
    // those questions are answered here, while the host still serves this build, so that the new
    // build is found by the one asked as the learner returns to the tab.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    site.serve(next);
    // The learner comes back to the tab: the page asks for a new worker.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const notice = page.getByRole('status').filter({ hasText: '새 버전이 있습니다' });
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await notice.screenshot({ path: 'test-results/screenshots/update-notice.png' });
    await page.screenshot({ path: 'test-results/screenshots/update-notice-page.png' });
    // Until the learner says so, the page is the build it was: nothing changed under the open editor.
    await expect(page.getByRole('heading', { level: 1, name: TITLE, exact: true })).toBeVisible();

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: '새로 고침' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: `${TITLE} (개정판)` })).toBeVisible();
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    expect(await stored()).toEqual(before);
    const reopened = await openEditor(page, EXERCISE);
    await expect(reopened.locator('.monaco-editor .view-lines')).toContainText('내 풀이: 업데이트 뒤에도 남아야 합니다');
    await expect(page.getByRole('status').filter({ hasText: '새 버전이 있습니다' })).toHaveCount(0);
  } finally {
    await site.close();
  }
});
