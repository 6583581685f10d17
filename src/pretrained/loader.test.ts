import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskFetch } from '../runtime/node/disk-fetch.ts';
import { startNodeBackend } from '../runtime/node/backend.ts';
import { sha256, writeLayersModel } from '../../scripts/pretrain/write-model.ts';
import { readCatalog } from './catalog.ts';
import { decodeWithClasses, listPretrained, loadPretrainedModel, ModelLoadError, type ModelSource } from './loader.ts';
import type { PretrainedManifest } from './manifest.ts';

let dir: string;
let source: ModelSource;

/** A small user model, as one converted from Keras would be: conv base, then Flatten and Dense. */
function userModel(): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }), name: 'conv' }),
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }), name: 'out' }),
    ],
  });
}

const input = () => tf.tensor4d(Array.from({ length: 2 * 36 }, (_, i) => (i % 7) / 7), [2, 6, 6, 1]);

beforeAll(async () => {
  await startNodeBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'models-'));
  source = { baseUrl: '/models/', fetch: diskFetch(dir, 'models'), cache: null };
  await writeLayersModel(userModel(), join(dir, 'my-model'));
  // A course-style copy of the same model, with a manifest naming where its base ends.
  const files = await writeLayersModel(userModel(), join(dir, 'with-manifest'));
  const manifest: Partial<PretrainedManifest> = { name: 'with-manifest', classes: [{ en: 'a', ko: '가' }, { en: 'b', ko: '나' }, { en: 'c', ko: '다' }], baseOutputLayer: 'conv', files, inputShape: [6, 6, 1], title: { ko: '시험', en: 'test' } };
  writeFileSync(join(dir, 'with-manifest', 'manifest.json'), JSON.stringify(manifest));
  mkdirSync(join(dir, 'not-a-model'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a model a user brings (public/models/<name>/model.json, no manifest)', () => {
  it('is listed and loads with the same weights and predictions', async () => {
    expect(readCatalog(dir)).toEqual([
      { name: 'with-manifest', origin: 'course', title: { ko: '시험', en: 'test' }, inputShape: [6, 6, 1], classes: 3 },
      { name: 'my-model', origin: 'user' },
    ]);
    expect(await listPretrained(source)).toEqual(readCatalog(dir));
    const { model, manifest } = await loadPretrainedModel('my-model', {}, source);
    expect(manifest).toBeUndefined();
    const x = input();
    const expected = userModel().predict(x) as tf.Tensor;
    expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected.dataSync()));
  });

  it('without its top ends before the first Flatten, and the head is freed', async () => {
    const before = tf.memory().numTensors;
    const { model } = await loadPretrainedModel('my-model', { includeTop: false }, source);
    expect(model.layers.map((l) => l.name)).toEqual([expect.stringMatching(/input/), 'conv', 'pool']);
    expect(model.outputs[0]!.shape).toEqual([null, 2, 2, 2]);
    // conv kernel and bias remain; the dense layer's two tensors are gone.
    expect(tf.memory().numTensors - before).toBe(2);
  });

  it('says in Korean when a model is missing or its name is not a folder name', async () => {
    await expect(loadPretrainedModel('nope', {}, source)).rejects.toThrow(/사전 학습 모델 'nope'이\(가\) 없습니다/);
    await expect(loadPretrainedModel('../data', {}, source)).rejects.toThrow(ModelLoadError);
  });
});

describe('a model with a manifest', () => {
  it('cuts its base where the manifest says', async () => {
    const { model, manifest } = await loadPretrainedModel('with-manifest', { includeTop: false }, source);
    expect(manifest?.baseOutputLayer).toBe('conv');
    expect(model.outputs[0]!.shape).toEqual([null, 4, 4, 2]);
  });

  it('refuses a weight file whose SHA-256 differs from the manifest', async () => {
    const damaged = join(dir, 'damaged');
    mkdirSync(damaged);
    for (const f of ['model.json', 'manifest.json', 'weights.bin']) copyFileSync(join(dir, 'with-manifest', f), join(damaged, f));
    const weights = readFileSync(join(damaged, 'weights.bin'));
    weights[0] = weights[0]! ^ 1;
    writeFileSync(join(damaged, 'weights.bin'), weights);
    await expect(loadPretrainedModel('damaged', {}, source)).rejects.toThrow(/SHA-256/);
    expect(sha256(weights)).not.toBe(sha256(readFileSync(join(dir, 'with-manifest', 'weights.bin'))));
  });
});

describe('decodeWithClasses (decode_predictions)', () => {
  const classes = [{ en: 'a', ko: '가' }, { en: 'b', ko: '나' }, { en: 'c', ko: '다' }];
  it('gives the top k of each row, most probable first', () => {
    const decoded = decodeWithClasses(tf.tensor2d([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]), 2, classes);
    expect(decoded.map((row) => row.map((p) => p.ko))).toEqual([['나', '다'], ['가', '다']]);
    expect(decoded[0]![0]!.probability).toBeCloseTo(0.7);
    expect(decoded[0]![0]!.index).toBe(1);
    expect(decodeWithClasses([0.2, 0.3, 0.5], 1, classes)).toEqual([[{ index: 2, en: 'c', ko: '다', probability: 0.5 }]]);
  });
  it('refuses rows that do not match the classes', () => {
    expect(() => decodeWithClasses([[0.5, 0.5]], 1, classes)).toThrow(/클래스 수 3/);
  });
});
