import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

export type Shape3 = [height: number, width: number, channels: number];
type Sym = tf.SymbolicTensor;

const conv = (x: Sym, filters: number, kernelSize: number, strides = 1, useBias = true) =>
  tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias }).apply(x) as Sym;
const bn = (x: Sym) => tf.layers.batchNormalization().apply(x) as Sym;
const relu = (x: Sym) => tf.layers.reLU().apply(x) as Sym;

/** ResNet50의 병목 잔차 블록: 주 경로(1×1 → 3×3 → 1×1)와 투영 지름길(1×1)을 더합니다. */
export function residualBlock(inputShape: Shape3, filters: number, strides: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = relu(bn(conv(input, filters, 1, strides)));
  x = relu(bn(conv(x, filters, 3)));
  x = bn(conv(x, 4 * filters, 1));
  // TODO: 지름길(1×1 합성곱 4 × filters개, 보폭 strides → BN)을 만들어 x에 더하고 ReLU를 적용하세요.
  return tf.model({ inputs: input, outputs: relu(x) });
}

export function denseBlock(inputShape: Shape3, blocks: number, growthRate: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = input;
  for (let i = 0; i < blocks; i++) {
    let y = conv(relu(bn(x)), 4 * growthRate, 1, 1, false);
    y = conv(relu(bn(y)), growthRate, 3, 1, false);
    // TODO: 새 특징 맵 y를 x 뒤에 이어 붙이세요(tf.layers.concatenate()). 지금은 y로 바꿔치기합니다.
    x = y;
  }
  return tf.model({ inputs: input, outputs: x });
}

/** 밀집 블록 + 전이층(1×1 합성곱으로 채널을 줄이고 2×2 평균 풀링으로 크기를 줄임). */
export function denseStage(inputShape: Shape3, blocks: number, growthRate: number, reduction: number): tf.LayersModel {
  // TODO: 밀집 블록 뒤에 전이층(BN → ReLU → 1×1 합성곱 floor(채널 × reduction)개 → 2×2 평균 풀링)을 붙이세요.
  void reduction;
  return denseBlock(inputShape, blocks, growthRate);
}

const block = residualBlock([56, 56, 64], 64, 1);
print('잔차 블록:', block.outputShape, block.countParams());
