import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { BATCH, msPerGflop, timeToAccuracy, trainThroughput } from './measure.ts';
import type { SeedModel } from './models.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A model small enough for the CPU backend: 4×4 images, one dense layer. */
const tiny: SeedModel = {
  id: 'tiny',
  source: 'test',
  inputShape: [4, 4, 1],
  classes: 2,
  params: 34,
  nonTrainableParams: 0,
  build: () => tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 2, activation: 'softmax' })] }),
};

/** Class 1 images are bright on the left half, class 0 on the right: linearly separable. */
function halves(count: number): { xs: tf.Tensor4D; ys: tf.Tensor1D } {
  const labels = Array.from({ length: count }, (_, i) => i % 2);
  const pixels = labels.flatMap((label) => Array.from({ length: 16 }, (_, p) => ((p % 4 < 2) === (label === 1) ? 1 : 0)));
  return { xs: tf.tensor4d(pixels, [count, 4, 4, 1]), ys: tf.tensor1d(labels, 'float32') };
}

describe('trainThroughput', () => {
  it('times training steps and relates them to the roofline', async () => {
    const result = await trainThroughput(tiny, { roofline: 1, steps: 2, budgetMs: 10_000 });
    expect(result.skipped).toBeUndefined();
    expect(result.steps).toBe(2);
    // Training FLOPs of one image: 3 products × 2 FLOPs × (16 × 2) multiply-adds of the dense layer.
    expect(result.flopsPerImage).toBe(3 * 2 * 32);
    // Both are rounded for the report: they agree to a fraction of a percent.
    expect(Math.abs(result.imagesPerSecond! / (BATCH / (result.msPerStep! / 1000)) - 1)).toBeLessThan(0.01);
    expect(msPerGflop(result)).toBeGreaterThan(0);
  });

  it('skips a model whose predicted step is over budget, without training it', async () => {
    const result = await trainThroughput(tiny, { roofline: 1, steps: 2, budgetMs: 1, msPerGflop: 1e12 });
    expect(result.steps).toBe(0);
    expect(result.skipped).toMatch(/예상/);
  });
});

describe('timeToAccuracy', () => {
  it('stops at the first evaluation that reaches the target and records the curve', async () => {
    const train = halves(64);
    const test = halves(16);
    const result = await timeToAccuracy({ seed: tiny, dataset: 'halves', target: 1, batchSize: 8, learningRate: 0.1, evaluateEvery: 2, timeLimitMs: 30_000 }, train, test);
    expect(result.reached).toBe(true);
    expect(result.curve.at(-1)!.accuracy).toBe(1);
    expect(result.curve.slice(0, -1).every((p) => p.accuracy < 1)).toBe(true);
    expect(result.imagesSeen).toBe(result.curve.at(-1)!.images);
    tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  });

  it('reports the best accuracy when the time limit ends training first', async () => {
    const train = halves(64);
    const test = halves(16);
    const result = await timeToAccuracy({ seed: tiny, dataset: 'halves', target: 1.01, batchSize: 8, learningRate: 0.1, evaluateEvery: 4, timeLimitMs: 50 }, train, test);
    expect(result.reached).toBe(false);
    expect(result.bestAccuracy).toBe(Math.max(...result.curve.map((p) => p.accuracy)));
    tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  });
});
