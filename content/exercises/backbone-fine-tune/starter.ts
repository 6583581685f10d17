import * as tf from '@tensorflow/tfjs';
import { loadPretrained, print, saveModel, type TrainingData, type TrainingSplit } from 'course';

/** 티셔츠/탑(레이블 0)과 셔츠(레이블 6)만 남기고, 레이블을 0과 1로 바꿉니다. */
async function tshirtOrShirt(split: TrainingSplit): Promise<TrainingSplit> {
  const keep = tf.logicalOr(split.ys.equal(0), split.ys.equal(6));
  const xs = (await tf.booleanMaskAsync(split.xs, keep)) as tf.Tensor4D;
  const labels = (await tf.booleanMaskAsync(split.ys, keep)) as tf.Tensor1D;
  const ys = labels.equal(6).toFloat() as tf.Tensor1D;
  tf.dispose([keep, labels]);
  return { xs, ys };
}

/** 목록 8-7의 구성을 코스의 백본 위에: 0~255 화소 → Rescaling → 백본 → Flatten → Dense(1024) → Dropout(0.75) → Dense(2). */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false });
  const model = tf.sequential();
  model.add(tf.layers.rescaling({ scale: 1 / 255, inputShape: [28, 28, 1] }));
  model.add(base);
  // TODO: Flatten → Dense(1024, relu) → Dropout(0.75) → Dense(2, softmax)
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);

  // TODO: 모델이 0~255 화소를 받도록 xs에 255를 곱하고, 낮은 학습률(1e-4)의 adam으로 컴파일해
  //       배치 16, 3 에포크로 학습하세요.

  await saveModel(model, 'tshirt-or-shirt');
}
