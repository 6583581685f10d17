import * as tf from '@tensorflow/tfjs';
import { print, saveModel, type TrainingData } from 'course';

/** 문서 003(8-2)의 합성곱 신경망: 파라미터 333,526개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' })); // 28×28×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×32
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding: 'same' })); // 14×14×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 7×7×64
  model.add(tf.layers.flatten()); // 3,136
  model.add(tf.layers.dense({ units: 100, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

  // ModelCheckpoint(save_best_only=True)의 역할: 검증 손실이 가장 낮았던 에포크의 가중치를 보관합니다.
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] = [];
  const keepBest = {
    onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
      const loss = logs?.['val_loss'] ?? Infinity;
      if (loss < bestLoss) {
        bestLoss = loss;
        bestEpoch = epoch + 1;
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
      }
    },
  };

  await model.fit(data.train.xs, data.train.ys, {
    epochs: 5,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
    // EarlyStopping(patience=2): 검증 손실이 두 에포크 연속 나아지지 않으면 멈춥니다.
    callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2 }), keepBest],
  });

  // restore_best_weights=True의 역할: 가장 좋았던 가중치로 되돌립니다.
  model.setWeights(bestWeights);
  tf.dispose(bestWeights);
  print(`가장 좋은 에포크: ${bestEpoch} (검증 손실 ${bestLoss.toFixed(4)})`);

  // ModelCheckpoint처럼 가장 좋은 모델을 남겨 둡니다(브라우저의 IndexedDB). 다음 레슨에서 불러 씁니다.
  await saveModel(model, 'fashion-cnn');
}
