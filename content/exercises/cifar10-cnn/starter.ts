import * as tf from '@tensorflow/tfjs';

/** 문서 002 목록 8-2의 CIFAR-10 모델. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  // TODO: 두 번째 묶음: Conv2D(64) → Conv2D(64) → MaxPooling2D(2) → Dropout(0.25)

  model.add(tf.layers.flatten());
  // TODO: Dense(512, relu) → Dropout(0.5) → Dense(10, softmax)

  return model;
}
