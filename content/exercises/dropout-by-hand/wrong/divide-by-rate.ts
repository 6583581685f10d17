// expect-fail: dropout.rate
// Divides by the rate instead of the kept fraction 1 − rate: the same at rate 0.5, five times too big at 0.2.
import * as tf from '@tensorflow/tfjs';

export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  if (!training) return x;
  return tf.div(tf.mul(x, mask), rate);
}
