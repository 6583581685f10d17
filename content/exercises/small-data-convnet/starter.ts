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

/** 문서 000(5.2)의 컨브넷을 28×28×1에 맞춰 줄인 모델. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' })); // 26×26×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 13×13×32
  // TODO: Conv2D(64) → MaxPooling2D(2) → Conv2D(128) → Flatten → Dense(512, relu) → Dense(1, sigmoid)

  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);
  summary(model);

  // TODO: 문서처럼 컴파일하세요: RMSprop(학습률 1e-4), 이진 크로스엔트로피, 정확도.
  // TODO: 배치 20으로 3 에포크 학습하고, 검증 데이터로 validationSet을 넘기세요.

  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);
}
