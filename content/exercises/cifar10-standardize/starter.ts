import * as tf from '@tensorflow/tfjs';

/** 채널별 평균: 이미지·행·열 축에 걸친 평균, 모양 [3]. (np.mean(x, axis=(0, 1, 2))) */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  // TODO: 축 0, 1, 2에 걸쳐 평균을 내세요.
  void x;
  return tf.zeros([3]);
}

/** 채널별 표준편차: N으로 나눈 분산의 제곱근, 모양 [3]. (np.std(x, axis=(0, 1, 2))) */
export function channelStd(x: tf.Tensor4D): tf.Tensor1D {
  // TODO: tf.moments(x, axes)가 돌려주는 variance의 제곱근입니다.
  void x;
  return tf.ones([3]);
}

/** 훈련 이미지의 통계로 훈련·테스트 이미지를 모두 표준화합니다. */
export function standardize(xTrain: tf.Tensor4D, xTest: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  // TODO: (x − 평균) / 표준편차. 어느 데이터의 평균과 표준편차를 써야 할까요?
  return [xTrain, xTest];
}
