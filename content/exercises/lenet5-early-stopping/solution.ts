import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 004의 LeNet5를 함수형 API로: 파라미터 107,786개. */
export function buildModel(): tf.LayersModel {
  const pool = tf.layers.maxPooling2d({ poolSize: 2 }); // 두 번 부르는 풀링 층
  const input = tf.input({ shape: [28, 28, 1] });
  let x = tf.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  x = pool.apply(x) as tf.SymbolicTensor; // 14×14×6
  x = tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = pool.apply(x) as tf.SymbolicTensor; // 7×7×16
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 120, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 84, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** 케라스의 restore_best_weights=True를 손으로: val_loss가 가장 낮았던 에포크의 가중치를 간직합니다. */
class KeepBestWeights extends tf.Callback {
  bestLoss = Infinity;
  bestEpoch = 0;
  best: tf.Tensor[] = [];

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    const loss = logs?.['val_loss'];
    if (loss === undefined || !(loss < this.bestLoss)) return;
    this.bestLoss = loss;
    this.bestEpoch = epoch + 1;
    tf.dispose(this.best);
    this.best = this.model.getWeights().map((w) => w.clone()); // 복사본: 학습이 계속되어도 바뀌지 않습니다
  }

  restore(model: tf.LayersModel): void {
    if (this.best.length === 0) return;
    model.setWeights(this.best);
    tf.dispose(this.best);
    this.best = [];
  }
}

export async function train(model: tf.LayersModel, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const keepBest = new KeepBestWeights();
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: 10,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
    callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 }), keepBest],
  });
  keepBest.restore(model);
  console.log(`${history.epoch.length}번째 에포크에서 끝남, ${keepBest.bestEpoch}번째 에포크의 가중치를 남김 (val_loss ${keepBest.bestLoss.toFixed(4)})`);
}
