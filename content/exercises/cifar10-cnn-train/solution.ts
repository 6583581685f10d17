import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 002 목록 8-2의 CIFAR-10 모델: 파라미터 890,410개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' })); // 30×30×32
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' })); // 28×28×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×32
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 12×12×64
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 10×10×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 5×5×64
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten()); // 1,600
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  // to_categorical(y, 10): 정수 레이블을 길이 10의 원-핫 벡터로 바꿉니다.
  const trainLabels = tf.oneHot(data.train.ys.toInt(), 10);
  const validationLabels = tf.oneHot(data.validation.ys.toInt(), 10);

  // 목록 8-2에 빠진 compile 줄: 목록 8-1·8-3과 같은 설정입니다.
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, trainLabels, {
    epochs: 4,
    batchSize: 128,
    validationData: [data.validation.xs, validationLabels],
  });
  tf.dispose([trainLabels, validationLabels]);
}
