import * as tf from '@tensorflow/tfjs';
import { print, saveModel, type TrainingData } from 'course';

/** 문서 002 목록 8-3의 합성곱 신경망. */
export function buildModel(): tf.Sequential {
  const cnn = tf.sequential();
  cnn.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  cnn.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  cnn.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  cnn.add(tf.layers.dropout({ rate: 0.25 }));
  // TODO: Conv2D(64, 3×3, relu) 두 개 → MaxPooling2D(2) → Dropout(0.25)

  cnn.add(tf.layers.flatten());
  // TODO: Dense(512, relu) → Dropout(0.5)

  cnn.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return cnn;
}

export async function train(cnn: tf.Sequential, data: TrainingData): Promise<void> {
  // TODO: 문서의 to_categorical처럼 레이블을 원-핫 벡터로 바꾸세요 (tf.oneHot(data.train.ys.toInt(), 10)).
  //       정수 레이블 그대로 쓰려면 손실을 'sparseCategoricalCrossentropy'로 고르면 됩니다.
  const yTrain = data.train.ys;
  const yValidation = data.validation.ys;

  cnn.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
  await cnn.fit(data.train.xs, yTrain, {
    batchSize: 128,
    epochs: 2,
    validationData: [data.validation.xs, yValidation],
  });
  print('학습을 마쳤습니다.');

  // cnn.save('cnn_v2.h5'): 아래 그림판(우편번호 인식기)이 이 이름으로 모델을 불러 씁니다.
  await saveModel(cnn, 'cnn_v2');
}
