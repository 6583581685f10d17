// expect-fail: params.trainable
// The base frozen as in feature extraction: listing 8-7 fine-tunes it (nothing is frozen).
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
  const base = await loadPretrained('course-vgg', { includeTop: false }); // DenseNet121(weights='imagenet', include_top=False)
  const model = tf.sequential();
  model.add(tf.layers.rescaling({ scale: 1 / 255, inputShape: [28, 28, 1] }));
  base.trainable = false;
  model.add(base);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1024, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.75 }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainSet = await tshirtOrShirt(data.train);
  const validationSet = await tshirtOrShirt(data.validation);
  print(`훈련 ${trainSet.ys.shape[0]}장, 검증 ${validationSet.ys.shape[0]}장 (티셔츠/탑 0, 셔츠 1)`);

  // 모델이 문서처럼 0~255 화소를 받으므로, 0~1인 코스의 데이터를 255배 해서 넘깁니다.
  const trainXs = trainSet.xs.mul(255);
  const validationXs = validationSet.xs.mul(255);

  // 미세 조정: 백본까지 모두 학습하되, 학습률을 낮게 둡니다.
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(trainXs, trainSet.ys, { epochs: 3, batchSize: 16, validationData: [validationXs, validationSet.ys] });
  tf.dispose([trainSet.xs, trainSet.ys, validationSet.xs, validationSet.ys, trainXs, validationXs]);

  // cnn.save('cnn_for_stanford_dogs.h5')처럼 저장해 두면 다음 레슨의 인식 프로그램에서 쓸 수 있습니다.
  await saveModel(model, 'tshirt-or-shirt');
}
