// expect-fail: mean
// One mean and one std over every value, repeated for the three channels, instead of one per channel.
import * as tf from '@tensorflow/tfjs';

/** 채널별 평균: 이미지·행·열 축에 걸친 평균, 모양 [3]. (np.mean(x, axis=(0, 1, 2))) */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  return tf.mul(tf.ones([3]), tf.mean(x)) as tf.Tensor1D; // one mean over all channels
}

/** 채널별 표준편차: N으로 나눈 분산의 제곱근, 모양 [3]. (np.std(x, axis=(0, 1, 2))) */
export function channelStd(x: tf.Tensor4D): tf.Tensor1D {
  const { variance } = tf.moments(x);
  return tf.mul(tf.ones([3]), tf.sqrt(variance)) as tf.Tensor1D; // one std over all channels
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
