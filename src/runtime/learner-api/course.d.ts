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
/** Draws a line chart; each series is a list of values (e.g. one per epoch). */
export function plot(title: string, series: Record<string, number[]>): void;
/** Shows images (`[n,h,w,c]`, `[h,w,c]` or `[h,w]`, c = 1 or 3) as a grid, each scaled to its own range. */
export function showImages(images: tf.Tensor, options?: { title?: string; columns?: number; labels?: string[] }): void;
/** Loads the exercise's training and validation data. */
export function loadTrainingData(): Promise<TrainingData>;
