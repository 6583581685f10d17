import * as tf from '@tensorflow/tfjs';
import { print, type TrainingData } from 'course';

/**
 * 배치 정규화 층을 만드는 함수. 이 실습의 짧은 학습에서는 momentum을 기본값(0.99)보다 작게 두어야
 * 이동 평균이 따라옵니다(과제 설명을 보세요).
 */
const batchNorm = () => tf.layers.batchNormalization();

/** 문서 004의 패션 MNIST 모델 3. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(batchNorm());
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  // TODO: Conv2D(64, 3×3, relu, valid) → 배치 정규화 → MaxPooling2D(2, 보폭 2) → Dropout(0.4)
  // TODO: Conv2D(128, 3×3, relu, same) → Dropout(0.4)
  model.add(tf.layers.flatten());
  // TODO: Dense(512, relu) → 배치 정규화 → Dense(256, relu) → 배치 정규화 → Dense(10, softmax)
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: 2,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
  });
  const last = history.history['val_acc']?.at(-1);
  print(`마지막 에포크의 검증 정확도: ${typeof last === 'number' ? (last * 100).toFixed(1) : '?'}%`);
}
