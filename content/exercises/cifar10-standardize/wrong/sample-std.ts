// expect-fail: std
// The sample standard deviation (N − 1, ddof=1) instead of np.std's N: about 0.4% larger on 128 values per channel.
import * as tf from '@tensorflow/tfjs';

/** 채널별 평균: 이미지·행·열 축에 걸친 평균, 모양 [3]. (np.mean(x, axis=(0, 1, 2))) */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  return tf.mean(x, [0, 1, 2]) as tf.Tensor1D;
}

/** 채널별 표준편차: N으로 나눈 분산의 제곱근, 모양 [3]. (np.std(x, axis=(0, 1, 2))) */
export function channelStd(x: tf.Tensor4D): tf.Tensor1D {
  const n = x.shape[0] * x.shape[1] * x.shape[2];
  const { variance } = tf.moments(x, [0, 1, 2]);
  return tf.sqrt(tf.mul(variance, n / (n - 1))) as tf.Tensor1D; // divides by N - 1 (np.std(..., ddof=1))
}

/** 훈련 이미지의 통계로 훈련·테스트 이미지를 모두 표준화합니다. */
export function standardize(xTrain: tf.Tensor4D, xTest: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  const mean = channelMean(xTrain);
  const std = channelStd(xTrain);
  // [3] 모양의 평균과 표준편차가 마지막(채널) 축을 따라 모든 화소에 브로드캐스트됩니다.
  const trainOut = tf.div(tf.sub(xTrain, mean), std) as tf.Tensor4D;
  const testOut = tf.div(tf.sub(xTest, mean), std) as tf.Tensor4D; // 테스트 이미지에도 훈련 이미지의 통계를 씁니다
  return [trainOut, testOut];
}
