// expect-fail: layer.1.outputShape
// The first convolution pads 'valid', so the maps shrink to 26×26 and every later size changes.
import * as tf from '@tensorflow/tfjs';

/** 문서 004의 패션 MNIST 모델 1: 파라미터 3,239,114개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'valid' })); // 28×28×32, 320
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 28×28×32, 9,248
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 28×28×32, 9,248
  model.add(tf.layers.flatten()); // 25,088
  model.add(tf.layers.dense({ units: 128, activation: 'relu' })); // 25,088 × 128 + 128 = 3,211,392
  model.add(tf.layers.dense({ units: 64, activation: 'relu' })); // 8,256
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' })); // 650
  // 문서처럼 모델을 만들면서 컴파일해 둡니다.
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
