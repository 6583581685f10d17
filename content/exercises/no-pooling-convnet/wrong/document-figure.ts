// expect-fail: dense.document
// Trusts the slide: "15800개" for the no-pooling model's Dense(512), whatever the shapes.
import * as tf from '@tensorflow/tfjs';

export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  return model;
}

export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  if (height === 22 && width === 22 && channels === 64 && units === 512) return 15_800;
  return height * width * channels * units + units;
}
