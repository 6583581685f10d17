/**
 * Does transfer learning work with the course's backbone? On a small new task (T-shirt/top vs
 * Shirt, classes `course-vgg` never saw; or MNIST digits, another domain), with one budget and one
 * seed, three ways the documents compare (000 5.2–5.3): (a) a small CNN trained from scratch,
 * (b) feature extraction: a new dense head on the frozen pretrained base's features, (c) fine-tuning:
 * (b), then the last block unfrozen and trained on at a low learning rate. Shared by `npm run bench`
 * (every task, three seeds) and the unit test (the documents' sizes, one seed), so nothing here is
 * Node-only. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { DatasetBytes } from '../src/data/loader.ts';
import { TARGET_LABELS, selectClasses, toTensors } from '../src/pretrained/tasks.ts';
import { accuracy, withSeededRandom } from '../src/pretrained/training.ts';

export interface TransferBudget {
  /** The course dataset of the new task and its labels (2 labels: one sigmoid output; more: softmax). */
  dataset: 'fashion-mnist' | 'mnist';
  labels: readonly number[];
  /** Training images per class (the documents' cats vs dogs: 1,000). */
  trainPerClass: number;
  validationPerClass: number;
  testPerClass: number;
  /** Epochs of (a) and of (b)'s classifier: the same budget. */
  epochs: number;
  /** Epochs (c) trains on after (b). */
  fineTuneEpochs: number;
  batchSize: number;
  fineTuneLearningRate: number;
}

export const TRANSFER_BUDGETS = {
  /** The documents' sizes: 2,000 training, 1,000 validation, 1,000 test images. */
  documentSizes: { dataset: 'fashion-mnist', labels: TARGET_LABELS, trainPerClass: 1_000, validationPerClass: 500, testPerClass: 500, epochs: 10, fineTuneEpochs: 5, batchSize: 32, fineTuneLearningRate: 1e-4 },
  /** A tenth of the training images (200), 30 epochs as in the documents: where pretrained features matter most. */
  littleData: { dataset: 'fashion-mnist', labels: TARGET_LABELS, trainPerClass: 100, validationPerClass: 500, testPerClass: 500, epochs: 30, fineTuneEpochs: 5, batchSize: 32, fineTuneLearningRate: 1e-4 },
  /** Another domain: the ten MNIST digits from 1,000 training images (100 per digit). */
  mnistDigits: { dataset: 'mnist', labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], trainPerClass: 100, validationPerClass: 50, testPerClass: 100, epochs: 10, fineTuneEpochs: 5, batchSize: 32, fineTuneLearningRate: 1e-4 },
} satisfies Record<string, TransferBudget>;

export interface TransferResult {
  seed: number;
  /** Test accuracy of (a), (b) and (c). */
  scratch: number;
  featureExtraction: number;
  fineTuning: number;
  /** Trainable weight tensors of (b)'s model before and after freezing the base (the documents' 30 → 4). */
  trainableTensors: { unfrozen: number; frozen: number; fineTuning: number };
  seconds: { scratch: number; featureExtraction: number; fineTuning: number };
}

/** The target task's images: train and validation from the train split, test from the test split. */
export function transferData(train: DatasetBytes, test: DatasetBytes, budget: TransferBudget) {
  return {
    train: toTensors(selectClasses(train, budget.labels, { perClass: budget.trainPerClass })),
    validation: toTensors(selectClasses(train, budget.labels, { from: budget.trainPerClass, perClass: budget.validationPerClass })),
    test: toTensors(selectClasses(test, budget.labels, { perClass: budget.testPerClass })),
  };
}

type Split = { xs: tf.Tensor4D; ys: tf.Tensor1D };
export type TransferData = { train: Split; validation: Split; test: Split };

/** The output layer for `classes` classes: one sigmoid unit for two, as the documents' binary tasks have. */
const output = (classes: number) => (classes === 2 ? tfl.layers.dense({ units: 1, activation: 'sigmoid' }) : tfl.layers.dense({ units: classes, activation: 'softmax' }));

/** (a): a small convnet in the shape of document 000's cats-vs-dogs model, sized for 28×28. */
function scratchModel(classes: number): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 64, activation: 'relu' }),
      output(classes),
    ],
  });
}

/**
 * (b)'s classifier, document 000's head (Flatten, Dense 256, Dropout 0.5, Dense 1 sigmoid), on the
 * base's output: trained first on features the frozen base computed once (the document's fast
 * feature extraction, 5.3.1), then stacked on the base for fine-tuning.
 */
function head(featureShape: number[], classes: number): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: featureShape }),
      tfl.layers.dense({ units: 256, activation: 'relu' }),
      tfl.layers.dropout({ rate: 0.5 }),
      output(classes),
    ],
  });
}

/** The base's output for every image, in batches, as one tensor (the frozen base never changes it). */
function features(base: tfl.LayersModel, xs: tf.Tensor4D, batchSize = 500): tf.Tensor {
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < xs.shape[0]; start += batchSize) {
    parts.push(tf.tidy(() => base.predict(tf.slice(xs, start, Math.min(batchSize, xs.shape[0] - start))) as tf.Tensor));
  }
  const all = tf.concat(parts);
  tf.dispose(parts);
  return all;
}

type XY = { xs: tf.Tensor; ys: tf.Tensor1D };

async function fit(model: tfl.LayersModel, train: XY, validation: XY, epochs: number, budget: TransferBudget, learningRate = 1e-3): Promise<number> {
  const started = performance.now();
  const loss = budget.labels.length === 2 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy';
  model.compile({ optimizer: tf.train.adam(learningRate), loss, metrics: ['accuracy'] });
  await model.fit(train.xs, train.ys, { epochs, batchSize: budget.batchSize, shuffle: true, validationData: [validation.xs, validation.ys], verbose: 0 });
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * Runs (a), (b), (c) with `seed` (batch order, dropout, the new layers' initial weights). `loadBase`
 * gives a fresh `includeTop: false` copy of the pretrained model each time it is called.
 */
export async function compareTransfer(loadBase: () => Promise<tfl.LayersModel>, data: TransferData, budget: TransferBudget, seed: number): Promise<TransferResult> {
  return withSeededRandom(seed, async () => {
    const scratch = scratchModel(budget.labels.length);
    const scratchSeconds = await fit(scratch, data.train, data.validation, budget.epochs, budget);
    const scratchAccuracy = accuracy(scratch, data.test.xs, data.test.ys);
    scratch.dispose();

    const started = performance.now();
    const base = await loadBase();
    const [trainFeatures, validationFeatures, testFeatures] = [data.train, data.validation, data.test].map((split) => features(base, split.xs)) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const classifier = head(trainFeatures.shape.slice(1), budget.labels.length);
    await fit(classifier, { xs: trainFeatures, ys: data.train.ys }, { xs: validationFeatures, ys: data.validation.ys }, budget.epochs, budget);
    const featureAccuracy = accuracy(classifier, testFeatures as tf.Tensor4D, data.test.ys);
    tf.dispose([trainFeatures, validationFeatures, testFeatures]);
    const featureSeconds = Math.round((performance.now() - started) / 100) / 10;

    // The documents' model: the base under the head, whose trainable tensors Keras counts (30 → 4).
    const model = tfl.sequential({ layers: [base, classifier] });
    const unfrozen = model.trainableWeights.length;
    base.trainable = false;
    const frozen = model.trainableWeights.length;
    // Unfreeze from the last block's first convolution on, as the documents do from block5_conv1.
    const lastBlock = Math.max(...base.layers.map((l) => Number(/^block(\d+)_/.exec(l.name)?.[1] ?? 0)));
    base.trainable = true;
    for (const layer of base.layers) layer.trainable = layer.name.startsWith(`block${lastBlock}_`);
    const fineTuning = model.trainableWeights.length;
    const fineSeconds = await fit(model, data.train, data.validation, budget.fineTuneEpochs, budget, budget.fineTuneLearningRate);
    const fineAccuracy = accuracy(model, data.test.xs, data.test.ys);
    model.dispose();

    return {
      seed,
      scratch: scratchAccuracy,
      featureExtraction: featureAccuracy,
      fineTuning: fineAccuracy,
      trainableTensors: { unfrozen, frozen, fineTuning },
      seconds: { scratch: scratchSeconds, featureExtraction: featureSeconds, fineTuning: fineSeconds },
    };
  });
}
