/**
 * The `course` module learner code imports: printing, summaries, plots, images, the training
 * data of the exercise, and a place to keep models between exercises. It only ever reads the
 * train split: the test split is the grader's.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { modelFromArtifact, serializeModel } from './model-artifacts.ts';
import { loadDataset } from '../data/loader.ts';
import { COURSE_VGG } from '../pretrained/course-vgg.ts';
import { decodeWithClasses, listPretrained, loadPretrainedModel, type ModelSource } from '../pretrained/loader.ts';
import { summarizeModel, formatSummary } from './model-summary.ts';
import type { DatasetBudget, ModelArtifact, RunnerMessage } from './protocol.ts';
// The learner-facing declarations (what the editor shows) are the contract this module implements:
// `createCourseApi` is checked against them, so the two cannot drift apart.
import type * as LearnerCourseApi from './learner-api/course.d.ts';
import type { TrainingData } from './learner-api/course.d.ts';

export type { TrainingData };

/** What the runtime sends back, minus the request id it adds. */
export type Emit = (message: DistributiveOmit<RunnerMessage, 'requestId'>) => void;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const MAX_LOG_CHARS = 4_000;

export function formatValue(value: unknown): string {
  if (value instanceof tf.Tensor) return value.toString();
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    return json ?? String(value);
  } catch {
    return String(value);
  }
}

export function formatLine(values: unknown[]): string {
  const text = values.map(formatValue).join(' ');
  return text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}… (${text.length - MAX_LOG_CHARS}자 생략)` : text;
}

function toFloatLabels(labels: tf.Tensor1D): tf.Tensor1D {
  const floats = tf.cast(labels, 'float32');
  labels.dispose();
  return floats;
}

/** The training budget of the exercise: a seeded subset of the train split, split again for validation. */
export async function loadTrainingData(budget: DatasetBudget, baseUrl: string, emit: Emit, fetchImpl?: typeof fetch): Promise<TrainingData> {
  const { xs, ys, classes } = await loadDataset(budget.name, {
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    split: 'train',
    subset: budget.trainSize + budget.validationSize,
    shuffleSeed: budget.seed,
    ...(budget.subsetFrom ? { subsetFrom: budget.subsetFrom } : {}),
    baseUrl: `${baseUrl}data/`,
    onProgress: (p) => emit({ type: 'progress', stage: 'dataset', done: p.loaded, total: p.total }),
  });
  const [trainXs, validationXs] = tf.split(xs, [budget.trainSize, budget.validationSize]) as [tf.Tensor4D, tf.Tensor4D];
  const [trainYs, validationYs] = tf.split(ys, [budget.trainSize, budget.validationSize]) as [tf.Tensor1D, tf.Tensor1D];
  xs.dispose();
  ys.dispose();
  return {
    train: { xs: trainXs, ys: toFloatLabels(trainYs) },
    validation: { xs: validationXs, ys: toFloatLabels(validationYs) },
    classNames: classes.map((c) => c.ko),
  };
}

function toImages(tensor: tf.Tensor, labels: string[] | undefined, fixedRange: [number, number] | undefined) {
  const scaled = tf.tidy(() => {
    let batch = tensor;
    if (batch.rank === 2) batch = tf.expandDims(tf.expandDims(batch, 0), -1);
    else if (batch.rank === 3) batch = batch.shape[2] === 1 || batch.shape[2] === 3 ? tf.expandDims(batch, 0) : tf.expandDims(batch, -1);
    if (batch.rank !== 4) throw new Error(`showImages: 2~4차원 텐서가 필요합니다 (지금 ${tensor.rank}차원).`);
    const c = batch.shape[3];
    if (c !== 1 && c !== 3) throw new Error(`showImages: 채널은 1 또는 3이어야 합니다 (지금 ${c}).`);
    // Each image is scaled to its own min–max range, so kernels and feature maps are visible too;
    // a fixed range (like matplotlib's vmin/vmax) lets images be compared with each other instead.
    if (fixedRange) {
      const [low, high] = fixedRange;
      return tf.clipByValue(tf.mul(tf.div(tf.sub(batch, low), Math.max(high - low, 1e-8)), 255), 0, 255) as tf.Tensor4D;
    }
    const min = tf.min(batch, [1, 2, 3], true);
    const range = tf.maximum(tf.sub(tf.max(batch, [1, 2, 3], true), min), 1e-8);
    return tf.mul(tf.div(tf.sub(batch, min), range), 255) as tf.Tensor4D;
  });
  const [n, h, w, c] = scaled.shape;
  const data = scaled.dataSync();
  scaled.dispose();
  const size = h * w * c;
  return Array.from({ length: n }, (_, i) => ({
    width: w,
    height: h,
    channels: c as 1 | 3,
    pixels: Uint8ClampedArray.from(data.subarray(i * size, (i + 1) * size)),
    ...(labels?.[i] !== undefined ? { label: labels[i] } : {}),
  }));
}

/**
 * The pretrained-model part of the course API, over one model source (the site's `models/` in the
 * browser, public/models on disk in Node). Class names of the models loaded so far are kept for
 * `decodePredictions`, which, like Keras's, answers at once.
 */
export function pretrainedApi(source: ModelSource): Pick<typeof LearnerCourseApi, 'loadPretrained' | 'decodePredictions' | 'listPretrained'> {
  const classesOf = new Map<string, { en: string; ko: string }[]>();
  return {
    loadPretrained: async (name: string, options: { includeTop?: boolean } = {}) => {
      const { model, manifest } = await loadPretrainedModel(name, options, source);
      if (manifest) classesOf.set(name, manifest.classes);
      return model;
    },
    decodePredictions: (probabilities, topK = 3, name = COURSE_VGG) => {
      const classes = classesOf.get(name);
      if (!classes) {
        throw new Error(`decodePredictions: 모델 '${name}'의 클래스 이름을 모릅니다. 먼저 await course.loadPretrained('${name}')로 모델을 불러오세요 (클래스 이름은 코스가 만든 모델에만 있습니다).`);
      }
      return decodeWithClasses(probabilities, topK, classes);
    },
    listPretrained: () => listPretrained(source),
  };
}

export function createCourseApi(emit: Emit, trainingData: () => Promise<TrainingData>, models: ModelSource): typeof LearnerCourseApi {
  return Object.freeze({
    /** Prints values to the output panel (tensors as their values). */
    print: (...values: unknown[]) => emit({ type: 'log', level: 'log', text: formatLine(values) }),
    /** Shows the Keras-style summary table in the output panel and returns it as text. */
    summary: (model: LayersModel): string => {
      const summary = summarizeModel(model);
      emit({ type: 'summary', summary });
      return formatSummary(summary);
    },
    /** Draws one chart; each series is a list of values indexed from 1 (e.g. per epoch, per bin). */
    plot: (title: string, series: Record<string, number[]>, options: { xLabel?: string } = {}) =>
      emit({ type: 'plot', title, series: Object.entries(series).map(([name, values]) => ({ name, values: [...values] })), xLabel: options.xLabel ?? '' }),
    /** Shows a tensor of images ([n,h,w,c], [h,w,c] or [h,w]) as a grid. */
    showImages: (images: tf.Tensor, options: { title?: string; columns?: number; labels?: string[]; range?: [number, number] } = {}) => {
      const list = toImages(images, options.labels, options.range);
      emit({ type: 'image', title: options.title ?? '', images: list, columns: options.columns ?? Math.min(list.length, 10) });
    },
    /** The exercise's training and validation data (never the test split, which only the grader reads). */
    loadTrainingData: trainingData,
    saveModel,
    loadModel,
    ...pretrainedApi(models),
  } satisfies typeof LearnerCourseApi);
}

/**
 * Models kept between exercises (a later lesson looks inside the model an earlier one trained):
 * in the browser in IndexedDB, so they survive a reload; where there is none (the Node CLI) for
 * the run only. They are kept as the same artifact the grader receives; TF.js's own `indexeddb://`
 * handler is not used because it failed inside the runner worker (a TypeError from its router).
 */
const modelsInMemory = new Map<string, ModelArtifact>();
const DATABASE = 'cnn-course-models';
const STORE = 'models';

function openModelStore(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB를 열지 못했습니다.'));
  });
}

async function inModelStore<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openModelStore();
  try {
    // Resolve once the transaction has committed, not when its request succeeds: the run ends (and
    // its worker is terminated) right after, which would abort a write still in flight.
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      const failed = () => reject(request.error ?? transaction.error ?? new Error('IndexedDB 요청이 실패했습니다.'));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = failed;
      transaction.onabort = failed;
    });
  } finally {
    db.close();
  }
}

async function saveModel(model: LayersModel, name: string): Promise<void> {
  const artifact = await serializeModel(model);
  if (typeof indexedDB === 'undefined') modelsInMemory.set(name, artifact);
  else await inModelStore('readwrite', (store) => store.put(artifact, name));
}

/** The artifact `saveModel(model, name)` kept, or undefined: for pages that open a learner's model themselves. */
export async function savedModelArtifact(name: string): Promise<ModelArtifact | undefined> {
  return typeof indexedDB === 'undefined' ? modelsInMemory.get(name) : await inModelStore<ModelArtifact | undefined>('readonly', (store) => store.get(name));
}

async function loadModel(name: string): Promise<LayersModel> {
  const artifact = await savedModelArtifact(name);
  if (!artifact) {
    throw new Error(`저장된 모델 '${name}'이(가) 없습니다. 그 모델을 학습시키는 실습에서 saveModel(model, '${name}')까지 실행했는지 확인하세요.`);
  }
  return modelFromArtifact(artifact);
}

