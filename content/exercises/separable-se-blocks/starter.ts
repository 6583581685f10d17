import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

export type Shape3 = [height: number, width: number, channels: number];
type Sym = tf.SymbolicTensor;

const bnRelu6 = (x: Sym) => tf.layers.reLU({ maxValue: 6 }).apply(tf.layers.batchNormalization().apply(x)) as Sym;

/** MobileNet의 블록: 깊이별 3×3(채널마다 따로) → 점별 1×1(채널을 섞음), 각각 BN과 ReLU6. */
export function separableBlock(inputShape: Shape3, filters: number, strides: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  // TODO: 표준 3×3 합성곱 대신 깊이별 3×3 합성곱 → BN → ReLU6 → 1×1 합성곱 → BN → ReLU6으로 바꾸세요.
  const x = tf.layers.conv2d({ filters, kernelSize: 3, strides, padding: 'same', useBias: false }).apply(input) as Sym;
  return tf.model({ inputs: input, outputs: bnRelu6(x) });
}

/** 절편을 뺀 가중치 수: [표준 k×k 합성곱, 깊이별 k×k + 점별 1×1]. */
export function separableSaving(channels: number, filters: number, kernel: number): [number, number] {
  const standard = kernel * kernel * channels * filters;
  // TODO: 깊이별 합성곱과 점별 합성곱의 가중치 수를 더하세요.
  return [standard, standard];
}

/** SENet: 채널마다 요약(스퀴즈) → 채널의 중요도 0~1(익사이테이션) → 입력의 채널에 곱합니다. */
export function squeezeExcite(inputShape: Shape3, ratio: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  // TODO: 전역 평균 풀링 → Dense(채널 / ratio, ReLU) → Dense(채널, 시그모이드) → reshape [1, 1, 채널] → 입력과 곱하기
  void ratio;
  return tf.model({ inputs: input, outputs: input });
}

print(separableSaving(1024, 1024, 3));
