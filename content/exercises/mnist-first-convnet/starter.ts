import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  // TODO: 합성곱 층 두 개(64개 필터)와 풀링 층 하나를 더 쌓으세요.

  model.add(tf.layers.flatten());
  // TODO: Dense(64, relu)와 Dense(10, softmax)를 추가하세요.

  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 3,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
  });
}
