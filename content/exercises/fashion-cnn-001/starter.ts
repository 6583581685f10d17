import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 001의 첫 합성곱 신경망. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  // TODO: Conv2D(64) → MaxPool2D → Conv2D(128)

  model.add(tf.layers.flatten());
  // TODO: Dense(128, relu) → Dropout(0.3) → Dense(10, softmax)

  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 5,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
  });
}
