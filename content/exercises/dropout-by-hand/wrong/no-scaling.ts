// expect-fail: dropout.document
// Zeroes the masked values but keeps the rest as they are, like the document's picture.
import * as tf from '@tensorflow/tfjs';

export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  void rate;
  if (!training) return x;
  return tf.mul(x, mask);
}
