import { test, expect } from './fixtures.ts';
import { exerciseFile, openEditor, runAndWait, setCode, expectResponsive } from './exercise-helpers.ts';

const ID = 'mnist-first-convnet';

test.describe('exercise runtime on the first-convnet lesson page', () => {
  test.describe.configure({ timeout: 180_000 });

  test('the page ships no exercise code before the exercise is touched and never runs learner code on load', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.resourceType() === 'worker') scripts.push(r.url());
    });
    await page.goto('/deep-learning-workflow/first-convnet/');
    await expect(page.locator(`[data-exercise-id="${ID}"] [data-role="editor"]`)).toContainText('buildModel');
    expect(scripts.filter((u) => /monaco|editor|runner|tfjs/i.test(u))).toEqual([]);
    await expect(page.locator(`[data-exercise-id="${ID}"] [role="status"]`)).toHaveAttribute('data-state', 'idle');
  });

  test('type the model, run it: summary shows 93,322 parameters and training draws live charts on SIMD wasm', async ({ page }) => {
    const wasmBinaries: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmBinaries.push(r.url());
    });
    await page.goto('/deep-learning-workflow/first-convnet/');
    const root = await openEditor(page, ID);
    await setCode(page, root, exerciseFile(ID, 'solution.ts'));
    await root.getByLabel('백엔드').selectOption('wasm');
    const state = await runAndWait(root, ['idle', 'error', 'timeout'], 170_000);
    const output = root.getByRole('status');
    expect(state, await output.innerText()).toBe('idle');
    await expect(output.getByRole('table', { name: '모델 요약' })).toContainText('93,322');
    await expect(output.getByRole('table', { name: '모델 요약' })).toContainText('(None, 26, 26, 32)');
    await expect(output.locator('.exercise-chart canvas').first()).toBeVisible();
    await expect(output).toContainText('에포크 2');
    const env = root.locator('[data-role="env"]');
    await expect(env).toHaveAttribute('data-backend', 'wasm');
    // The page is cross-origin isolated; from two cores up the runtime takes the threaded SIMD
    // binary, whose shared memory the course's loops run on with a helper per core beyond the
    // training worker's (up to four threads), and XNNPACK's threads from four cores up (half of
    // them); one core gets the single-threaded SIMD binary.
    await expect(env).not.toContainText('격리 안 됨');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.max(cores >= 4 ? Math.floor(cores / 2) : 1, Math.min(cores, 4));
    expect(wasmBinaries.some((u) => (threads > 1 ? /threaded-simd/ : /wasm-simd/).test(u))).toBe(true);
    expect(wasmBinaries.some((u) => /threaded-simd/.test(u))).toBe(threads > 1);
    expect(Number(await env.getAttribute('data-threads'))).toBe(threads);
    await expect(env).toContainText(`스레드 ${threads}개`);
    await root.screenshot({ path: 'test-results/screenshots/exercise-after-run-light.png' });
  });

  test('reload keeps the code, and the starter comes back only through 초기화 after confirmation', async ({ page }) => {
    await page.goto('/deep-learning-workflow/first-convnet/');
    const root = await openEditor(page, ID);
    await setCode(page, root, '// 내 코드는 사라지지 않아요\nexport function buildModel() {}\n');
    await page.waitForTimeout(800); // autosave is debounced
    await page.reload();
    const again = await openEditor(page, ID);
    await expect(again.locator('.monaco-editor')).toContainText('내 코드는 사라지지 않아요');
    page.once('dialog', (d) => void d.dismiss());
    await again.getByRole('button', { name: '초기화' }).click();
    await expect(again.locator('.monaco-editor')).toContainText('내 코드는 사라지지 않아요');
    page.once('dialog', (d) => void d.accept());
    await again.getByRole('button', { name: '초기화' }).click();
    await expect(again.locator('.monaco-editor')).toContainText('TODO');
  });

  test('stop during training answers within a second without blocking the page', async ({ page }) => {
    await page.goto('/deep-learning-workflow/first-convnet/');
    const root = await openEditor(page, ID);
    await setCode(page, root, exerciseFile(ID, 'solution.ts').replace(/epochs: \d+/, 'epochs: 50'));
    await root.getByRole('button', { name: '실행', exact: true }).click();
    await expect(root.locator('progress').first()).toBeVisible({ timeout: 60_000 });
    await expect(root.getByRole('status')).toContainText('배치', { timeout: 60_000 });
    await root.screenshot({ path: 'test-results/screenshots/exercise-during-run-light.png' });
    // Long tasks are counted from here, while training runs and through the stop: the claim under
    // test. Starting a run lays out its output on a long lesson page once, which is not.
    await page.evaluate(() => {
      (window as unknown as { longTasks: number[] }).longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // Timed inside the page, from the click event to the status saying so: Playwright's own round trips
    // to a browser busy training on both cores are not the page's latency.
    await root.evaluate((element) => {
      const status = element.querySelector('[role="status"]')!;
      const timing = window as unknown as { stopLatency?: number };
      element.querySelector('[data-action="stop"]')!.addEventListener(
        'click',
        () => {
          const clicked = performance.now();
          const check = () => {
            if (!status.textContent?.includes('중지했습니다')) return false;
            timing.stopLatency ??= performance.now() - clicked;
            return true;
          };
          if (!check()) new MutationObserver((_, observer) => check() && observer.disconnect()).observe(status, { subtree: true, childList: true, characterData: true });
        },
        { once: true, capture: true },
      );
    });
    await root.getByRole('button', { name: '중지' }).click();
    await expect(root.getByRole('status')).toContainText('중지했습니다', { timeout: 2_000 });
    expect(await page.evaluate(() => (window as unknown as { stopLatency?: number }).stopLatency)).toBeLessThan(1_000);
    await expectResponsive(page);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    // Long tasks are wall time: in CI the other browser lane shares the two cores, and the page's
    // ordinary tasks (a progress update, a chart redraw) stretched to 225 ms there while taking under
    // 60 ms alone. Training or a stop on the main thread would block for seconds.
    expect(longTasks.filter((d) => d > 500)).toEqual([]);
    // The next run works on a fresh worker.
    await setCode(page, root, exerciseFile(ID, 'solution.ts').replace(/export async function train[\s\S]*$/, 'export async function train() {}\n'));
    expect(await runAndWait(root, ['idle', 'error'])).toBe('idle');
  });
});
