import * as tf from '@tensorflow/tfjs';
import { print, saveModel, type TrainingData } from 'course';

/** 문서 002 목록 8-3의 합성곱 신경망: 파라미터 594,922개. */
export function buildModel(): tf.Sequential {
  const cnn = tf.sequential();
  cnn.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' })); // 26×26×32
  cnn.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' })); // 24×24×32
  cnn.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 12×12×32
  cnn.add(tf.layers.dropout({ rate: 0.25 }));
  cnn.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 10×10×64
  cnn.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 8×8×64
  cnn.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 4×4×64
  cnn.add(tf.layers.dropout({ rate: 0.25 }));
  cnn.add(tf.layers.flatten()); // 1,024
  cnn.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  cnn.add(tf.layers.dropout({ rate: 0.5 }));
  cnn.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return cnn;
}

export async function train(cnn: tf.Sequential, data: TrainingData): Promise<void> {
  // y_train = to_categorical(y_train, 10): 정수 레이블을 원-핫 벡터로 바꿉니다.
  const yTrain = tf.oneHot(data.train.ys.toInt(), 10);
  const yValidation = tf.oneHot(data.validation.ys.toInt(), 10);

  cnn.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
  const hist = await cnn.fit(data.train.xs, yTrain, {
    batchSize: 128,
    epochs: 2,
    validationData: [data.validation.xs, yValidation],
  });
  tf.dispose([yTrain, yValidation]);
  const accuracy = hist.history['val_acc']!.at(-1) as number;
  print(`검증 정확도 = ${(accuracy * 100).toFixed(2)}%`);

  // cnn.save('cnn_v2.h5'): 아래 그림판(우편번호 인식기)이 이 이름으로 모델을 불러 씁니다.
  await saveModel(cnn, 'cnn_v2');
}
