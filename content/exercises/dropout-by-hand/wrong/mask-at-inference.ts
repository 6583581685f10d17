// expect-fail: dropout.inference
// Applies the mask (and the scaling) at inference too, so predictions would be random.
import * as tf from '@tensorflow/tfjs';

export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  void training;
  return tf.div(tf.mul(x, mask), 1 - rate);
}
