// expect-fail: layers.sequence
// The first convnet's pooling layers left in: five layers, and the map shrinks to 3×3×64.
import * as tf from '@tensorflow/tfjs';

export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  return model;
}

export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  return height * width * channels * units + units;
}
