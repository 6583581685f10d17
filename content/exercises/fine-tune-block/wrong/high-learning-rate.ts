// expect-fail: accuracy
// Fine-tunes at RMSprop's 1e-1 instead of a low rate: the large updates wreck block4's pretrained features and the
// model falls to one class (50%). At 1e-2 it failed in 11 of 13 runs, but one reached 83.2% and one passed the
// threshold (a CI failure); at 1e-1 it fell to 50% in all 11 graded runs (course's measurement, 2026-12-04).
import * as tf from '@tensorflow/tfjs';
import { loadPretrained, plot, print, type TrainingData, type TrainingSplit } from 'course';

/** 티셔츠/탑(레이블 0)과 셔츠(레이블 6)만 남기고, 레이블을 0과 1로 바꿉니다. */
async function tshirtOrShirt(split: TrainingSplit): Promise<TrainingSplit> {
  const keep = tf.logicalOr(split.ys.equal(0), split.ys.equal(6));
  const xs = (await tf.booleanMaskAsync(split.xs, keep)) as tf.Tensor4D;
  const labels = (await tf.booleanMaskAsync(split.ys, keep)) as tf.Tensor1D;
  const ys = labels.equal(6).toFloat() as tf.Tensor1D;
  tf.dispose([keep, labels]);
  return { xs, ys };
}

/** 1~2단계: 사전 훈련된 기반 위에 새 분류기를 올리고, 기반을 동결합니다. */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false });
  base.trainable = false;
  const model = tf.sequential();
  model.add(base);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}

/** 모델의 분류기 층(Flatten부터)을 공유해, 기반의 출력(특성 [2, 2, 128])을 입력으로 받는 모델을 만듭니다. */
function classifierOf(model: tf.Sequential): tf.LayersModel {
  const features = tf.input({ shape: [2, 2, 128] });
  let x = features;
  for (const layer of model.layers.slice(1)) x = layer.apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: features, outputs: x });
}

/** 지수 이동 평균: 앞의 평균에 factor를, 새 값에 1 − factor를 곱해 더합니다. */
function smooth(values: number[], factor = 0.8): number[] {
  const smoothed: number[] = [];
  for (const v of values) smoothed.push(smoothed.length === 0 ? v : smoothed[smoothed.length - 1]! * factor + v * (1 - factor));
  return smoothed;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);

  // 3단계: 새로 추가한 분류기를 훈련합니다 (앞 실습의 특성 추출).
  const base = model.layers[0] as tf.LayersModel;
  const trainFeatures = base.predict(trainSet.xs, { batchSize: 32 }) as tf.Tensor4D;
  const validationFeatures = base.predict(validationSet.xs, { batchSize: 32 }) as tf.Tensor4D;
  const classifier = classifierOf(model);
  classifier.compile({ optimizer: tf.train.rmsprop(2e-4), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await classifier.fit(trainFeatures, trainSet.ys, { epochs: 10, batchSize: 32, validationData: [validationFeatures, validationSet.ys] });
  tf.dispose([trainFeatures, validationFeatures]);

  // 4단계: 마지막 블록의 첫 합성곱(block4_conv1)부터 동결을 풉니다 (문서: block5_conv1부터).
  base.trainable = true;
  let setTrainable = false;
  for (const layer of base.layers) {
    if (layer.name === 'block4_conv1') setTrainable = true;
    layer.trainable = setTrainable;
  }
  print('학습되는 가중치 텐서:', model.trainableWeights.length); // block4_conv1·conv2의 4개 + 분류기의 4개 = 8

  // 5단계: 풀린 블록과 분류기를 함께, 낮은 학습률로 훈련합니다. 동결 상태가 바뀌었으니 다시 컴파일합니다.
  model.compile({ optimizer: tf.train.rmsprop(1e-1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const batchAccuracy: number[] = [];
  await model.fit(trainSet.xs, trainSet.ys, {
    epochs: 2,
    batchSize: 32,
    validationData: [validationSet.xs, validationSet.ys],
    callbacks: { onBatchEnd: async (_batch, logs) => void batchAccuracy.push(logs?.acc ?? 0) },
  });
  // 배치마다의 정확도는 들쭉날쭉해서, 문서처럼 지수 이동 평균으로 부드럽게 그려 봅니다.
  plot('미세 조정 중 배치 정확도', { 배치마다: batchAccuracy, '지수 이동 평균 (0.8)': smooth(batchAccuracy) }, { xLabel: '배치' });

  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys]);
}
