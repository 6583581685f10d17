import { test, expect } from './fixtures.ts';

/** The /bench/ page that `npm run bench` drives: it must work from the built site, by hand and by script. */
test.describe('benchmark page', () => {
  test('measures wasm with one thread per core, and reports a backend that cannot start instead of failing', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/bench/');
    await page.waitForFunction(() => typeof window.runBenchmark === 'function');
    // --disable-gpu (the tests' default flags): WebGPU has no adapter here, which the report must say.
    const report = await page.evaluate(() => window.runBenchmark({ backends: ['wasm', 'webgpu'], models: ['lenet5-002'], steps: 2, budgetMs: 10_000, breakdown: false, accuracy: [] }));
    expect(report.crossOriginIsolated).toBe(true);
    const [wasm, webgpu] = report.backends;
    expect(wasm).toMatchObject({ backend: 'wasm', available: true, threads: report.cores });
    expect(wasm!.matmulGflops).toBeGreaterThan(0);
    const lenet = wasm!.training[0]!;
    expect(lenet).toMatchObject({ model: 'lenet5-002', steps: 2 });
    expect(lenet.imagesPerSecond).toBeGreaterThan(0);
    expect(lenet.efficiency).toBeGreaterThan(0);
    expect(lenet.efficiency).toBeLessThan(1);
    expect(webgpu).toMatchObject({ backend: 'webgpu', available: false });
    expect(webgpu!.reason).toBeTruthy();
  });

  test('the form runs the quick benchmark and shows a table', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/bench/');
    const status = page.getByRole('status');
    await expect(status).toContainText('교차 출처 격리');
    await page.getByRole('button', { name: '측정 시작' }).click();
    await expect(status).toHaveText('끝났습니다.', { timeout: 100_000 });
    const rows = page.locator('table[data-role="results"] tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('lenet5-002');
    await expect(rows.nth(1)).toContainText('cnn-003');
    await expect(rows.nth(0)).toContainText(/wasm \(\d+스레드\)/);
    await page.screenshot({ path: 'test-results/screenshots/bench.png', fullPage: true });
  });
});
