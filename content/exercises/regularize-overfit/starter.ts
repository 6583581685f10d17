import * as tf from '@tensorflow/tfjs';
import { print, type TrainingData } from 'course';

/** 훈련 이미지 300장에 비해 너무 큰 모델: 파라미터 118,282개. 이대로 학습하면 과대적합합니다. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] })); // 784
  // TODO: 두 은닉층에 kernelRegularizer: tf.regularizers.l2({ l2: 0.001 })을 넣으세요.
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  // TODO: 여기에 tf.layers.dropout({ rate: 0.5 })
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  // TODO: 여기에도 tf.layers.dropout({ rate: 0.5 })
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** 예산은 그대로 두세요: 채점기의 기준 모델도 adam(0.001), 배치 64, 60 에포크로 학습합니다. */
export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: 60,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
  });
  const validationLoss = history.history['val_loss'] as number[];
  const best = validationLoss.indexOf(Math.min(...validationLoss));
  print(`검증 손실: 가장 낮았던 ${best + 1}번째 에포크 ${validationLoss[best]!.toFixed(3)}, 마지막 에포크 ${validationLoss[validationLoss.length - 1]!.toFixed(3)}`);
}
