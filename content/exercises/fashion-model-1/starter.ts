import * as tf from '@tensorflow/tfjs';

/** 문서 004의 패션 MNIST 모델 1. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' }));
  // TODO: 같은 합성곱 층(32개 필터, 3×3, relu, same)을 두 번 더 쌓으세요.

  model.add(tf.layers.flatten());
  // TODO: Dense(128, relu) → Dense(64, relu) → Dense(10, softmax)

  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
