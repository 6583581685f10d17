// expect-fail: base.unchanged
// Trains the whole model end to end on the images instead of a classifier on features computed once.
import * as tf from '@tensorflow/tfjs';
import { loadPretrained, print, type TrainingData, type TrainingSplit } from 'course';

/** 티셔츠/탑(레이블 0)과 셔츠(레이블 6)만 남기고, 레이블을 0과 1로 바꿉니다. */
async function tshirtOrShirt(split: TrainingSplit): Promise<TrainingSplit> {
  const keep = tf.logicalOr(split.ys.equal(0), split.ys.equal(6));
  const xs = (await tf.booleanMaskAsync(split.xs, keep)) as tf.Tensor4D;
  const labels = (await tf.booleanMaskAsync(split.ys, keep)) as tf.Tensor1D;
  const ys = labels.equal(6).toFloat() as tf.Tensor1D;
  tf.dispose([keep, labels]);
  return { xs, ys };
}

/** 동결한 합성곱 기반 위에 문서의 분류기: Flatten → Dense(256) → Dropout(0.5) → Dense(1, sigmoid). */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false }); // conv_base, 출력 [null, 2, 2, 128]
  base.trainable = false; // 특성 추출: 기반의 가중치는 그대로 씁니다
  const model = tf.sequential();
  model.add(base);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}

/**
 * 모델의 분류기 층(Flatten부터)을 그대로 다시 이어, 기반의 출력(특성 [2, 2, 128])을 입력으로 받는 모델을 만듭니다.
 * 층을 공유하므로 이 모델을 학습하면 model의 분류기가 학습됩니다.
 */
function classifierOf(model: tf.Sequential): tf.LayersModel {
  const features = tf.input({ shape: [2, 2, 128] });
  let x = features;
  for (const layer of model.layers.slice(1)) x = layer.apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: features, outputs: x });
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);

  // The base unfrozen after the structure check and the whole model fitted on the images: the
  // pretrained weights move, which is fine-tuning, not feature extraction (and slow).
  (model.layers[0] as tf.LayersModel).trainable = true;
  model.compile({ optimizer: tf.train.rmsprop(2e-4), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(trainSet.xs, trainSet.ys, { epochs: 2, batchSize: 20, validationData: [validationSet.xs, validationSet.ys] });
  void classifierOf;

  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);
}
