// expect-fail: layer.1.outputShape
// padding 'same' keeps 28×28 all the way: the same 55,744 parameters, but not the document's maps.
import * as tf from '@tensorflow/tfjs';

export function buildNoMaxPool(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  return model;
}

export function denseParams([height, width, channels]: [number, number, number], units: number): number {
  return height * width * channels * units + units;
}
