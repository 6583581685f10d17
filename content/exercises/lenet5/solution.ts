import * as tf from '@tensorflow/tfjs';

/** 문서 002 목록 8-1의 LeNet-5: 파라미터 61,706개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' })); // 28×28×6
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 14×14×6
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' })); // 10×10×16
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 5×5×16
  model.add(tf.layers.conv2d({ filters: 120, kernelSize: 5, padding: 'valid', activation: 'relu' })); // 1×1×120
  model.add(tf.layers.flatten()); // 120
  model.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
