// expect-fail: standardize.test
// Each set standardized with its own mean and std: the test images come out with mean 0 too, but they are no longer on the scale the model was trained on.
import * as tf from '@tensorflow/tfjs';

/** 채널별 평균: 이미지·행·열 축에 걸친 평균, 모양 [3]. (np.mean(x, axis=(0, 1, 2))) */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  return tf.mean(x, [0, 1, 2]) as tf.Tensor1D;
}

/** 채널별 표준편차: N으로 나눈 분산의 제곱근, 모양 [3]. (np.std(x, axis=(0, 1, 2))) */
export function channelStd(x: tf.Tensor4D): tf.Tensor1D {
  const { variance } = tf.moments(x, [0, 1, 2]);
  return tf.sqrt(variance) as tf.Tensor1D;
}

/** 훈련 이미지의 통계로 훈련·테스트 이미지를 모두 표준화합니다. */
export function standardize(xTrain: tf.Tensor4D, xTest: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  const mean = channelMean(xTrain);
  const std = channelStd(xTrain);
  // [3] 모양의 평균과 표준편차가 마지막(채널) 축을 따라 모든 화소에 브로드캐스트됩니다.
  const trainOut = tf.div(tf.sub(xTrain, mean), std) as tf.Tensor4D;
  const testOut = tf.div(tf.sub(xTest, channelMean(xTest)), channelStd(xTest)) as tf.Tensor4D; // the test set's own statistics
  return [trainOut, testOut];
}
