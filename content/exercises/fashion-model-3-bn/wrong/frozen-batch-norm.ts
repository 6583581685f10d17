// expect-fail: params.nonTrainable
// Freezes the normalization layers, so gamma and beta stop learning: 3,456 parameters not trained instead of 1,728.
import * as tf from '@tensorflow/tfjs';
import { print, type TrainingData } from 'course';

/**
 * 짧은 학습에 맞춘 배치 정규화. 케라스와 TF.js의 기본 momentum 0.99로는 이동 평균이 수백 번의
 * 배치를 거쳐야 따라오므로, 이 실습의 예산(배치 88번)에서는 0.9로 둡니다.
 */
const batchNorm = () => tf.layers.batchNormalization({ momentum: 0.9, trainable: false });

/** 문서 004의 패션 MNIST 모델 3: 파라미터 2,589,834개, 그중 학습되지 않는 것 1,728개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 28×28×32, 320
  model.add(batchNorm()); // 4 × 32 = 128
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 14×14×32
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding: 'valid' })); // 12×12×64, 18,496
  model.add(batchNorm()); // 256
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })); // 6×6×64
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu', padding: 'same' })); // 6×6×128, 73,856
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.flatten()); // 4,608
  model.add(tf.layers.dense({ units: 512, activation: 'relu' })); // 2,359,808
  model.add(batchNorm()); // 2,048
  model.add(tf.layers.dense({ units: 256, activation: 'relu' })); // 131,328
  model.add(batchNorm()); // 1,024
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' })); // 2,570
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  // 문서는 batch_size=512로 40 에포크를 돌리지만, 훈련 이미지 1,400장으로는 에포크마다 배치가 3번뿐입니다.
  // 배치를 32로 줄여 에포크마다 44번씩 가중치를 고칩니다.
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: 2,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
  });
  const last = history.history['val_acc']?.at(-1);
  print(`마지막 에포크의 검증 정확도: ${typeof last === 'number' ? (last * 100).toFixed(1) : '?'}%`);
}
