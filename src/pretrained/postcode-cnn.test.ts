/**
 * The committed `postcode-cnn` (public/models/postcode-cnn/): its files are the ones its manifest
 * describes, it is listing 8-3's model (594,922 parameters), it still scores what the manifest
 * records, and it reads the recorded postcodes the recognizer page and its exercise use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAWINGS, strokesOf } from '../../content/exercises/postcode-preprocess/drawings.ts';
import { loadDatasetBytes } from '../data/loader.ts';
import { rasterize } from '../recognizer/canvas.ts';
import { grabNumerals, toModelInput } from '../recognizer/preprocess.ts';
import { readDigits } from '../recognizer/results.ts';
import { startNodeBackend } from '../runtime/node/backend.ts';
import { diskFetch } from '../runtime/node/disk-fetch.ts';
import { sha256 } from '../../scripts/pretrain/write-model.ts';
import { readCatalog } from './catalog.ts';
import { listPretrained, loadPretrainedModel } from './loader.ts';
import type { PretrainedManifest } from './manifest.ts';
import { buildPostcodeCnn, POSTCODE_CNN, POSTCODE_CNN_BASE_OUTPUT, POSTCODE_CNN_PARAMETERS, POSTCODE_CNN_RECIPE } from './postcode-cnn.ts';
import { accuracy } from './training.ts';

const ROOT = join(import.meta.dirname, '../..');
const MODELS = join(ROOT, 'public', 'models');
const DIR = join(MODELS, POSTCODE_CNN);
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as PretrainedManifest;
const source = { baseUrl: '/models/', fetch: diskFetch(MODELS, 'models'), cache: null };

beforeAll(() => startNodeBackend('wasm'));

describe('the committed postcode-cnn', () => {
  it('has the files its manifest lists, byte for byte, and stays small', () => {
    expect(manifest.files.map((f) => f.path)).toEqual(['model.json', 'weights.bin']);
    for (const file of manifest.files) {
      const data = readFileSync(join(DIR, file.path));
      expect(data.byteLength, file.path).toBe(file.bytes);
      expect(sha256(data), file.path).toBe(file.sha256);
    }
    // 594,922 float32 weights.
    expect(manifest.files[1]!.bytes).toBe(POSTCODE_CNN_PARAMETERS * 4);
    expect(manifest.files.reduce((sum, f) => sum + f.bytes, 0)).toBeLessThan(5 * 1024 * 1024);
  });

  it('was made by the recipe in the code, and reached 98.5% on the 10,000 test images', () => {
    expect(manifest.recipe).toMatchObject({ ...POSTCODE_CNN_RECIPE, parameters: POSTCODE_CNN_PARAMETERS });
    expect(manifest.trainingLog).toHaveLength(POSTCODE_CNN_RECIPE.epochs);
    expect(manifest.testAccuracy.allCount).toBe(10_000);
    expect(manifest.testAccuracy.all).toBeGreaterThanOrEqual(0.985);
    expect(manifest.classes.map((c) => c.en)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('is listing 8-3: the layers Keras names, 594,922 parameters, 12 weight tensors', async () => {
    const { model } = await loadPretrainedModel(POSTCODE_CNN, {}, source);
    expect(model.layers.map((l) => l.name)).toEqual(['conv2d', 'conv2d_1', 'max_pooling2d', 'dropout', 'conv2d_2', 'conv2d_3', 'max_pooling2d_1', 'dropout_1', 'flatten', 'dense', 'dropout_2', 'dense_1']);
    expect(model.countParams()).toBe(POSTCODE_CNN_PARAMETERS);
    expect(buildPostcodeCnn().countParams()).toBe(POSTCODE_CNN_PARAMETERS);
    expect(model.layers.map((l) => l.countParams())).toEqual([320, 9_248, 0, 0, 18_496, 36_928, 0, 0, 0, 524_800, 0, 5_130]);
    expect(model.trainableWeights).toHaveLength(12);
    const { model: base } = await loadPretrainedModel(POSTCODE_CNN, { includeTop: false }, source);
    expect(base.layers.at(-1)!.name).toBe(POSTCODE_CNN_BASE_OUTPUT);
    expect(base.outputs[0]!.shape).toEqual([null, 4, 4, 64]);
  });

  it('is listed beside course-vgg as a course model', async () => {
    const listed = readCatalog(MODELS).filter((m) => m.origin === 'course');
    expect(listed.map((m) => m.name)).toEqual(['course-vgg', POSTCODE_CNN]);
    expect(listed[1]).toEqual({ name: POSTCODE_CNN, origin: 'course', title: manifest.title, inputShape: [28, 28, 1], classes: 10 });
    expect((await listPretrained(source)).map((m) => m.name)).toContain(POSTCODE_CNN);
  });

  it('reproduces its recorded test accuracy on the fixed 1,000 images (and on all 10,000 with FULL=1)', async () => {
    const { model } = await loadPretrainedModel(POSTCODE_CNN, {}, source);
    const fetch = diskFetch(join(ROOT, 'public', 'data'));
    const tensors = (data: Awaited<ReturnType<typeof loadDatasetBytes>>, count: number) => ({
      xs: tf.tensor4d(Float32Array.from(data.images.subarray(0, count * 784), (v) => v / 255), [count, 28, 28, 1]),
      ys: tf.tensor1d(Float32Array.from(data.labels.subarray(0, count))),
    });
    const sample = tensors(await loadDatasetBytes('mnist', { split: 'test', shuffleSeed: POSTCODE_CNN_RECIPE.testSampleSeed, fetch, cache: null }), POSTCODE_CNN_RECIPE.testSampleSize);
    expect(Math.abs(accuracy(model, sample.xs, sample.ys) - manifest.testAccuracy.sample1000)).toBeLessThanOrEqual(0.005);
    // The whole test split takes most of this test's time; the fixed sample above checks the same weights.
    if (process.env['FULL'] === '1') {
      const all = tensors(await loadDatasetBytes('mnist', { split: 'test', fetch, cache: null }), 10_000);
      expect(Math.abs(accuracy(model, all.xs, all.ys) - manifest.testAccuracy.all)).toBeLessThanOrEqual(0.005);
      tf.dispose([all.xs, all.ys]);
    }
    tf.dispose([sample.xs, sample.ys]);
  });

  it('reads both recorded postcodes, every digit (the e2e test asks four of five in the browser)', async () => {
    const { model } = await loadPretrainedModel(POSTCODE_CNN, {}, source);
    for (const drawing of DRAWINGS) {
      const input = tf.tensor4d(toModelInput(grabNumerals(rasterize(strokesOf(drawing)))), [5, 28, 28, 1]);
      const probabilities = (model.predict(input) as tf.Tensor2D).arraySync();
      expect(readDigits(probabilities).map((r) => r.digit).join(''), drawing.digits).toBe(drawing.digits);
      tf.dispose(input);
    }
  });
});
