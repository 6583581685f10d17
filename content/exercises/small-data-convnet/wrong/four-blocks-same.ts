// expect-fail: layers.sequence
// Keeps the document's four conv–pool blocks by padding with 'same' (28 → 14 → 7 → 3 → 1): Flatten gets 128 values.
import * as tf from '@tensorflow/tfjs';
import { print, summary, type TrainingData, type TrainingSplit } from 'course';

/** 티셔츠/탑(레이블 0)과 셔츠(레이블 6)만 남기고, 레이블을 0과 1로 바꿉니다. 강아지 vs. 고양이를 대신하는 코스의 과제입니다. */
async function tshirtOrShirt(split: TrainingSplit): Promise<TrainingSplit> {
  const keep = tf.logicalOr(split.ys.equal(0), split.ys.equal(6));
  const xs = (await tf.booleanMaskAsync(split.xs, keep)) as tf.Tensor4D;
  const labels = (await tf.booleanMaskAsync(split.ys, keep)) as tf.Tensor1D;
  const ys = labels.equal(6).toFloat() as tf.Tensor1D;
  tf.dispose([keep, labels]);
  return { xs, ys };
}

/** 문서 000(5.2)의 컨브넷을 28×28×1에 맞춰 줄인 모델: 파라미터 683,521개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten()); // 1,152
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' })); // 셔츠일 확률
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);
  summary(model);

  // 문서와 같은 설정: 시그모이드 출력 하나에 이진 크로스엔트로피, RMSprop(lr=1e-4), 배치 20.
  model.compile({ optimizer: tf.train.rmsprop(1e-4), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(trainSet.xs, trainSet.ys, { epochs: 3, batchSize: 20, shuffle: true, validationData: [validationSet.xs, validationSet.ys] });
  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);
}
