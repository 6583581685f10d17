import * as tf from '@tensorflow/tfjs';
import { print, saveModel, type TrainingData } from 'course';

/** 문서 003(8-2)의 합성곱 신경망. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  // TODO: 64개 필터의 합성곱 층(same 패딩)과 풀링 층을 하나 더 쌓으세요.

  model.add(tf.layers.flatten());
  // TODO: Dense(100, relu) → Dropout(0.4) → Dense(10, softmax)

  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

  // TODO: 검증 손실이 가장 낮았던 에포크의 가중치를 보관하는 콜백을 만드세요.
  //       (model.getWeights()의 각 텐서를 clone()해 두면 됩니다.)

  await model.fit(data.train.xs, data.train.ys, {
    epochs: 5,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
    // TODO: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2 })와 위의 콜백을 넘기세요.
  });

  // TODO: 보관해 둔 가장 좋은 가중치로 되돌리세요 (model.setWeights).
  print('학습을 마쳤습니다.');

  // 다음 레슨에서 이 모델을 불러 씁니다(브라우저의 IndexedDB에 저장).
  await saveModel(model, 'fashion-cnn');
}
