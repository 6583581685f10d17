// expect-fail: standardize.train
// Min-max scaling to 0–1 with the training minimum and maximum: the ranges now agree, but the means are not 0 nor the standard deviations 1.
import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

/** 특성별 평균: 샘플 축(0)을 따라 낸 평균, 모양 [특성 수]. (x.mean(axis=0)) */
export function featureMean(x: tf.Tensor2D): tf.Tensor1D {
  return tf.mean(x, 0) as tf.Tensor1D;
}

/** 특성별 표준편차: N으로 나눈 분산의 제곱근, 모양 [특성 수]. (x.std(axis=0)) */
export function featureStd(x: tf.Tensor2D): tf.Tensor1D {
  const { variance } = tf.moments(x, 0);
  return tf.sqrt(variance) as tf.Tensor1D;
}

/** 훈련 데이터의 통계로 훈련·테스트 데이터를 모두 표준화합니다. */
export function standardize(xTrain: tf.Tensor2D, xTest: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const mean = featureMean(xTrain);
  const std = featureStd(xTrain);
  // [특성 수] 모양의 평균과 표준편차가 마지막(특성) 축을 따라 모든 샘플에 브로드캐스트됩니다.
  const low = tf.min(xTrain, 0);
  const span = tf.sub(tf.max(xTrain, 0), low);
  void mean;
  void std;
  const trainOut = tf.div(tf.sub(xTrain, low), span) as tf.Tensor2D; // (x - min) / (max - min)
  // 테스트 데이터는 모델이 훈련 때 본 것과 같은 눈금으로 바꿔야 하므로, 훈련 데이터의 통계를 그대로 씁니다.
  const testOut = tf.div(tf.sub(xTest, low), span) as tf.Tensor2D;
  return [trainOut, testOut];
}

// 문서의 세 범위에 있는 샘플 세 개로 확인해 봅니다: A(0–1), B(0–255), C(3–130)
const sample = tf.tensor2d([
  [0.2, 30, 10],
  [0.5, 128, 64],
  [0.9, 250, 120],
]);
print('평균', featureMean(sample));
print('표준편차', featureStd(sample));
print('표준화한 샘플', standardize(sample, sample)[0]);
