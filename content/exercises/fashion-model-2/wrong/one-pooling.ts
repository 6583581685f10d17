// expect-fail: layers.sequence
// Pools only once, so the maps stay 14×14 and the first Dense layer is four times larger.
import * as tf from '@tensorflow/tfjs';

/** 문서 004의 패션 MNIST 모델 2: 풀링과 드롭아웃으로 파라미터 228,554개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 28×28×32, 320
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 14×14×32
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 14×14×32, 9,248
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 7×7×32, 9,248
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.flatten()); // 1,568
  model.add(tf.layers.dense({ units: 128, activation: 'relu' })); // 1,568 × 128 + 128 = 200,832
  model.add(tf.layers.dense({ units: 64, activation: 'relu' })); // 8,256
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' })); // 650
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
