/**
 * Trains one document model with the document's recipe on the full training split, in Node on
 * the course's WASM kernels (or the CPU backend), seeded, with a checkpoint after every epoch so
 * an interrupted run of an hour resumes where it stopped, and measures test accuracy on the full
 * test split. Same seed, same backend → the same numbers, resumed or not.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { loadDatasetBytes, type DatasetBytes } from '../../src/data/loader.ts';
import { mulberry32, seededPermutation } from '../../src/data/random.ts';
import { diskFetch } from '../../src/runtime/node/disk-fetch.ts';
import { startNodeBackend, type NodeBackend } from '../../src/runtime/node/backend.ts';
import type { Recipe } from './recipes.ts';

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  /** Wall time of the epoch's training and validation. */
  seconds: number;
  /** The machine's 1-minute load average at the epoch's end: wall times from a busy machine read differently. */
  loadAverage?: number;
}

/** The course's engine in Node, or native PyTorch on the same images (the cross-check, bench/reproduction/native.ts). */
export type ReproductionBackend = NodeBackend | 'pytorch';

export interface ReproductionResult {
  recipe: string;
  title: string;
  document: string;
  section: string;
  dataset: string;
  seed: number;
  backend: ReproductionBackend;
  epochsPlanned: number;
  epochsRun: number;
  stoppedEarly: boolean;
  /** The epoch whose weights were kept (early stopping with restore), else the last. */
  keptEpoch: number;
  images: { train: number; validation: number; test: number };
  testLoss: number;
  testAccuracy: number;
  /** The best validation accuracy over the epochs run (null without validation). */
  bestValAccuracy: number | null;
  documentAccuracy: number | null;
  /** Which of ours the document's figure is compared with. */
  comparedWith: 'test' | 'best-validation';
  /** The full recipe on the full splits (false for a run cut short with --epochs or --limit). */
  complete: boolean;
  trainSeconds: number;
  history: EpochRecord[];
  choices: string[];
  finishedAt: string;
  machine: { cpus: number; node: string };
  /** For a native run: the torch version and its threads. */
  native?: { torch: string; threads: number };
}

export interface ReproductionOptions {
  seed: number;
  backend: NodeBackend;
  /** Folder of public/data-style datasets. */
  dataDir: string;
  /** Folder for this run's per-epoch checkpoint; deleted when the run finishes. */
  checkpointDir: string;
  /** Stop after this many epochs (a smoke test; the result is marked incomplete). */
  epochs?: number;
  /** Use only the first images of each split (a smoke test; marked incomplete). */
  limit?: { train: number; test: number };
  onEpoch?: (record: EpochRecord, planned: number, resumed: boolean) => void;
}

interface CheckpointState {
  recipe: string;
  seed: number;
  backend: NodeBackend;
  limit: ReproductionOptions['limit'] | null;
  history: EpochRecord[];
  best: { valLoss: number; epoch: number } | null;
  wait: number;
  optimizerWeights: { name: string; shape: number[] }[];
}

interface Split {
  xs: tf.Tensor4D;
  ys: tf.Tensor1D;
}

function toSplit(data: DatasetBytes, indices: ArrayLike<number>): Split {
  const [h, w, c] = data.imageShape;
  const size = h * w * c;
  const pixels = new Float32Array(indices.length * size);
  const labels = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i]!;
    for (let p = 0; p < size; p++) pixels[i * size + p] = data.images[from * size + p]! / 255;
    labels[i] = data.labels[from]!;
  }
  return { xs: tf.tensor4d(pixels, [indices.length, h, w, c]), ys: tf.tensor1d(labels) };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Which training images train and which validate, as the recipe splits a training split of n images. */
export function splitIndices(recipe: Recipe, n: number): { train: ArrayLike<number>; validation: ArrayLike<number> | 'test' | null } {
  const v = recipe.validation;
  if (v.kind === 'test') return { train: range(0, n), validation: 'test' };
  if (v.kind === 'last-fraction') {
    // Keras: split_at = int(n · (1 − validation_split)); the tail validates.
    const splitAt = Math.floor(n * (1 - v.fraction));
    return { train: range(0, splitAt), validation: splitAt < n ? range(splitAt, n) : null };
  }
  const order = seededPermutation(n, v.seed);
  const held = Math.ceil(n * v.fraction);
  return { train: order.subarray(held), validation: order.subarray(0, held) };
}

/** The recipe's dataset, both splits, as bytes (the first images only with --limit). */
export async function loadRecipeData(recipe: Recipe, options: Pick<ReproductionOptions, 'dataDir' | 'limit'>): Promise<{ train: DatasetBytes; test: DatasetBytes }> {
  const source = { fetch: diskFetch(options.dataDir), cache: null, baseUrl: '/data/' };
  const train = await loadDatasetBytes(recipe.dataset, { split: 'train', ...source, ...(options.limit ? { subset: options.limit.train } : {}) });
  const test = await loadDatasetBytes(recipe.dataset, { split: 'test', ...source, ...(options.limit ? { subset: options.limit.test } : {}) });
  return { train, test };
}

/** Training and validation images as the recipe splits them, and the test split. */
async function loadSplits(recipe: Recipe, options: ReproductionOptions): Promise<{ train: Split; validation: Split | null; test: Split }> {
  const bytes = await loadRecipeData(recipe, options);
  const test = toSplit(bytes.test, range(0, bytes.test.count));
  const { train, validation } = splitIndices(recipe, bytes.train.count);
  return { train: toSplit(bytes.train, train), validation: validation === 'test' ? test : validation ? toSplit(bytes.train, validation) : null, test };
}

/**
 * TF.js draws weight initializations and dropout masks from generators seeded with Math.random()
 * when no seed is given: seeding Math.random per phase makes them reproducible, and per epoch
 * (not once) makes a resumed run draw what the uninterrupted one drew.
 */
function withSeededRandom<T>(seed: number, body: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = mulberry32(seed);
  return body().finally(() => {
    Math.random = original;
  });
}

const epochSeed = (seed: number, epoch: number) => (Math.imul(seed, 1_000_003) + epoch * 7919) >>> 0;

function flatWeights(model: LayersModel): Float32Array {
  const values = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const out = new Float32Array(values.reduce((sum, v) => sum + v.length, 0));
  let at = 0;
  for (const v of values) {
    out.set(v, at);
    at += v.length;
  }
  return out;
}

function setFlatWeights(model: LayersModel, flat: Float32Array): void {
  let at = 0;
  const tensors = model.getWeights().map((w) => {
    const t = tf.tensor(flat.subarray(at, at + w.size), w.shape, w.dtype);
    at += w.size;
    return t;
  });
  if (at !== flat.length) throw new Error(`체크포인트의 가중치 수(${flat.length})가 모델(${at})과 다릅니다.`);
  model.setWeights(tensors);
  tf.dispose(tensors);
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

const bytesOf = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
const floatsOf = (path: string) => {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

async function saveCheckpoint(dir: string, model: LayersModel, bestWeights: Float32Array | null, state: Omit<CheckpointState, 'optimizerWeights'>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const optimizer = await model.optimizer.getWeights();
  const optimizerFlat = new Float32Array(optimizer.reduce((sum, w) => sum + w.tensor.size, 0));
  let at = 0;
  for (const w of optimizer) {
    optimizerFlat.set(w.tensor.dataSync() as Float32Array, at);
    at += w.tensor.size;
  }
  writeAtomic(join(dir, 'weights.f32'), bytesOf(flatWeights(model)));
  writeAtomic(join(dir, 'optimizer.f32'), bytesOf(optimizerFlat));
  if (bestWeights) writeAtomic(join(dir, 'best.f32'), bytesOf(bestWeights));
  // The state last: a checkpoint whose state.json names epoch k has all of epoch k's files.
  const full: CheckpointState = { ...state, optimizerWeights: optimizer.map((w) => ({ name: w.name, shape: w.tensor.shape })) };
  writeAtomic(join(dir, 'state.json'), JSON.stringify(full));
}

function readCheckpoint(dir: string, recipe: Recipe, options: ReproductionOptions): CheckpointState | null {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) return null;
  const state = JSON.parse(readFileSync(path, 'utf8')) as CheckpointState;
  const same = state.recipe === recipe.id && state.seed === options.seed && state.backend === options.backend && JSON.stringify(state.limit) === JSON.stringify(options.limit ?? null);
  return same ? state : null;
}

async function restoreOptimizer(dir: string, model: LayersModel, state: CheckpointState): Promise<void> {
  const flat = floatsOf(join(dir, 'optimizer.f32'));
  let at = 0;
  const named = state.optimizerWeights.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(flat.subarray(at, at + size), shape);
    at += size;
    return { name, tensor };
  });
  await model.optimizer.setWeights(named);
  tf.dispose(named.map((n) => n.tensor));
}

function optimizerFor(recipe: Recipe): tf.Optimizer {
  return recipe.optimizer === 'adam' ? tf.train.adam(recipe.learningRate) : tf.train.rmsprop(recipe.learningRate);
}

export async function reproduce(recipe: Recipe, options: ReproductionOptions): Promise<ReproductionResult> {
  const backend = await startNodeBackend(options.backend);
  if (backend !== options.backend) throw new Error(`백엔드 '${options.backend}'를 시작하지 못했습니다.`);
  const { train, validation, test } = await loadSplits(recipe, options);
  const planned = Math.min(options.epochs ?? recipe.epochs, recipe.epochs);
  const dir = options.checkpointDir;

  const model = await withSeededRandom(options.seed, async () => recipe.build());
  model.compile({ optimizer: optimizerFor(recipe), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

  const saved = readCheckpoint(dir, recipe, options);
  const history: EpochRecord[] = saved?.history ?? [];
  let best = saved?.best ?? null;
  let wait = saved?.wait ?? 0;
  let bestWeights: Float32Array | null = null;
  if (saved) {
    setFlatWeights(model, floatsOf(join(dir, 'weights.f32')));
    // Adam's moments exist only after a first step; a checkpoint always follows one.
    await restoreOptimizer(dir, model, saved);
    if (existsSync(join(dir, 'best.f32'))) bestWeights = floatsOf(join(dir, 'best.f32'));
  }
  const resumedAt = history.length;

  let stoppedEarly = saved ? isStopped(recipe, wait) : false;
  for (let epoch = history.length + 1; epoch <= planned && !stoppedEarly; epoch++) {
    const started = performance.now();
    const record = await withSeededRandom(epochSeed(options.seed, epoch), async () => {
      const order = seededPermutation(train.xs.shape[0], epochSeed(options.seed, epoch));
      const indices = tf.tensor1d(Int32Array.from(order), 'int32');
      const xs = tf.gather(train.xs, indices);
      const ys = tf.gather(train.ys, indices);
      const fitted = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: recipe.batchSize,
        shuffle: false,
        verbose: 0,
        ...(validation ? { validationData: [validation.xs, validation.ys] as [tf.Tensor, tf.Tensor], validationBatchSize: 32 } : {}),
      });
      tf.dispose([indices, xs, ys]);
      const last = (key: string) => (fitted.history[key] as number[] | undefined)?.at(-1);
      const out: EpochRecord = { epoch, loss: last('loss')!, accuracy: last('acc') ?? last('accuracy')!, seconds: 0 };
      const valLoss = last('val_loss');
      const valAccuracy = last('val_acc') ?? last('val_accuracy');
      if (valLoss !== undefined) out.valLoss = valLoss;
      if (valAccuracy !== undefined) out.valAccuracy = valAccuracy;
      return out;
    });
    record.seconds = (performance.now() - started) / 1000;
    record.loadAverage = Math.round(loadavg()[0]! * 10) / 10;
    history.push(record);

    if (recipe.earlyStopping && record.valLoss !== undefined) {
      if (!best || record.valLoss < best.valLoss) {
        best = { valLoss: record.valLoss, epoch };
        wait = 0;
        if (recipe.earlyStopping.restoreBestWeights) bestWeights = flatWeights(model);
      } else {
        wait++;
      }
      stoppedEarly = isStopped(recipe, wait);
    }
    await saveCheckpoint(dir, model, bestWeights, { recipe: recipe.id, seed: options.seed, backend, limit: options.limit ?? null, history, best, wait });
    options.onEpoch?.(record, planned, epoch <= resumedAt);
  }

  let keptEpoch = history.length;
  if (recipe.earlyStopping?.restoreBestWeights && bestWeights && best) {
    setFlatWeights(model, bestWeights);
    keptEpoch = best.epoch;
  }
  const [testLoss, testAccuracy] = (model.evaluate(test.xs, test.ys, { batchSize: 32 }) as tf.Scalar[]).map((t) => {
    const value = t.dataSync()[0]!;
    t.dispose();
    return value;
  }) as [number, number];

  const result: ReproductionResult = {
    ...recipeFields(recipe, history),
    seed: options.seed,
    backend,
    stoppedEarly,
    keptEpoch,
    images: { train: train.xs.shape[0], validation: validation && validation !== test ? validation.xs.shape[0] : 0, test: test.xs.shape[0] },
    testLoss,
    testAccuracy,
    complete: options.limit === undefined && (history.length === recipe.epochs || stoppedEarly),
  };
  model.dispose();
  tf.dispose([train.xs, train.ys, test.xs, test.ys, ...(validation && validation !== test ? [validation.xs, validation.ys] : [])]);
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** What a result says of the recipe and of the epochs run, whichever engine ran them. */
export function recipeFields(recipe: Recipe, history: EpochRecord[]) {
  return {
    recipe: recipe.id,
    title: recipe.title,
    document: recipe.document,
    section: recipe.section,
    dataset: recipe.dataset,
    epochsPlanned: recipe.epochs,
    epochsRun: history.length,
    bestValAccuracy: history.some((h) => h.valAccuracy !== undefined) ? Math.max(...history.map((h) => h.valAccuracy ?? 0)) : null,
    documentAccuracy: recipe.documentFigure?.accuracy ?? null,
    comparedWith: recipe.documentFigure?.metric ?? 'test',
    trainSeconds: history.reduce((sum, r) => sum + r.seconds, 0),
    history,
    choices: recipe.choices.map((c) => c.en),
    finishedAt: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version },
  } satisfies Partial<ReproductionResult>;
}

function isStopped(recipe: Recipe, wait: number): boolean {
  return recipe.earlyStopping !== undefined && wait >= recipe.earlyStopping.patience;
}
