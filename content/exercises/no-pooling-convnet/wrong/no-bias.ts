// expect-fail: dense.document
// Counts only the weights, 30,976 · 512 = 15,859,712: the 512 biases are missing.
import * as tf from '@tensorflow/tfjs';

export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  return model;
}

export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  return height * width * channels * units;
}
