// expect-fail: dropout.inference
// The original (not inverted) scheme: nothing scaled while training, outputs shrunk by 1 − rate at inference.
import * as tf from '@tensorflow/tfjs';

export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  if (!training) return tf.mul(x, 1 - rate);
  return tf.mul(x, mask);
}
