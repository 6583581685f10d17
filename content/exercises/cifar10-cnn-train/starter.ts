import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 002 목록 8-2의 CIFAR-10 모델: 파라미터 890,410개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  // TODO: 앞 실습의 CIFAR-10 모델을 쌓으세요.
  model.add(tf.layers.flatten({ inputShape: [32, 32, 3] }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  // TODO: 레이블을 원-핫 벡터로 바꾸세요. ys는 float32라서 tf.oneHot(ys.toInt(), 10)처럼 정수로 바꿔 넘깁니다.
  const trainLabels = data.train.ys;
  const validationLabels = data.validation.ys;

  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, trainLabels, {
    epochs: 4,
    batchSize: 128,
    validationData: [data.validation.xs, validationLabels],
  });
}
