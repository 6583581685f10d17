import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 004의 LeNet5를 함수형 API로: 파라미터 107,786개. */
export function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [28, 28, 1] });
  // TODO: 앞 실습의 LeNet5를 만드세요 (풀링 층 하나를 두 번 호출).
  const x = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** val_loss가 가장 낮았던 에포크의 가중치를 간직하는 콜백. */
class KeepBestWeights extends tf.Callback {
  bestLoss = Infinity;
  best: tf.Tensor[] = [];

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    // TODO: logs.val_loss가 bestLoss보다 낮으면 this.model.getWeights()의 복사본(clone)을 간직하세요.
    void [epoch, logs];
  }
}

export async function train(model: tf.LayersModel, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const keepBest = new KeepBestWeights();
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 10,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
    // TODO: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 })도 넣으세요.
    callbacks: [keepBest],
  });
  // TODO: 간직한 가중치로 되돌리세요 (model.setWeights).
}
