// Types of the `course` module learner code imports (implemented in ../course-api.ts).
// The editor loads this file too, so these doc comments are what learners see on hover.
import type * as tf from '@tensorflow/tfjs';

/** One split of the exercise's data. */
export interface TrainingSplit {
  /** Images as float32 `[n, height, width, channels]` in [0, 1]. */
  xs: tf.Tensor4D;
  /** Integer class labels as float32 `[n]`, for `sparseCategoricalCrossentropy`. */
  ys: tf.Tensor1D;
}

/** The exercise's training data: never the test split, which only the grader reads. */
export interface TrainingData {
  train: TrainingSplit;
  validation: TrainingSplit;
  /** Korean class names, indexed by label. */
  classNames: string[];
}

/** Prints values to the output panel (tensors as their values). */
export function print(...values: unknown[]): void;
/** Shows the Keras-style summary table in the output panel and returns it as text. */
export function summary(model: tf.LayersModel): string;
/** Draws a line chart; each series is a list of values indexed from 1 (e.g. one per epoch or per bin), `xLabel` names that axis. */
export function plot(title: string, series: Record<string, number[]>, options?: { xLabel?: string }): void;
/**
 * Shows images (`[n,h,w,c]`, `[h,w,c]` or `[h,w]`, c = 1 or 3) as a grid. Each image is scaled to its
 * own range unless `range: [low, high]` is given (like matplotlib's vmin/vmax, to compare images).
 */
export function showImages(images: tf.Tensor, options?: { title?: string; columns?: number; labels?: string[]; range?: [number, number] }): void;
/** Keeps a model under a name (in the browser's IndexedDB) so a later exercise can load it. */
export function saveModel(model: tf.LayersModel, name: string): Promise<void>;
/** Loads a model kept with `saveModel`; throws with a Korean message when there is none. */
export function loadModel(name: string): Promise<tf.LayersModel>;
/** Loads the exercise's training and validation data. */
export function loadTrainingData(): Promise<TrainingData>;

/** A pretrained model the site serves (from `listPretrained()`). */
export interface PretrainedInfo {
  name: string;
  /** `'course'`: made by the course (`npm run pretrain`); `'user'`: a TF.js model placed in public/models/. */
  origin: 'course' | 'user';
  title?: { ko: string; en: string };
  inputShape?: [number, number, number];
  classes?: number;
}

/** One class of `decodePredictions`' answer. */
export interface DecodedPrediction {
  /** The model's output unit. */
  index: number;
  en: string;
  ko: string;
  probability: number;
}

/**
 * Loads a pretrained model the site serves, like Keras's `VGG16(weights='imagenet', include_top=…)`.
 * `'course-vgg'` is the course's own: a VGG-style CNN (`block1_conv1` … `block4_pool`, then `flatten`,
 * `fc1`, `predictions`) pretrained on eight Fashion-MNIST classes, for 28×28×1 images in [0, 1].
 * `includeTop: false` returns only the convolutional base (up to `block4_pool`, output `[n, 2, 2, 128]`).
 * Every call returns a new copy: freezing or training it changes nothing for the next call.
 */
export function loadPretrained(name: string, options?: { includeTop?: boolean }): Promise<tf.LayersModel>;
/**
 * The `topK` most probable classes of each image (like Keras's `decode_predictions`), with Korean and
 * English names, most probable first. `probabilities` is a model's softmax output (`[n, classes]` or
 * `[classes]`); `name` is the pretrained model it came from (loaded before with `loadPretrained`).
 */
export function decodePredictions(probabilities: tf.Tensor | number[] | number[][], topK?: number, name?: string): DecodedPrediction[][];
/** The pretrained models the site serves: the course's and any a user placed in public/models/. */
export function listPretrained(): Promise<PretrainedInfo[]>;
