/**
 * Does transfer learning work with the course's backbone? On the small new task (T-shirt/top vs
 * Shirt, classes `course-vgg` never saw), with one budget and one seed, three ways the documents
 * compare (000 5.2–5.3): (a) a small CNN trained from scratch, (b) feature extraction: the frozen
 * pretrained base under a new dense head, (c) fine-tuning: (b), then the last block unfrozen and
 * trained on at a low learning rate. Shared by `npm run bench` (three seeds, full budget) and the
 * unit test (one seed, the quick budget), so nothing here is Node-only.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { DatasetBytes } from '../src/data/loader.ts';
import { TARGET_LABELS, selectClasses, toTensors } from '../src/pretrained/tasks.ts';
import { accuracy, withSeededRandom } from '../src/pretrained/training.ts';

export interface TransferBudget {
  /** Training images per class (the documents' cats vs dogs: 1,000). */
  trainPerClass: number;
  validationPerClass: number;
  testPerClass: number;
  /** Epochs of (a) and of (b): the same budget. */
  epochs: number;
  /** Epochs (c) trains on after (b). */
  fineTuneEpochs: number;
  batchSize: number;
  fineTuneLearningRate: number;
}

export const TRANSFER_BUDGETS = {
  /** The documents' sizes: 2,000 training, 1,000 validation, 1,000 test images. */
  full: { trainPerClass: 1_000, validationPerClass: 500, testPerClass: 500, epochs: 10, fineTuneEpochs: 5, batchSize: 32, fineTuneLearningRate: 1e-5 },
  /** What CI runs: the same task and sizes, fewer epochs. */
  quick: { trainPerClass: 1_000, validationPerClass: 500, testPerClass: 500, epochs: 4, fineTuneEpochs: 2, batchSize: 32, fineTuneLearningRate: 1e-5 },
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
    train: toTensors(selectClasses(train, TARGET_LABELS, { perClass: budget.trainPerClass })),
    validation: toTensors(selectClasses(train, TARGET_LABELS, { from: budget.trainPerClass, perClass: budget.validationPerClass })),
    test: toTensors(selectClasses(test, TARGET_LABELS, { perClass: budget.testPerClass })),
  };
}

type Split = { xs: tf.Tensor4D; ys: tf.Tensor1D };
export type TransferData = { train: Split; validation: Split; test: Split };

/** (a): a small convnet in the shape of document 000's cats-vs-dogs model, sized for 28×28. */
function scratchModel(): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 64, activation: 'relu' }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

/** (b)'s model: the pretrained base, then document 000's head (Flatten, Dense 256, Dense 1 sigmoid). */
function headOn(base: tfl.LayersModel): tfl.LayersModel {
  return tfl.sequential({
    layers: [base, tfl.layers.flatten(), tfl.layers.dense({ units: 256, activation: 'relu' }), tfl.layers.dropout({ rate: 0.5 }), tfl.layers.dense({ units: 1, activation: 'sigmoid' })],
  });
}

async function fit(model: tfl.LayersModel, data: TransferData, epochs: number, budget: TransferBudget, learningRate = 1e-3): Promise<number> {
  const started = performance.now();
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, { epochs, batchSize: budget.batchSize, shuffle: true, validationData: [data.validation.xs, data.validation.ys], verbose: 0 });
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * Runs (a), (b), (c) with `seed` (batch order, dropout, the new layers' initial weights). `loadBase`
 * gives a fresh `includeTop: false` copy of the pretrained model each time it is called.
 */
export async function compareTransfer(loadBase: () => Promise<tfl.LayersModel>, data: TransferData, budget: TransferBudget, seed: number): Promise<TransferResult> {
  return withSeededRandom(seed, async () => {
    const scratch = scratchModel();
    const scratchSeconds = await fit(scratch, data, budget.epochs, budget);
    const scratchAccuracy = accuracy(scratch, data.test.xs, data.test.ys);
    scratch.dispose();

    const base = await loadBase();
    const model = headOn(base);
    const unfrozen = model.trainableWeights.length;
    base.trainable = false;
    const frozen = model.trainableWeights.length;
    const featureSeconds = await fit(model, data, budget.epochs, budget);
    const featureAccuracy = accuracy(model, data.test.xs, data.test.ys);

    // Unfreeze from the last block's first convolution on, as the documents do from block5_conv1.
    const lastBlock = Math.max(...base.layers.map((l) => Number(/^block(\d+)_/.exec(l.name)?.[1] ?? 0)));
    base.trainable = true;
    for (const layer of base.layers) layer.trainable = layer.name.startsWith(`block${lastBlock}_`);
    const fineTuning = model.trainableWeights.length;
    const fineSeconds = await fit(model, data, budget.fineTuneEpochs, budget, budget.fineTuneLearningRate);
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
