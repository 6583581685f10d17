/**
 * What the benchmark reports, on models small enough for the CPU backend. Each test checks how the
 * reported numbers relate to each other and to the inputs, never how fast anything ran: speed
 * goals live in the benchmark itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { mulberry32 } from '../src/data/random.ts';
import { BATCH, kernelBreakdown, memoryGrowth, memoryOverFit, msPerGflop, seedKernels, seedThroughputs, timeToAccuracy, trainThroughput, WARM_UP_STEPS, type AccuracyResult, type AccuracyTarget, type LabelledSet } from './measure.ts';
import { SEED_MODELS, forwardMacs, seedModel, trainingFlopsPerImage, type SeedModel } from './models.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const imageModel = (id: string, params: number, build: SeedModel['build']): SeedModel => ({ id, source: 'test', inputShape: [4, 4, 1], classes: 2, params, nonTrainableParams: 0, build });

/** 4×4 images, one dense layer: 16 × 2 multiply-adds per image. */
const tiny = imageModel('tiny', 34, () =>
  tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 2, activation: 'softmax' })] }),
);

/** The same with a hidden layer of 8: 16 × 8 + 8 × 2 = 144 multiply-adds per image, 4.5 times tiny's. */
const wider = imageModel('wider', 162, () =>
  tfl.sequential({
    layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dense({ units: 8, activation: 'relu' }), tfl.layers.dense({ units: 2, activation: 'softmax' })],
  }),
);

const TINY_FLOPS = 3 * 2 * 16 * 2;
const WIDER_FLOPS = 3 * 2 * (16 * 8 + 8 * 2);

/** ms per training GFLOP that predicts `ms` for one batch-128 step of a model with `flopsPerImage`. */
const paceFor = (ms: number, flopsPerImage: number) => ms / ((BATCH * flopsPerImage) / 1e9);

/** Class 1 images are bright on the left half, class 0 on the right: linearly separable. */
function halves(count: number): LabelledSet {
  const labels = Array.from({ length: count }, (_, i) => i % 2);
  const pixels = labels.flatMap((label) => Array.from({ length: 16 }, (_, p) => ((p % 4 < 2) === (label === 1) ? 1 : 0)));
  return { xs: tf.tensor4d(pixels, [count, 4, 4, 1]), ys: tf.tensor1d(labels, 'float32') };
}

/** 64 training images in batches of 8: 8 steps an epoch. */
async function trainHalves(spec: Omit<AccuracyTarget, 'seed' | 'dataset' | 'batchSize' | 'learningRate'> & { learningRate?: number }): Promise<AccuracyResult> {
  const [train, test] = [halves(64), halves(16)];
  try {
    return await timeToAccuracy({ seed: tiny, dataset: 'halves', batchSize: 8, learningRate: 0.1, ...spec }, train, test);
  } finally {
    tf.dispose([train.xs, train.ys, test.xs, test.ys]);
  }
}

/** What holds for every time-to-accuracy result, however the run ended. */
function expectConsistentAccuracyResult(result: AccuracyResult): void {
  const last = result.curve.at(-1)!;
  // Training time excludes the evaluations and the model's construction; the wall clock includes them.
  expect(result.trainSeconds).toBeLessThanOrEqual(result.wallSeconds);
  // The run stops right after an evaluation: the last point is where it stopped.
  expect(last.images).toBe(result.imagesSeen);
  expect(last.trainSeconds).toBe(result.trainSeconds);
  expect(result.epochs).toBe(Math.round((result.imagesSeen / 64) * 100) / 100);
  expect(result.bestAccuracy).toBe(Math.max(...result.curve.map((p) => p.accuracy)));
  for (const [before, after] of result.curve.slice(1).map((p, i) => [result.curve[i]!, p] as const)) {
    expect(after.images).toBeGreaterThan(before.images);
    expect(after.trainSeconds).toBeGreaterThanOrEqual(before.trainSeconds);
  }
}

describe('training FLOPs per image', () => {
  it('counts 3 × 2 FLOPs per multiply-add of the convolutions and dense layers', () => {
    expect(trainingFlopsPerImage(tiny.build())).toBe(TINY_FLOPS);
    expect(trainingFlopsPerImage(wider.build())).toBe(WIDER_FLOPS);
    // LeNet-5 by hand: conv 28²·6·5²·1 + conv 10²·16·5²·6 + conv 1²·120·5²·16 + dense 120·84 + dense 84·10.
    const lenet = 28 * 28 * 6 * 25 + 10 * 10 * 16 * 25 * 6 + 120 * 25 * 16 + 120 * 84 + 84 * 10;
    expect(forwardMacs(seedModel('lenet5-002').build())).toBe(lenet);
  });

  it('grows with the model: among the seed models, more parameters mean more FLOPs per image', () => {
    const bySize = [...SEED_MODELS].sort((a, b) => a.params - b.params);
    const flops = bySize.map((m) => trainingFlopsPerImage(m.build()));
    for (let i = 1; i < flops.length; i++) expect(flops[i], `${bySize[i]!.id} vs ${bySize[i - 1]!.id}`).toBeGreaterThan(flops[i - 1]!);
  });
});

describe('trainThroughput', () => {
  it('reports throughput from the median step and efficiency as achieved FLOP/s over the roofline', async () => {
    // A roofline far below anything real, so the efficiency is large enough not to vanish in rounding.
    const roofline = 1e-6;
    const result = await trainThroughput(tiny, { roofline, steps: 5, budgetMs: 10_000, minTimedMs: 0 });
    expect(result.skipped).toBeUndefined();
    expect(result.steps).toBe(5);
    expect(result.flopsPerImage).toBe(TINY_FLOPS);
    expect(result.msPerStep).toBeGreaterThan(0);
    // images/s = one batch over the median step. Both are rounded to 0.1 for the report: the median
    // step lies within 0.05 ms of msPerStep, so images/s within these bounds.
    const ms = result.msPerStep!;
    expect(result.imagesPerSecond).toBeGreaterThanOrEqual(BATCH / ((ms + 0.05) / 1000) - 0.05);
    expect(result.imagesPerSecond).toBeLessThanOrEqual(BATCH / ((ms - 0.05) / 1000) + 0.05);
    const achievedGflops = (result.imagesPerSecond! * result.flopsPerImage) / 1e9;
    expect(result.efficiency! / (achievedGflops / roofline)).toBeCloseTo(1, 2);
    // The pace it reports predicts a bigger model's step in proportion to its FLOPs: with a budget
    // just under that prediction, the bigger model is skipped untried.
    const predictedWider = ms * (WIDER_FLOPS / TINY_FLOPS);
    const next = await trainThroughput(wider, { roofline, steps: 2, budgetMs: predictedWider * 0.99, msPerGflop: msPerGflop(result)!, minTimedMs: 0 });
    expect(next.steps).toBe(0);
    expect(next.skipped).toMatch(/예상/);
  });

  it('skips a model predicted to exceed its budget without training it, and trains a cheaper one', async () => {
    // This pace predicts 4 s for a step of tiny and 4.5 times that, 18 s, for wider: a 10 s budget fits only tiny.
    const options = { roofline: 1, steps: 2, budgetMs: 10_000, msPerGflop: paceFor(4000, TINY_FLOPS), minTimedMs: 0 };
    const cheap = await trainThroughput(tiny, options);
    const dear = await trainThroughput(wider, options);
    expect(cheap.skipped).toBeUndefined();
    expect(cheap.steps).toBe(2);
    expect(dear).toMatchObject({ model: 'wider', steps: 0, flopsPerImage: WIDER_FLOPS });
    expect(dear.skipped).toContain('약 18초');
    expect(dear.skipped).toContain('예산 10초');
    expect(dear.msPerStep).toBeUndefined();
    expect(msPerGflop(dear)).toBeUndefined();
  });

  it('warms up untimed for up to WARM_UP_STEPS steps or warmUpMs, then times at least `steps` steps and at least minTimedMs', async () => {
    // tiny, with every trainOnBatch call timed from outside; each call sleeps 20 ms so that time-based limits bind.
    const calls: number[] = [];
    const slow: SeedModel = {
      ...tiny,
      build: () => {
        const model = tiny.build();
        const train = model.trainOnBatch.bind(model);
        model.trainOnBatch = async (x, y) => {
          const started = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 20));
          const loss = await train(x, y);
          calls.push(performance.now() - started);
          return loss;
        };
        return model;
      },
    };
    const byCount = await trainThroughput(slow, { roofline: 1, steps: 3, budgetMs: 60_000, warmUpMs: 60_000, minTimedMs: 0 });
    expect(byCount.warmUpSteps).toBe(WARM_UP_STEPS);
    expect(byCount.steps).toBe(3);
    expect(calls).toHaveLength(WARM_UP_STEPS + 3);

    calls.length = 0;
    const byTime = await trainThroughput(slow, { roofline: 1, steps: 2, budgetMs: 60_000, warmUpMs: 50, minTimedMs: 300 });
    // Warm-up stops once 50 ms are spent: at 20 ms or more a step, three steps at most, never the full ten.
    expect(byTime.warmUpSteps).toBeGreaterThanOrEqual(1);
    expect(byTime.warmUpSteps).toBeLessThanOrEqual(3);
    expect(calls).toHaveLength(byTime.warmUpSteps! + byTime.steps);
    // Timing stops at the first step that brings the total to 300 ms. The outer clock reads a little
    // more than these inner ones, hence the slack of a few ms a step on the lower bound.
    const timed = calls.slice(byTime.warmUpSteps);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(timed.slice(0, -1))).toBeLessThan(300);
    expect(sum(timed)).toBeGreaterThan(300 - 5 * timed.length);
    expect(byTime.steps).toBeGreaterThanOrEqual(2);
  });

  it('skips a model whose warm-up step alone exceeds the budget, after that one step', async () => {
    const result = await trainThroughput(tiny, { roofline: 1, steps: 2, budgetMs: 0 });
    expect(result.steps).toBe(1);
    expect(result.skipped).toMatch(/첫 단계/);
    expect(result.imagesPerSecond).toBeUndefined();
    expect(result.efficiency).toBeUndefined();
  });
});

describe('seedThroughputs', () => {
  /** A roofline that reads each of `windows` in turn, counting its calls. */
  const rooflineReading = (...windows: number[]) => {
    const calls = { count: 0 };
    return { calls, roofline: async () => windows[calls.count++]! };
  };

  it('measures the roofline before and after the models and rates every model against the better window', async () => {
    for (const windows of [[1e-6, 3e-6], [3e-6, 1e-6]]) {
      const { calls, roofline } = rooflineReading(...windows);
      const starting: string[] = [];
      const report = await seedThroughputs([tiny, wider], { steps: 2, budgetMs: 10_000, minTimedMs: 0, warmUpMs: 0 }, { roofline, starting: (id) => starting.push(id) });
      expect(calls.count).toBe(2);
      expect(starting).toEqual(['tiny', 'wider']);
      expect(report.roofline).toBe(3e-6);
      expect(report.training.map((r) => r.model)).toEqual(['tiny', 'wider']);
      for (const r of report.training) {
        const achievedGflops = (r.imagesPerSecond! * r.flopsPerImage) / 1e9;
        expect(r.efficiency! / (achievedGflops / 3e-6)).toBeCloseTo(1, 2);
      }
    }
  });

  it('measures the roofline once when there are no models', async () => {
    const { calls, roofline } = rooflineReading(7, 9);
    expect(await seedThroughputs([], { steps: 1, budgetMs: 1 }, { roofline })).toEqual({ roofline: 7, training: [] });
    expect(calls.count).toBe(1);
  });
});

describe('kernelBreakdown', () => {
  it('lists a training step’s kernels, the slowest first, at most `top` of them', async () => {
    const all = await kernelBreakdown(wider, 100);
    const top = await kernelBreakdown(wider, 3);
    expect(top.length).toBe(3);
    expect(all.length).toBeGreaterThan(top.length);
    expect(new Set(all.map((k) => k.kernel)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) expect(all[i]!.ms).toBeLessThanOrEqual(all[i - 1]!.ms);
    // Two dense layers: two forward products and their gradients at least.
    const matMuls = all.filter((k) => /MatMul/.test(k.kernel)).reduce((sum, k) => sum + k.calls, 0);
    expect(matMuls).toBeGreaterThanOrEqual(4);
  });
});

describe('timeToAccuracy', () => {
  it('stops at the first evaluation that reaches the target and records the curve', async () => {
    const result = await trainHalves({ target: 1, evaluateEvery: 2, timeLimitMs: 30_000 });
    expect(result.reached).toBe(true);
    expectConsistentAccuracyResult(result);
    expect(result.curve.at(-1)!.accuracy).toBe(1);
    expect(result.curve.slice(0, -1).every((p) => p.accuracy < 1)).toBe(true);
    // Every second step of 8 images (an epoch's end, step 8, falls on that cadence too).
    expect(result.curve.map((p) => p.images)).toEqual(result.curve.map((_, i) => 16 * (i + 1)));
  });

  // Halves with a signal of 0.1 over noise of ±1: accuracy climbs over many steps before the target.
  const faint = (count: number, seed: number): LabelledSet => {
    const random = mulberry32(seed);
    const labels = Array.from({ length: count }, (_, i) => i % 2);
    const pixels = labels.flatMap((label) => Array.from({ length: 16 }, (_, p) => random() * 2 - 1 + ((p % 4 < 2) === (label === 1) ? 0.1 : 0)));
    return { xs: tf.tensor4d(pixels, [count, 4, 4, 1]), ys: tf.tensor1d(labels, 'float32') };
  };
  const sameCurveTwice = async (model: SeedModel) => {
    const run = async () => {
      const [train, test] = [faint(256, 1), faint(64, 2)];
      try {
        return await timeToAccuracy({ seed: model, dataset: 'faint', batchSize: 8, learningRate: 0.01, target: 0.99, evaluateEvery: 4, timeLimitMs: 500 }, train, test);
      } finally {
        tf.dispose([train.xs, train.ys, test.xs, test.ys]);
      }
    };
    const [first, second] = [await run(), await run()];
    const points = (r: AccuracyResult) => r.curve.map((p) => [p.images, p.accuracy]);
    // Each run ends at its own time limit, evaluating where it stopped: compare the regular points before.
    const common = Math.min(first.curve.length, second.curve.length) - 1;
    expect(new Set(first.curve.slice(0, common).map((p) => p.accuracy)).size).toBeGreaterThan(2);
    expect(points(second).slice(0, common)).toEqual(points(first).slice(0, common));
  };

  it('starts from the same weights every run, so the same run twice gives the same curve', () => sameCurveTwice(tiny));

  it('draws the same dropout masks every run, so a model with dropout gives the same curve twice too', async () => {
    const dropped = imageModel('dropped', 34, () =>
      tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [4, 4, 1] }), tfl.layers.dropout({ rate: 0.5 }), tfl.layers.dense({ units: 2, activation: 'softmax' })] }),
    );
    await sameCurveTwice(dropped);
  });

  it('seeds every kernel within its Glorot-uniform limit and leaves the biases', () => {
    const model = wider.build();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    seedKernels(model, 7);
    const after = model.getWeights();
    const [kernel, bias] = [Array.from(after[0]!.dataSync()), Array.from(after[1]!.dataSync())];
    expect(kernel).not.toEqual(before[0]);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / (16 + 8)));
    expect(bias).toEqual(before[1]);
    seedKernels(model, 7);
    expect(Array.from(model.getWeights()[0]!.dataSync())).toEqual(kernel);
    model.dispose();
  });

  it('reports the best accuracy when the time limit ends training first', async () => {
    const result = await trainHalves({ target: 1.01, evaluateEvery: 3, timeLimitMs: 50 });
    expect(result.reached).toBe(false);
    expectConsistentAccuracyResult(result);
    // Training stops only once its own time has reached the limit.
    expect(result.trainSeconds).toBeGreaterThanOrEqual(0.05);
    expect(result.bestAccuracy).toBeLessThan(result.target);
  });
});

describe('memory over a long fit', () => {
  it('reads tf.memory() at the end of every epoch, and a fit that frees what it allocates is flat', async () => {
    const before = tf.memory().numTensors;
    const report = await memoryOverFit(wider, { epochs: 5, batches: 2 });
    expect(report.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    // The model's weights and Adam's two moments per weight at least, plus the data.
    expect(report.epochs[0]!.numTensors).toBeGreaterThan(before + 3 * 4);
    expect(report.epochs.every((e) => e.numBytes > 0)).toBe(true);
    expect(report.growth).toEqual({ tensors: 0, bytes: 0 });
    expect(report.flat).toBe(true);
    // Nothing is left behind once the measurement ends.
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a leak of one tensor per epoch is not flat, and the growth says by how much', () => {
    const leaking = [1, 2, 3, 4, 5].map((epoch) => ({ epoch, numTensors: 50 + epoch - 1, numBytes: 10_000 + 400 * (epoch - 1) }));
    const report = memoryGrowth('leaky', 'cpu', leaking);
    expect(report.growth).toEqual({ tensors: 0.08, bytes: 0.16 });
    expect(report.flat).toBe(false);
    const withinTolerance = memoryGrowth('steady', 'cpu', [{ epoch: 1, numTensors: 1_000, numBytes: 1e6 }, { epoch: 5, numTensors: 1_010, numBytes: 1e6 - 5_000 }]);
    expect(withinTolerance.flat).toBe(true);
  });
});
