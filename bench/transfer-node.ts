/**
 * The transfer comparison (transfer.ts) in Node on the WASM kernels, with the course's data and
 * the committed `course-vgg` read from disk: what `npm run bench` reports and the test asserts.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadDatasetBytes } from '../src/data/loader.ts';
import { diskFetch } from '../src/runtime/node/disk-fetch.ts';
import { COURSE_VGG } from '../src/pretrained/course-vgg.ts';
import { loadPretrainedModel } from '../src/pretrained/loader.ts';
import { compareTransfer, transferData, type TransferBudget, type TransferResult } from './transfer.ts';

const ROOT = join(import.meta.dirname, '..');

export interface TransferReport {
  task: string;
  model: string;
  budget: TransferBudget;
  runs: TransferResult[];
  mean: { scratch: number; featureExtraction: number; fineTuning: number };
}

/** The train split's order for the task's train/validation images, and the test split's for its test images. */
export const TRANSFER_SPLIT_SEEDS = { train: 2026, test: 5 };

export async function transferInNode(budget: TransferBudget, seeds: readonly number[], onRun: (result: TransferResult) => void = () => {}): Promise<TransferReport> {
  const fetch = diskFetch(join(ROOT, 'public', 'data'));
  const load = (split: 'train' | 'test', shuffleSeed: number) => loadDatasetBytes(budget.dataset, { split, shuffleSeed, fetch, cache: null });
  const data = transferData(await load('train', TRANSFER_SPLIT_SEEDS.train), await load('test', TRANSFER_SPLIT_SEEDS.test), budget);
  const source = { baseUrl: '/models/', fetch: diskFetch(join(ROOT, 'public', 'models'), 'models'), cache: null };
  const loadBase = async () => (await loadPretrainedModel(COURSE_VGG, { includeTop: false }, source)).model;
  const runs: TransferResult[] = [];
  for (const seed of seeds) {
    const result = await compareTransfer(loadBase, data, budget, seed);
    runs.push(result);
    onRun(result);
  }
  tf.dispose(Object.values(data).flatMap((split) => [split.xs, split.ys]));
  const mean = (key: 'scratch' | 'featureExtraction' | 'fineTuning') => Math.round((runs.reduce((sum, r) => sum + r[key], 0) / runs.length) * 1e4) / 1e4;
  return {
    task: `${budget.dataset === 'mnist' ? 'MNIST digits (another domain)' : 'Fashion-MNIST T-shirt/top vs Shirt (classes course-vgg never saw)'}: ${budget.trainPerClass * budget.labels.length} train, ${budget.validationPerClass * budget.labels.length} validation, ${budget.testPerClass * budget.labels.length} test images`,
    model: COURSE_VGG,
    budget,
    runs,
    mean: { scratch: mean('scratch'), featureExtraction: mean('featureExtraction'), fineTuning: mean('fineTuning') },
  };
}
