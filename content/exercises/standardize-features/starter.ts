import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

/** 특성별 평균: 샘플 축(0)을 따라 낸 평균, 모양 [특성 수]. (x.mean(axis=0)) */
export function featureMean(x: tf.Tensor2D): tf.Tensor1D {
  // TODO: 축 0을 따라 평균을 내세요.
  return tf.zeros([x.shape[1]]);
}

/** 특성별 표준편차: N으로 나눈 분산의 제곱근, 모양 [특성 수]. (x.std(axis=0)) */
export function featureStd(x: tf.Tensor2D): tf.Tensor1D {
  // TODO: tf.moments(x, 0)이 돌려주는 variance의 제곱근입니다.
  return tf.ones([x.shape[1]]);
}

/** 훈련 데이터의 통계로 훈련·테스트 데이터를 모두 표준화합니다. */
export function standardize(xTrain: tf.Tensor2D, xTest: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  // TODO: (x − 평균) / 표준편차. 테스트 데이터에는 어느 데이터의 평균과 표준편차를 써야 할까요?
  return [xTrain, xTest];
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
