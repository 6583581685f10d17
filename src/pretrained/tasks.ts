/**
 * The pretraining task and the small target tasks, as subsets of the course's datasets. Fashion-MNIST
 * stands in for ImageNet: the backbone learns eight of its classes, and the two it never sees,
 * T-shirt/top (0) and Shirt (6), the dataset's most confused pair, make the small new task, like
 * cats vs dogs after ImageNet in the documents.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClassName, DatasetBytes } from '../data/loader.ts';

/** Fashion-MNIST labels the backbone is pretrained on, in the order of its outputs. */
export const PRETRAIN_LABELS = [1, 2, 3, 4, 5, 7, 8, 9] as const;
/** Fashion-MNIST labels of the binary target task (T-shirt/top → 0, Shirt → 1). */
export const TARGET_LABELS = [0, 6] as const;

export interface LabeledImages {
  /** count × 28 × 28 × 1 uint8 pixels. */
  images: Uint8Array;
  /** Labels remapped to 0 … classes.length − 1. */
  labels: Uint8Array;
  count: number;
  classes: ClassName[];
}

/**
 * The images of `labels` (remapped to their index in that list), keeping the split's order. `from`
 * and `perClass` take, of each class, the images from its `from`-th on, at most `perClass` of
 * them, so disjoint train and validation sets can come out of one shuffled split.
 */
export function selectClasses(data: DatasetBytes, labels: readonly number[], { from = 0, perClass = Infinity } = {}): LabeledImages {
  const size = data.imageShape[0] * data.imageShape[1] * data.imageShape[2];
  const seen = new Array<number>(labels.length).fill(0);
  const picked: number[] = [];
  for (let i = 0; i < data.count; i++) {
    const target = labels.indexOf(data.labels[i]!);
    if (target < 0) continue;
    const rank = seen[target]!++;
    if (rank >= from && rank < from + perClass) picked.push(i);
  }
  const images = new Uint8Array(picked.length * size);
  const remapped = new Uint8Array(picked.length);
  picked.forEach((from, i) => {
    images.set(data.images.subarray(from * size, (from + 1) * size), i * size);
    remapped[i] = labels.indexOf(data.labels[from]!);
  });
  return { images, labels: remapped, count: picked.length, classes: labels.map((l) => data.classes[l]!) };
}

/** Float32 images in [0, 1] (NHWC, 28×28×1) and float32 labels, for `fit` with sparse cross-entropy. */
export function toTensors(set: LabeledImages): { xs: tf.Tensor4D; ys: tf.Tensor1D } {
  const pixels = new Float32Array(set.images.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = set.images[i]! / 255;
  return { xs: tf.tensor4d(pixels, [set.count, 28, 28, 1]), ys: tf.tensor1d(Float32Array.from(set.labels)) };
}
