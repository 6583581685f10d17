/**
 * Trains `course-vgg` from its recipe, in Node on the project's WASM kernels: the same recipe and
 * seeds give the same weights on every run on this backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { loadDatasetBytes } from '../../src/data/loader.ts';
import { diskFetch } from '../../src/runtime/node/disk-fetch.ts';
import { buildBackbone, type BackboneSpec } from '../../src/pretrained/backbone.ts';
import { pretrainSplits, type CourseVggRecipe } from '../../src/pretrained/course-vgg.ts';
import type { EpochLog } from '../../src/pretrained/manifest.ts';
import { PRETRAIN_LABELS, selectClasses, toTensors } from '../../src/pretrained/tasks.ts';
import { accuracy, fitWithLog } from '../../src/pretrained/training.ts';

export interface PretrainResult {
  model: LayersModel;
  log: EpochLog[];
  testAccuracy: { all: number; allCount: number; sample1000: number };
  classes: { en: string; ko: string }[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export async function pretrain(spec: BackboneSpec, recipe: CourseVggRecipe, dataDir: string, onEpoch: (log: EpochLog) => void = () => {}): Promise<PretrainResult> {
  const fetch = diskFetch(dataDir);
  const load = (split: 'train' | 'test', shuffleSeed?: number) =>
    loadDatasetBytes(recipe.dataset, { split, fetch, cache: null, baseUrl: '/data/', ...(shuffleSeed === undefined ? {} : { shuffleSeed }) });

  const { train, validation } = pretrainSplits(await load('train', recipe.splitSeed), recipe);
  const trainSet = toTensors(train);
  const validationSet = toTensors(validation);
  const model = buildBackbone(spec);
  model.compile({ optimizer: tf.train.adam(recipe.learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

  const log: EpochLog[] = await fitWithLog(model, trainSet, validationSet, recipe, onEpoch);
  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);

  const testAll = toTensors(selectClasses(await load('test'), PRETRAIN_LABELS));
  const testSample = toTensors(selectClasses(await load('test', recipe.testSampleSeed), PRETRAIN_LABELS, { perClass: recipe.testSamplePerClass }));
  const testAccuracy = {
    all: round4(accuracy(model, testAll.xs, testAll.ys)),
    allCount: testAll.xs.shape[0],
    sample1000: round4(accuracy(model, testSample.xs, testSample.ys)),
  };
  tf.dispose([testAll.xs, testAll.ys, testSample.xs, testSample.ys]);
  return { model, log, testAccuracy, classes: train.classes };
}
