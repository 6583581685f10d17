/**
 * The course's pretrained backbone in the browser: served by the site, checked against its
 * manifest, re-measured on the fixed 1,000 test images (the same figure Node measures), usable from
 * learner code, and a model a user places in the site's models folder loads the same way.
 */
import { readFileSync, rmSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeLayersModel } from '../../scripts/pretrain/write-model.ts';
import type { PretrainedManifest } from '../../src/pretrained/manifest.ts';
import { expect, test } from './fixtures.ts';
import { openEditor, runAndWait, setCode } from './exercise-helpers.ts';

const manifest = JSON.parse(readFileSync('public/models/course-vgg/manifest.json', 'utf8')) as PretrainedManifest;

test.describe('pretrained models', () => {
  test('course-vgg loads from the site with its checksums and scores its recorded accuracy on the 1,000 test images', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/dev/pretrained/');
    await page.waitForFunction(() => typeof window.pretrainedCheck === 'function');
    const check = await page.evaluate(() => window.pretrainedCheck!({ name: 'course-vgg', measure: true }));
    expect(check.backend).toBe('wasm');
    expect(check.listed.find((m) => m.name === 'course-vgg')).toMatchObject({ origin: 'course', inputShape: [28, 28, 1], classes: 8 });
    expect(check.layers.slice(-4)).toEqual(['flatten', 'fc1', 'fc1_dropout', 'predictions']);
    expect(check.baseOutputShape).toEqual([null, 2, 2, 128]);
    expect(check.trainableTensors).toEqual({ full: 20, base: 16 });
    expect(check.measured!.count).toBe(1_000);
    expect(check.measured!.recorded).toBe(manifest.testAccuracy.sample1000);
    expect(Math.abs(check.measured!.accuracy - check.measured!.recorded)).toBeLessThanOrEqual(0.005);
    expect(check.decoded).toHaveLength(3);
    expect(manifest.classes.map((c) => c.ko)).toContain(check.decoded![0]!.ko);

    // A second load comes from Cache Storage: the model's files are not downloaded again.
    const downloads: string[] = [];
    page.on('request', (r) => void (/\/models\/course-vgg\/weights\.bin/.test(r.url()) && downloads.push(r.url())));
    await page.evaluate(() => window.pretrainedCheck!({ name: 'course-vgg', measure: false }));
    expect(downloads).toEqual([]);
  });

  test('a Layers model a user places in the models folder loads through the same API', async ({ page }) => {
    const dir = 'dist/models/e2e-user-model';
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu', name: 'my_conv' }),
        tfl.layers.maxPooling2d({ poolSize: 2, name: 'my_pool' }),
        tfl.layers.flatten({ name: 'my_flatten' }),
        tfl.layers.dense({ units: 2, activation: 'softmax', name: 'my_out' }),
      ],
    });
    await tf.setBackend('cpu');
    await writeLayersModel(model, dir);
    try {
      await page.goto('/dev/pretrained/');
      await page.waitForFunction(() => typeof window.pretrainedCheck === 'function');
      const check = await page.evaluate(() => window.pretrainedCheck!({ name: 'e2e-user-model', measure: true }));
      expect(check.layers).toEqual(['my_conv', 'my_pool', 'my_flatten', 'my_out']);
      // Without a manifest, the base ends before the first Flatten; a user model has no recorded accuracy.
      expect(check.baseOutputShape).toEqual([null, 3, 3, 4]);
      expect(check.trainableTensors).toEqual({ full: 4, base: 2 });
      expect(check.measured).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('learner code lists, loads, freezes and decodes with the course API', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/start/playground/');
    const root = await openEditor(page, 'playground');
    // The editor knows the course API's types: a model name must be a string.
    await setCode(page, root, `import { loadPretrained } from 'course';\nawait loadPretrained(42);\n`);
    await expect(root.locator('.squiggly-error')).toHaveCount(1, { timeout: 30_000 });
    await root.locator('.squiggly-error').hover({ force: true });
    await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText("Argument of type 'number' is not assignable to parameter of type 'string'");
    await setCode(
      page,
      root,
      `import * as tf from '@tensorflow/tfjs';
import { listPretrained, loadPretrained, decodePredictions, loadTrainingData, print } from 'course';
print('models', (await listPretrained()).map((m) => m.name).join(','));
const base = await loadPretrained('course-vgg', { includeTop: false });
const model = tf.sequential({ layers: [base, tf.layers.flatten(), tf.layers.dense({ units: 256, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
print('trainable before', model.trainableWeights.length);
base.trainable = false;
print('trainable after', model.trainableWeights.length);
const full = await loadPretrained('course-vgg');
const top = decodePredictions(full.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor, 2);
print('decoded', top.length, top[0].length, top[0][0].probability >= top[0][1].probability);`,
    );
    await expect(root.locator('.squiggly-error')).toHaveCount(0, { timeout: 30_000 });
    expect(await runAndWait(root, ['idle', 'error'])).toBe('idle');
    const output = root.getByRole('status');
    await expect(output).toContainText('models course-vgg');
    await expect(output).toContainText('trainable before 20');
    await expect(output).toContainText('trainable after 4');
    await expect(output).toContainText('decoded 2 2 true');
  });
});
