// expect-fail: regularize.l2
// Regularizes only the first hidden layer.
import * as tf from '@tensorflow/tfjs';
import { print, type TrainingData } from 'course';

/** 시작 코드의 모델에 L2 가중치 규제와 드롭아웃을 더했습니다. 파라미터 수는 그대로 118,282개입니다. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] })); // 784
  // 손실에 0.001 × (가중치 제곱의 합)이 더해져, 큰 가중치가 손해가 됩니다.
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 0.001 }) }));
  // 훈련 중에만 출력의 절반을 지우고 남은 값을 두 배로 합니다. 추론 때는 아무 일도 하지 않습니다.
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
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
  // TF.js의 훈련 손실(loss)에는 규제 항이 들어가지만 검증 손실(val_loss)에는 들어가지 않습니다.
  const validationLoss = history.history['val_loss'] as number[];
  const best = validationLoss.indexOf(Math.min(...validationLoss));
  print(`검증 손실: 가장 낮았던 ${best + 1}번째 에포크 ${validationLoss[best]!.toFixed(3)}, 마지막 에포크 ${validationLoss[validationLoss.length - 1]!.toFixed(3)}`);
}
