import { test, expect } from './fixtures.ts';
import { chromiumLaunchOptions } from '../../playwright.config.ts';
import { openEditor, runAndWait, setCode } from './exercise-helpers.ts';

/**
 * The same runtime on WebGPU. This machine has no GPU, so Chromium's SwiftShader adapter stands
 * in; the automatic choice skips software adapters, hence the learner's explicit override.
 */
test.use({ launchOptions: chromiumLaunchOptions(['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']) });

test('a small model trains on webgpu when the learner chooses it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/start/playground/');
  const root = await openEditor(page, 'playground');
  await root.getByLabel('백엔드').selectOption('webgpu');
  await setCode(
    page,
    root,
    [
      "import * as tf from '@tensorflow/tfjs';",
      "import { print } from 'course';",
      'const model = tf.sequential({ layers: [',
      "  tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),",
      '  tf.layers.flatten(),',
      "  tf.layers.dense({ units: 2, activation: 'softmax' }),",
      ']});',
      "model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });",
      'const xs = tf.randomUniform([32, 8, 8, 1]);',
      "const ys = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 2), 'float32');",
      'const history = await model.fit(xs, ys, { epochs: 2, batchSize: 16 });',
      "print('백엔드', tf.getBackend(), '손실', history.history.loss);",
      '',
    ].join('\n'),
  );
  const state = await runAndWait(root, ['idle', 'error', 'timeout'], 100_000);
  expect(state, await root.getByRole('status').innerText()).toBe('idle');
  await expect(root.locator('[data-role="env"]')).toHaveAttribute('data-backend', 'webgpu');
  await expect(root.getByRole('status')).toContainText('백엔드 webgpu');
});

test('the automatic choice passes over a software WebGPU adapter and picks wasm', async ({ page }) => {
  await page.goto('/start/playground/');
  const root = await openEditor(page, 'playground');
  await setCode(page, root, "import * as tf from '@tensorflow/tfjs';\nimport { print } from 'course';\nprint('백엔드', tf.getBackend());\n");
  const state = await runAndWait(root, ['idle', 'error', 'timeout']);
  expect(state, await root.getByRole('status').innerText()).toBe('idle');
  // SwiftShader is an adapter, so WebGPU "works" here, but a training step takes seconds on it.
  expect(await page.evaluate(async () => Boolean(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()))).toBe(true);
  await expect(root.locator('[data-role="env"]')).toHaveAttribute('data-backend', 'wasm');
  await expect(root.getByRole('status')).toContainText('백엔드 wasm');
});
