import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 004의 CIFAR-10 모델: 파라미터 652,874개 (학습되지 않는 것 448개). */
export function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  // TODO: 앞 실습의 모델(Conv2D → BatchNormalization → MaxPooling2D → Dropout 묶음 세 개, Dense 256 → 128 → 10)을 만드세요.
  const x = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

export async function train(model: tf.LayersModel, data: TrainingData): Promise<void> {
  // TODO: 학습률 1e-4의 Adam과 sparseCategoricalCrossentropy로 컴파일하세요.
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 5,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
  });
}
