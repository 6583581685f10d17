// expect-fail: se.ratio4
// Returns the channel weights themselves instead of the input scaled by them.
import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

export type Shape3 = [height: number, width: number, channels: number];
type Sym = tf.SymbolicTensor;

const bnRelu6 = (x: Sym) => tf.layers.reLU({ maxValue: 6 }).apply(tf.layers.batchNormalization().apply(x)) as Sym;

/** MobileNet의 블록: 깊이별 3×3(채널마다 따로) → 점별 1×1(채널을 섞음), 각각 BN과 ReLU6. */
export function separableBlock(inputShape: Shape3, filters: number, strides: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = tf.layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false }).apply(input) as Sym;
  x = bnRelu6(x);
  x = tf.layers.conv2d({ filters, kernelSize: 1, useBias: false }).apply(x) as Sym;
  return tf.model({ inputs: input, outputs: bnRelu6(x) });
}

/** 절편을 뺀 가중치 수: [표준 k×k 합성곱, 깊이별 k×k + 점별 1×1]. */
export function separableSaving(channels: number, filters: number, kernel: number): [number, number] {
  const standard = kernel * kernel * channels * filters; // 필터마다 모든 채널을 봅니다
  const depthwise = kernel * kernel * channels; // 채널마다 k×k 필터 하나
  const pointwise = channels * filters; // 1×1로 채널을 섞습니다
  return [standard, depthwise + pointwise];
}

/** SENet: 채널마다 요약(스퀴즈) → 채널의 중요도 0~1(익사이테이션) → 입력의 채널에 곱합니다. */
export function squeezeExcite(inputShape: Shape3, ratio: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  const channels = inputShape[2];
  let s = tf.layers.globalAveragePooling2d({}).apply(input) as Sym; // [None, 채널]
  s = tf.layers.dense({ units: Math.floor(channels / ratio), activation: 'relu' }).apply(s) as Sym;
  s = tf.layers.dense({ units: channels, activation: 'sigmoid' }).apply(s) as Sym;
  s = tf.layers.reshape({ targetShape: [1, 1, channels] }).apply(s) as Sym; // 위치마다 같은 값을 곱하도록
  const output = tf.layers.multiply().apply([input, s]) as Sym;
  void output;
  return tf.model({ inputs: input, outputs: s });
}

const [standard, separable] = separableSaving(1024, 1024, 3);
print(`1024 → 1024, 3×3: 표준 ${standard}개, 분리 ${separable}개 (${(standard / separable).toFixed(1)}배)`);
const se = squeezeExcite([7, 7, 512], 16);
print('SE 블록:', se.outputShape, se.countParams());
