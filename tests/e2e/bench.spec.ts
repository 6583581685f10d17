import { test, expect } from './fixtures.ts';
import { BATCH } from '../../bench/measure.ts';

/** LeNet-5's multiply-adds per image, by hand (bench/measure.test.ts checks the count): conv, conv, conv, dense, dense. */
const LENET_MACS = 28 * 28 * 6 * 25 + 10 * 10 * 16 * 25 * 6 + 120 * 25 * 16 + 120 * 84 + 84 * 10;

/** The values a number the report rounds to `step` (0.1, 0.001) stood for before rounding. */
const unrounded = (x: number, step: number) => ({ low: x - step / 2, high: x + step / 2 });

/** The /bench/ page that `npm run bench` drives: it must work from the built site, by hand and by script. */
test.describe('benchmark page', () => {
  test('measures wasm as the course runs it, without threads and on every core, and reports a backend that cannot start instead of failing', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/bench/');
    await page.waitForFunction(() => typeof window.runBenchmark === 'function');
    // --disable-gpu (the tests' default flags): WebGPU has no adapter here, which the report must say.
    const report = await page.evaluate(() => window.runBenchmark({ backends: ['wasm', 'wasm-simd', 'wasm-threads', 'webgpu'], models: ['lenet5-002'], steps: 2, budgetMs: 10_000, breakdown: false, accuracy: [] }));
    expect(report.crossOriginIsolated).toBe(true);
    const [wasm, simd, everyCore, webgpu] = report.backends;
    // The two builds side by side, though the page could have threads: none, and one per core.
    expect(simd).toMatchObject({ backend: 'wasm-simd', available: true, threads: 1 });
    // Timed steps: at least the two asked for, more while they add up to under a second (steady pace).
    const timed = (result: { steps: number; warmUpSteps?: number }) => {
      expect(result.steps).toBeGreaterThanOrEqual(2);
      expect(result.warmUpSteps).toBeGreaterThanOrEqual(1);
    };
    expect(simd!.training[0]).toMatchObject({ model: 'lenet5-002' });
    timed(simd!.training[0]!);
    expect(report.cores, 'this test needs a machine with two or more cores').toBeGreaterThan(1);
    expect(everyCore).toMatchObject({ backend: 'wasm-threads', available: true, threads: report.cores });
    expect(everyCore!.training[0]).toMatchObject({ model: 'lenet5-002' });
    timed(everyCore!.training[0]!);
    // What the exercises get: XNNPACK on half the cores from four cores up, the course's loops on up to four.
    expect(wasm).toMatchObject({ backend: 'wasm', available: true, threads: Math.max(report.cores >= 4 ? Math.floor(report.cores / 2) : 1, Math.min(report.cores, 4)) });
    // Chromium has relaxed SIMD: the course's loops run their fused multiply-adds, in every build.
    for (const build of [wasm, simd, everyCore]) expect(build!.fusedMultiplyAdds).toBe(true);
    // The course's loops run on a helper worker per core beyond the training worker's (up to three),
    // and the helpers took some of the work; the build without threads has none.
    expect(wasm!.loopChunks).toHaveLength(Math.min(report.cores, 4));
    expect(wasm!.loopChunks!.slice(1).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(simd!.loopChunks).toBeUndefined();
    const lenet = wasm!.training[0]!;
    // A training step is 3 × 2 FLOPs per multiply-add.
    expect(lenet).toMatchObject({ model: 'lenet5-002', flopsPerImage: 6 * LENET_MACS });
    timed(lenet);
    expect(lenet.skipped).toBeUndefined();
    // Throughput is one batch over the median step, as far as the report's rounding (0.1) tells.
    const ms = unrounded(lenet.msPerStep!, 0.1);
    expect(lenet.imagesPerSecond).toBeGreaterThanOrEqual(BATCH / (ms.high / 1000) - 0.05);
    expect(lenet.imagesPerSecond).toBeLessThanOrEqual(BATCH / (ms.low / 1000) + 0.05);
    // Efficiency is the achieved training FLOP/s over the matmul roofline measured in the same run.
    const [ips, roofline] = [unrounded(lenet.imagesPerSecond!, 0.1), unrounded(wasm!.matmulGflops!, 0.1)];
    expect(lenet.efficiency).toBeGreaterThanOrEqual((ips.low * lenet.flopsPerImage) / 1e9 / roofline.high - 0.0005);
    expect(lenet.efficiency).toBeLessThanOrEqual((ips.high * lenet.flopsPerImage) / 1e9 / roofline.low + 0.0005);
    expect(lenet.efficiency).toBeGreaterThan(0);
    // The roofline is XNNPACK's matmul on its threads (one here); the course's loops run on every core.
    expect(lenet.efficiency).toBeLessThanOrEqual(report.cores);
    expect(webgpu).toMatchObject({ backend: 'webgpu', available: false, training: [], accuracy: [] });
    expect(webgpu!.reason).toMatch(/\S/);
    expect(webgpu!.matmulGflops).toBeUndefined();
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
