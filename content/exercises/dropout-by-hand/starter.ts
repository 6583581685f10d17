import * as tf from '@tensorflow/tfjs';

/**
 * 드롭아웃 층이 하는 일: 훈련 중에는 mask가 0인 자리를 0으로 만들고 남은 값을 1 / (1 − rate)배 합니다.
 * 추론 중에는 x를 그대로 돌려줍니다. mask는 x와 모양이 같은 0과 1의 텐서입니다(1 = 남김).
 */
export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  // TODO: training이면 x에 mask를 곱하고(tf.mul), 1 − rate로 나누세요(tf.div).
  void mask;
  void rate;
  void training;
  return x;
}
