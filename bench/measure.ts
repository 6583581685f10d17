/**
 * What the benchmark measures, on whichever TF.js backend is active: the matmul roofline, training
 * throughput of a seed model, where one training step's time goes, and time to a target test
 * accuracy. Shared by the Node runner (bench/run.ts) and the browser worker
 * (bench/browser/bench.worker.ts), so nothing here may import a Node-only module.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { seededPermutation } from '../src/data/random.ts';
import { trainingFlopsPerImage, type SeedModel } from './models.ts';

export const BATCH = 128;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * GFLOP/s of a 1024² float32 matmul: the best the backend does on dense math, the roofline. It is the
 * fastest of the runs, not their median: a burst of load elsewhere on the machine can only slow a run
 * down, and a roofline measured low would credit the models with more than they achieve.
 */
export async function matmulGflops(): Promise<number> {
  const n = 1024;
  const a = tf.randomUniform([n, n], 0, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], 0, 1, 'float32', 2);
  const runs = tf.getBackend() === 'cpu' ? 2 : 5;
  const once = async () => {
    const started = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
    return performance.now() - started;
  };
  await once(); // warm-up: shader compilation, XNNPACK setup
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  tf.dispose([a, b]);
  return round((2 * n ** 3) / (Math.min(...times) / 1000) / 1e9);
}

function syntheticBatch(seed: SeedModel): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([BATCH, ...seed.inputShape], 0, 1, 'float32', 1),
    ys: tf.cast(tf.randomUniform([BATCH], 0, seed.classes, 'int32', 2), 'float32'),
  }));
}

function compiled(seed: SeedModel): LayersModel {
  const model = seed.build();
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export interface ThroughputResult {
  model: string;
  backend: string;
  steps: number;
  msPerStep?: number;
  imagesPerSecond?: number;
  flopsPerImage: number;
  /** Untimed steps before `steps`. */
  warmUpSteps?: number;
  /** Achieved training FLOP/s ÷ the backend's matmul FLOP/s in the same run. */
  efficiency?: number;
  skipped?: string;
}

export interface ThroughputOptions {
  roofline: number;
  steps: number;
  /** Steps stop once they have taken this long; a model whose warm-up step alone exceeds it is skipped. */
  budgetMs: number;
  /** A step is expected to cost about this many ms per training GFLOP (from a smaller model): skip without trying if over budget. */
  msPerGflop?: number;
  /**
   * Untimed steps first: at least one, then more until WARM_UP_STEPS or this many ms. A fresh model's
   * first steps run code the JIT has not optimized yet: LeNet-5's sixth step took 38 ms in Chromium
   * where its steady pace was 21 ms. Exercises train hundreds of steps, so the bench reports the
   * steady pace (time to accuracy counts the warm-up). Default 2 s.
   */
  warmUpMs?: number;
  /** Timed steps go on past `steps` until they have taken this many ms, so a fast model's median has more samples. Default 1 s. */
  minTimedMs?: number;
}

export const WARM_UP_STEPS = 10;

/** Median time of a warmed-up training step (batch 128, Adam) on synthetic data: a step's time does not depend on pixel values. */
export async function trainThroughput(seed: SeedModel, options: ThroughputOptions): Promise<ThroughputResult> {
  const model = compiled(seed);
  const flopsPerImage = trainingFlopsPerImage(model);
  const backend = tf.getBackend();
  const base = { model: seed.id, backend, flopsPerImage };
  const expectedMs = options.msPerGflop === undefined ? 0 : (options.msPerGflop * BATCH * flopsPerImage) / 1e9;
  if (expectedMs > options.budgetMs) {
    model.dispose();
    return { ...base, steps: 0, skipped: `한 단계에 약 ${Math.round(expectedMs / 1000)}초로 예상되어 건너뜀 (예산 ${options.budgetMs / 1000}초)` };
  }
  const { xs, ys } = syntheticBatch(seed);
  const step = async () => {
    const started = performance.now();
    await model.trainOnBatch(xs, ys); // reads the loss back, so the step has finished on every backend
    return performance.now() - started;
  };
  const { warmUpMs = 2_000, minTimedMs = 1_000 } = options;
  try {
    const first = await step();
    if (first > options.budgetMs) return { ...base, steps: 1, msPerStep: round(first), skipped: `첫 단계가 ${Math.round(first / 1000)}초 걸려 예산을 넘음` };
    let warmUpSteps = 1;
    for (let warm = first; warmUpSteps < WARM_UP_STEPS && warm < warmUpMs; warmUpSteps++) warm += await step();
    const times: number[] = [];
    let spent = 0;
    while ((times.length < options.steps || spent < minTimedMs) && spent < options.budgetMs) {
      const ms = await step();
      times.push(ms);
      spent += ms;
    }
    const msPerStep = median(times);
    const imagesPerSecond = BATCH / (msPerStep / 1000);
    return {
      ...base,
      warmUpSteps,
      steps: times.length,
      msPerStep: round(msPerStep),
      imagesPerSecond: round(imagesPerSecond),
      efficiency: efficiencyOf(imagesPerSecond, flopsPerImage, options.roofline),
    };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

const efficiencyOf = (imagesPerSecond: number, flopsPerImage: number, roofline: number) => round((imagesPerSecond * flopsPerImage) / 1e9 / roofline, 3);

/**
 * The seed models' throughputs one after another, each model skipped untried where the pace of
 * the last one measured predicts a step over budget, and the roofline they are measured against.
 * That roofline is the better of two windows, one before the models and one after, and every
 * efficiency is against it: load elsewhere on the machine that slows every run of one window
 * would otherwise credit the models with more than they achieve (a test lane running beside the
 * benchmark page once put LeNet-5 at 1.34 of a roofline measured during it).
 */
export async function seedThroughputs(
  seeds: readonly SeedModel[],
  options: Omit<ThroughputOptions, 'roofline' | 'msPerGflop'>,
  hooks: { starting?: (id: string) => void; measured?: (result: ThroughputResult) => void; roofline?: () => Promise<number> } = {},
): Promise<{ roofline: number; training: ThroughputResult[] }> {
  const measureRoofline = hooks.roofline ?? matmulGflops;
  const before = await measureRoofline();
  const training: ThroughputResult[] = [];
  let pace: number | undefined;
  for (const seed of seeds) {
    hooks.starting?.(seed.id);
    const result = await trainThroughput(seed, { ...options, roofline: before, ...(pace ? { msPerGflop: pace } : {}) });
    training.push(result);
    hooks.measured?.(result);
    pace = msPerGflop(result) ?? pace;
  }
  const roofline = seeds.length === 0 ? before : Math.max(before, await measureRoofline());
  return {
    roofline,
    training: training.map((r) => (r.imagesPerSecond === undefined ? r : { ...r, efficiency: efficiencyOf(r.imagesPerSecond, r.flopsPerImage, roofline) })),
  };
}

/** ms per training GFLOP of a measured step, to predict bigger models' steps on the same backend. */
export function msPerGflop(result: ThroughputResult): number | undefined {
  return result.msPerStep === undefined ? undefined : result.msPerStep / ((BATCH * result.flopsPerImage) / 1e9);
}

export interface KernelTime {
  kernel: string;
  ms: number;
  calls: number;
}

/** Per-kernel milliseconds of one training step (the step after a warm-up), largest first. */
export async function kernelBreakdown(seed: SeedModel, top = 15): Promise<KernelTime[]> {
  const model = compiled(seed);
  const { xs, ys } = syntheticBatch(seed);
  await model.trainOnBatch(xs, ys);
  const totals = new Map<string, { ms: number; calls: number }>();
  const profile = await tf.profile(() => model.trainOnBatch(xs, ys) as unknown as tf.TensorContainer);
  for (const kernel of profile.kernels) {
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    const entry = totals.get(kernel.name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    totals.set(kernel.name, entry);
  }
  tf.dispose([xs, ys]);
  model.dispose();
  return [...totals.entries()]
    .map(([kernel, t]) => ({ kernel, ms: round(t.ms), calls: t.calls }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

export interface LabelledSet {
  xs: tf.Tensor4D;
  /** Class indices as float32 (what sparse categorical cross-entropy takes). */
  ys: tf.Tensor1D;
}

export interface AccuracyTarget {
  seed: SeedModel;
  dataset: string;
  /** Test accuracy to reach, 0–1. */
  target: number;
  batchSize: number;
  learningRate: number;
  /** The learning rate falls linearly to 5% of its start over this many training images, then stays there. */
  decayImages?: number;
  /** Test accuracy is measured every this many steps (and at the end of each epoch). */
  evaluateEvery: number;
  timeLimitMs: number;
}

export interface AccuracyPoint {
  images: number;
  trainSeconds: number;
  accuracy: number;
}

export interface AccuracyResult {
  model: string;
  dataset: string;
  backend: string;
  target: number;
  reached: boolean;
  /** Training time (evaluation excluded) until the first evaluation at or over the target; or until the limit. */
  trainSeconds: number;
  /** Training plus evaluation. */
  wallSeconds: number;
  imagesSeen: number;
  epochs: number;
  bestAccuracy: number;
  batchSize: number;
  learningRate: number;
  decayImages?: number;
  curve: AccuracyPoint[];
}

async function testAccuracy(model: LayersModel, test: LabelledSet): Promise<number> {
  const count = test.xs.shape[0];
  let correct = 0;
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    const hits = tf.tidy(() => {
      // Functions rather than chained methods: tfjs-core alone does not install the methods.
      const predicted = tf.argMax(model.predict(tf.slice(test.xs, [start, 0, 0, 0], [size, -1, -1, -1])) as tf.Tensor, -1);
      return tf.sum(tf.equal(predicted, tf.cast(tf.slice(test.ys, [start], [size]), 'int32')));
    });
    correct += (await hits.data())[0]!;
    hits.dispose();
  }
  return correct / count;
}

/**
 * Redraws every kernel from a fixed seed with the layers' default initializer (Glorot uniform), so
 * that each run starts from the same weights and time to accuracy measures speed, not the luck
 * of the draw (unseeded, one LeNet-5 run needed 0.96 epochs and the next 1.43). Biases and batch
 * norm's weights start as built: constants.
 */
export function seedKernels(model: LayersModel, seed: number): void {
  model.weights.forEach((weight, i) => {
    if (!weight.name.endsWith('/kernel')) return;
    const shape = weight.shape as number[];
    const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const [fanIn, fanOut] = [receptiveField * shape.at(-2)!, receptiveField * shape.at(-1)!];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    tf.tidy(() => {
      weight.write(tf.randomUniform(shape, -limit, limit, 'float32', seed + i));
    });
  });
}

/**
 * Gives every dropout layer a seed for the next step, different for each step and layer. Unseeded,
 * TF.js draws each mask from Math.random, and the 003 CNN (one 40% dropout) reached 90% after 2.21
 * epochs in one run and 2.64 in the next with the same build: the accuracy is checked every 100
 * steps, and the runs crossed 90% two evaluations apart. `step` only has to grow.
 */
function seedDropout(model: LayersModel, step: number): void {
  model.layers.forEach((layer, i) => {
    // Dropout reads `seed` on every call; the field is private in the typings only.
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed?: number }).seed = step * 64 + i;
  });
}

/**
 * Trains from scratch (seeded kernels) on the whole training set (Adam, batches in a seeded order,
 * seeded dropout masks) and measures test accuracy every `evaluateEvery` steps, until it reaches the target or the time limit.
 */
export async function timeToAccuracy(spec: AccuracyTarget, train: LabelledSet, test: LabelledSet): Promise<AccuracyResult> {
  const model = spec.seed.build();
  seedKernels(model, 1);
  const optimizer = tf.train.adam(spec.learningRate);
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  // Adam reads its learning rate on every step; the field is protected in the typings only.
  const setLearningRate = (rate: number) => ((optimizer as unknown as { learningRate: number }).learningRate = rate);
  const count = train.xs.shape[0];
  const stepsPerEpoch = Math.floor(count / spec.batchSize);
  const curve: AccuracyPoint[] = [];
  const started = performance.now();
  let trainMs = 0;
  let images = 0;
  let epoch = 0;
  let reached = false;
  let reachedAt = 0;
  try {
    while (!reached && trainMs < spec.timeLimitMs) {
      // A fixed batch order per epoch, as the weights' start is fixed.
      const order = seededPermutation(count, 1 + epoch);
      for (let step = 0; step < stepsPerEpoch && !reached && trainMs < spec.timeLimitMs; step++) {
        const indices = tf.tensor1d(Int32Array.from(order.subarray(step * spec.batchSize, (step + 1) * spec.batchSize)), 'int32');
        const xs = tf.gather(train.xs, indices);
        const ys = tf.gather(train.ys, indices);
        if (spec.decayImages) setLearningRate(spec.learningRate * Math.max(0.05, 1 - images / spec.decayImages));
        seedDropout(model, images / spec.batchSize);
        const stepStarted = performance.now();
        await model.trainOnBatch(xs, ys);
        trainMs += performance.now() - stepStarted;
        tf.dispose([indices, xs, ys]);
        images += spec.batchSize;
        const lastStep = step === stepsPerEpoch - 1;
        if ((step + 1) % spec.evaluateEvery === 0 || lastStep || trainMs >= spec.timeLimitMs) {
          const accuracy = await testAccuracy(model, test);
          curve.push({ images, trainSeconds: round(trainMs / 1000, 2), accuracy: round(accuracy, 4) });
          if (accuracy >= spec.target) {
            reached = true;
            reachedAt = trainMs;
          }
        }
      }
      epoch += 1;
    }
  } finally {
    model.dispose();
  }
  return {
    model: spec.seed.id,
    dataset: spec.dataset,
    backend: tf.getBackend(),
    target: spec.target,
    reached,
    trainSeconds: round((reached ? reachedAt : trainMs) / 1000, 2),
    wallSeconds: round((performance.now() - started) / 1000, 2),
    imagesSeen: images,
    epochs: round(images / (stepsPerEpoch * spec.batchSize), 2),
    bestAccuracy: Math.max(0, ...curve.map((p) => p.accuracy)),
    batchSize: spec.batchSize,
    learningRate: spec.learningRate,
    ...(spec.decayImages ? { decayImages: spec.decayImages } : {}),
    curve,
  };
}

export interface MemorySnapshot {
  epoch: number;
  numTensors: number;
  numBytes: number;
}

export interface MemoryOverFit {
  model: string;
  backend: string;
  epochs: MemorySnapshot[];
  /** Relative change from the end of epoch 1 to the end of the last epoch. */
  growth: { tensors: number; bytes: number };
  /** Both within `MEMORY_FLAT_TOLERANCE`: memory does not grow with the number of epochs. */
  flat: boolean;
}

/** The bar for "flat": tensors and bytes after the last epoch within 1% of after the first. */
export const MEMORY_FLAT_TOLERANCE = 0.01;

/** How `tf.memory()` moved between the first epoch's end and the last's (TF.js's old complaint, tfjs#1167: memory creeping up over a long fit). */
export function memoryGrowth(model: string, backend: string, epochs: MemorySnapshot[]): MemoryOverFit {
  const first = epochs[0]!;
  const last = epochs.at(-1)!;
  const relative = (a: number, b: number) => (a === 0 ? (b === 0 ? 0 : Infinity) : (b - a) / a);
  const growth = { tensors: round(relative(first.numTensors, last.numTensors), 4), bytes: round(relative(first.numBytes, last.numBytes), 4) };
  return { model, backend, epochs, growth, flat: Math.abs(growth.tensors) <= MEMORY_FLAT_TOLERANCE && Math.abs(growth.bytes) <= MEMORY_FLAT_TOLERANCE };
}

/**
 * `model.fit` for `epochs` epochs over `batches` synthetic batches (Adam, validation split off),
 * with `tf.memory()` read at every epoch's end, as a learner's long training run would see it.
 */
export async function memoryOverFit(seed: SeedModel, options: { epochs: number; batches: number }): Promise<MemoryOverFit> {
  const model = compiled(seed);
  const xs = tf.tidy(() => tf.randomUniform([options.batches * BATCH, ...seed.inputShape], 0, 1, 'float32', 3));
  const ys = tf.tidy(() => tf.cast(tf.randomUniform([options.batches * BATCH], 0, seed.classes, 'int32', 4), 'float32'));
  const epochs: MemorySnapshot[] = [];
  try {
    await model.fit(xs, ys, {
      batchSize: BATCH,
      epochs: options.epochs,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch) => {
          const { numTensors, numBytes } = tf.memory();
          epochs.push({ epoch: epoch + 1, numTensors, numBytes });
        },
      },
    });
    return memoryGrowth(seed.id, tf.getBackend(), epochs);
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}
