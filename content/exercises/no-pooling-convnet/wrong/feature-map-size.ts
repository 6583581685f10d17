// expect-fail: dense.first-convnet
// Returns the flattened size (the slide's 30,976 "weights") instead of the Dense layer's parameters.
import * as tf from '@tensorflow/tfjs';

export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  return model;
}

export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  void units;
  return height * width * channels;
}
