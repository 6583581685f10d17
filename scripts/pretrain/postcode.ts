/**
 * Trains `postcode-cnn` (listing 8-3's MNIST CNN) from its recipe, in Node on the project's WASM
 * kernels: the same recipe and seeds give the same weights on every run on this backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '@tensorflow/tfjs-layers';
import type { ClassName, DatasetBytes } from '../../src/data/loader.ts';
import { loadDatasetBytes } from '../../src/data/loader.ts';
import { diskFetch } from '../../src/runtime/node/disk-fetch.ts';
import type { EpochLog } from '../../src/pretrained/manifest.ts';
import { buildPostcodeCnn, type PostcodeCnnRecipe } from '../../src/pretrained/postcode-cnn.ts';
import { accuracy, fitWithLog } from '../../src/pretrained/training.ts';

export interface PostcodePretrainResult {
  model: Sequential;
  log: EpochLog[];
  testAccuracy: { all: number; allCount: number; sample1000: number };
  classes: ClassName[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Images `from` … `from + count − 1` as float32 NHWC in [0, 1] and their labels, one-hot or as class indices. */
function tensorsOf(data: DatasetBytes, from: number, count: number, oneHot: boolean): { xs: tf.Tensor4D; ys: tf.Tensor } {
  const size = 28 * 28;
  const pixels = new Float32Array(count * size);
  const source = data.images.subarray(from * size, (from + count) * size);
  for (let i = 0; i < pixels.length; i++) pixels[i] = source[i]! / 255;
  const labels = data.labels.subarray(from, from + count);
  const ys = oneHot ? tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 10) : tf.tensor1d(Float32Array.from(labels));
  return { xs: tf.tensor4d(pixels, [count, 28, 28, 1]), ys };
}

export async function pretrainPostcode(recipe: PostcodeCnnRecipe, dataDir: string, onEpoch: (log: EpochLog) => void = () => {}): Promise<PostcodePretrainResult> {
  const fetch = diskFetch(dataDir);
  const load = (split: 'train' | 'test', shuffleSeed?: number) =>
    loadDatasetBytes(recipe.dataset, { split, fetch, cache: null, baseUrl: '/data/', ...(shuffleSeed === undefined ? {} : { shuffleSeed }) });

  const train = await load('train', recipe.splitSeed);
  const trainSet = tensorsOf(train, 0, recipe.trainSize, true);
  const validationSet = tensorsOf(train, recipe.trainSize, recipe.validationSize, true);
  const model = buildPostcodeCnn(recipe.initSeed);
  model.compile({ optimizer: tf.train.adam(recipe.learningRate), loss: recipe.loss, metrics: ['accuracy'] });

  const log: EpochLog[] = await fitWithLog(model, trainSet, validationSet, recipe, onEpoch);
  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);

  const test = await load('test');
  const testAll = tensorsOf(test, 0, test.count, false);
  const sample = await load('test', recipe.testSampleSeed);
  const testSample = tensorsOf(sample, 0, recipe.testSampleSize, false);
  const testAccuracy = {
    all: round4(accuracy(model, testAll.xs, testAll.ys as tf.Tensor1D)),
    allCount: test.count,
    sample1000: round4(accuracy(model, testSample.xs, testSample.ys as tf.Tensor1D)),
  };
  tf.dispose([testAll.xs, testAll.ys, testSample.xs, testSample.ys]);
  return { model, log, testAccuracy, classes: train.classes };
}
