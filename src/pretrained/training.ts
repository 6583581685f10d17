/**
 * What makes a training run repeatable and how it is scored, shared by `npm run pretrain`, the
 * transfer benchmark and the tests. Browser-safe.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { mulberry32 } from '../data/random.ts';

/**
 * Runs `run` with `Math.random` replaced by a seeded generator. TF.js draws the seed of every
 * unseeded random op (dropout masks) and `fit`'s shuffle from `Math.random`, so this makes a whole
 * `fit` repeatable without fixing one dropout mask for every step, which a seeded Dropout layer does.
 */
export async function withSeededRandom<T>(seed: number, run: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return await run();
  } finally {
    Math.random = original;
  }
}

/**
 * Share of `xs` the model classifies as `ys`, predicted in batches so big sets fit in memory. A
 * one-unit (sigmoid) output predicts class 1 above 0.5, as Keras's binary accuracy does.
 */
export function accuracy(model: LayersModel, xs: tf.Tensor4D, ys: tf.Tensor1D, batchSize = 500): number {
  let correct = 0;
  const n = xs.shape[0];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    correct += tf.tidy(() => {
      const predictions = model.predict(tf.slice(xs, start, size)) as tf.Tensor2D;
      const predicted = predictions.shape[1] === 1 ? tf.cast(tf.greater(tf.squeeze(predictions, [1]), 0.5), 'int32') : tf.argMax(predictions, -1);
      const hits = tf.equal(predicted, tf.cast(tf.slice(ys, start, size), 'int32'));
      return tf.sum(tf.cast(hits, 'float32')).dataSync()[0]!;
    });
  }
  return n === 0 ? 0 : correct / n;
}

/** One epoch of a logged fit, rounded as the manifests record it. */
export interface FitEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  seconds: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * A compiled model's `fit` with a seeded shuffle and dropout (`withSeededRandom`), logging every
 * epoch's losses, accuracies and seconds: how `npm run pretrain` and `pretrain:postcode` train.
 */
export async function fitWithLog(
  model: LayersModel,
  train: { xs: tf.Tensor; ys: tf.Tensor },
  validation: { xs: tf.Tensor; ys: tf.Tensor },
  options: { batchSize: number; epochs: number; fitSeed: number },
  onEpoch: (log: FitEpoch) => void = () => {},
): Promise<FitEpoch[]> {
  const log: FitEpoch[] = [];
  await withSeededRandom(options.fitSeed, async () => {
    let started = performance.now();
    await model.fit(train.xs, train.ys, {
      batchSize: options.batchSize,
      epochs: options.epochs,
      shuffle: true,
      validationData: [validation.xs, validation.ys],
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs = {}) => {
          const entry: FitEpoch = {
            epoch: epoch + 1,
            loss: round4(logs['loss'] ?? NaN),
            accuracy: round4(logs['acc'] ?? NaN),
            validationLoss: round4(logs['val_loss'] ?? NaN),
            validationAccuracy: round4(logs['val_acc'] ?? NaN),
            seconds: Math.round((performance.now() - started) / 100) / 10,
          };
          log.push(entry);
          onEpoch(entry);
          started = performance.now();
        },
      },
    });
  });
  return log;
}
