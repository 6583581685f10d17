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

/** 동결한 합성곱 기반 위에 문서의 분류기를 올리세요. */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false }); // conv_base, 출력 [null, 2, 2, 128]
  // TODO: 기반을 동결하세요.
  const model = tf.sequential();
  model.add(base);
  // TODO: Flatten → Dense(256, relu) → Dropout(0.5) → Dense(1, sigmoid)
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

  const base = model.layers[0] as tf.LayersModel;
  // TODO: base.predict(이미지, { batchSize: 20 })로 훈련·검증 이미지의 특성을 한 번씩 구하세요.
  // TODO: classifierOf(model)을 rmsprop(2e-4), binaryCrossentropy로 컴파일하고,
  //       특성과 레이블로 30 에포크, 배치 20으로 학습하세요.
  void base;
  void classifierOf;
}
