import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

/**
 * 드롭아웃 층이 하는 일: 훈련 중에는 mask가 0인 자리를 0으로 만들고 남은 값을 1 / (1 − rate)배 합니다.
 * 추론 중에는 x를 그대로 돌려줍니다. mask는 x와 모양이 같은 0과 1의 텐서입니다(1 = 남김).
 */
export function applyDropout(x: tf.Tensor, mask: tf.Tensor, rate: number, training: boolean): tf.Tensor {
  if (!training) return x;
  // 남은 값을 키워 두면 출력의 기댓값이 훈련과 추론에서 같아져, 추론 때 따로 줄일 필요가 없습니다.
  return tf.div(tf.mul(x, mask), 1 - rate);
}

// 문서의 예: rate 0.5에서 0.2와 0.8이 지워지고, 남은 값은 두 배가 됩니다.
const x = tf.tensor1d([0.2, 0.5, 1.3, 0.8, 1.1]);
const mask = tf.tensor1d([0, 1, 1, 0, 1]);
print(applyDropout(x, mask, 0.5, true)); // [0, 1, 2.6, 0, 2.2]
print(applyDropout(x, mask, 0.5, false)); // [0.2, 0.5, 1.3, 0.8, 1.1]
