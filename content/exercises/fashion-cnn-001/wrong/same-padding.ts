// expect-fail: layer.1.outputShape
// Pads with 'same', so the maps keep 28×28 and every later size changes.
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 001의 첫 합성곱 신경망: 파라미터 241,546개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  // 원본처럼 합성곱 층에는 활성화 함수가 없습니다(선형). 비선형성은 Dense(relu)가 맡습니다.
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same' })); // 28×28×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 13×13×32
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3 })); // 11×11×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 5×5×64
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3 })); // 3×3×128
  model.add(tf.layers.flatten()); // 1,152
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
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
