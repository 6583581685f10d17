/**
 * The committed `course-vgg` (public/models/course-vgg/): its files are the ones its manifest
 * describes, it loads as the documents' VGG16 does, and it still scores what the manifest records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetBytes } from '../data/loader.ts';
import { startNodeBackend } from '../runtime/node/backend.ts';
import { diskFetch } from '../runtime/node/disk-fetch.ts';
import { sha256 } from '../../scripts/pretrain/write-model.ts';
import { COURSE_VGG, COURSE_VGG_RECIPE, COURSE_VGG_SPEC } from './course-vgg.ts';
import { buildBackbone } from './backbone.ts';
import { loadPretrainedModel } from './loader.ts';
import type { PretrainedManifest } from './manifest.ts';
import { PRETRAIN_LABELS, selectClasses, toTensors } from './tasks.ts';
import { accuracy } from './training.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'public', 'models', COURSE_VGG);
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as PretrainedManifest;
const source = { baseUrl: '/models/', fetch: diskFetch(join(ROOT, 'public', 'models'), 'models'), cache: null };

beforeAll(() => startNodeBackend('wasm'));

describe('the committed course-vgg', () => {
  it('has the files its manifest lists, byte for byte, and stays small', () => {
    expect(manifest.files.map((f) => f.path)).toEqual(['model.json', 'weights.bin']);
    for (const file of manifest.files) {
      const data = readFileSync(join(DIR, file.path));
      expect(data.byteLength, file.path).toBe(file.bytes);
      expect(sha256(data), file.path).toBe(file.sha256);
    }
    expect(manifest.files.reduce((sum, f) => sum + f.bytes, 0)).toBeLessThan(5 * 1024 * 1024);
  });

  it('was made by the recipe in the code', () => {
    expect(manifest.recipe).toMatchObject({ ...COURSE_VGG_RECIPE, labels: [...COURSE_VGG_RECIPE.labels], architecture: JSON.parse(JSON.stringify(COURSE_VGG_SPEC)) });
    expect(manifest.trainingLog).toHaveLength(COURSE_VGG_RECIPE.epochs);
  });

  it('has VGG16’s layer names and the architecture of its recipe', async () => {
    const { model } = await loadPretrainedModel(COURSE_VGG, {}, source);
    const names = model.layers.map((l) => l.name);
    expect(names.slice(0, 5)).toEqual(['input_image', 'input_pad', 'block1_conv1', 'block1_conv2', 'block1_pool']);
    expect(names.slice(-5)).toEqual(['block4_pool', 'flatten', 'fc1', 'fc1_dropout', 'predictions']);
    expect(model.countParams()).toBe(buildBackbone(COURSE_VGG_SPEC).countParams());
    expect(model.countParams()).toBe(manifest.recipe['parameters']);
    // Keras counts 2 tensors per conv and dense layer: 8 convs + 2 dense = 20.
    expect(model.trainableWeights).toHaveLength(20);
  });

  it('without its top is the base up to block4_pool, [n, 2, 2, 128], 16 weight tensors', async () => {
    const { model } = await loadPretrainedModel(COURSE_VGG, { includeTop: false }, source);
    expect(model.layers.at(-1)!.name).toBe('block4_pool');
    expect(model.outputs[0]!.shape).toEqual([null, 2, 2, 128]);
    expect(model.trainableWeights).toHaveLength(16);
    model.trainable = false;
    expect(model.trainableWeights).toHaveLength(0);
  });

  it('reproduces its recorded test accuracy on the fixed 1,000 images (and on all 8,000 with FULL=1)', async () => {
    const { model } = await loadPretrainedModel(COURSE_VGG, {}, source);
    const fetch = diskFetch(join(ROOT, 'public', 'data'));
    const sample = toTensors(selectClasses(await loadDatasetBytes('fashion-mnist', { split: 'test', shuffleSeed: COURSE_VGG_RECIPE.testSampleSeed, fetch, cache: null }), PRETRAIN_LABELS, { perClass: COURSE_VGG_RECIPE.testSamplePerClass }));
    expect(sample.xs.shape[0]).toBe(1_000);
    expect(Math.abs(accuracy(model, sample.xs, sample.ys) - manifest.testAccuracy.sample1000)).toBeLessThanOrEqual(0.005);
    // The whole test split takes most of this test's time; the fixed sample above checks the same weights.
    if (process.env['FULL'] === '1') {
      const all = toTensors(selectClasses(await loadDatasetBytes('fashion-mnist', { split: 'test', fetch, cache: null }), PRETRAIN_LABELS));
      expect(Math.abs(accuracy(model, all.xs, all.ys) - manifest.testAccuracy.all)).toBeLessThanOrEqual(0.005);
      tf.dispose([all.xs, all.ys]);
    }
    tf.dispose([sample.xs, sample.ys]);
  });
});
