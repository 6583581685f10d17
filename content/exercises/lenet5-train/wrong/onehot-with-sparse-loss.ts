// expect-fail: run
// One-hot labels given to the sparse loss: TF.js stops at the labels' shape ([n, 10] where [n] is expected).
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 002 목록 8-1의 LeNet-5: 파라미터 61,706개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 120, kernelSize: 5, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  // to_categorical(y, 10): 정수 레이블을 길이 10의 원-핫 벡터로 바꿉니다.
  const trainLabels = tf.oneHot(data.train.ys.toInt(), 10);
  const validationLabels = tf.oneHot(data.validation.ys.toInt(), 10);

  model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, trainLabels, {
    epochs: 5,
    batchSize: 128,
    validationData: [data.validation.xs, validationLabels],
  });
  tf.dispose([trainLabels, validationLabels]);
}
