import * as tf from '@tensorflow/tfjs';

/** 문서 002 목록 8-1의 LeNet-5: 파라미터 61,706개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' })); // 28×28×6
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 14×14×6
  // TODO: Conv2D(16, 5×5, valid) → 풀링 → Conv2D(120, 5×5, valid) → Flatten → Dense(84) → Dense(10, softmax)
  return model;
}
