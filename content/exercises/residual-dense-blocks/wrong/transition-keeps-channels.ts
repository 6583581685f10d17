// expect-fail: dense.stage
// The transition layer pools but does not compress the channels.
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
  // 채널 수(와 보폭 2이면 크기)가 달라지므로 지름길도 1×1 합성곱으로 모양을 맞춥니다.
  const shortcut = bn(conv(input, 4 * filters, 1, strides));
  const output = relu(tf.layers.add().apply([x, shortcut]) as Sym);
  return tf.model({ inputs: input, outputs: output });
}

/** DenseNet의 밀집 블록의 층들을 x 위에 쌓습니다: 층마다 새 특징 맵 growthRate개를 이어 붙입니다. */
function denseLayers(x: Sym, blocks: number, growthRate: number): Sym {
  for (let i = 0; i < blocks; i++) {
    let y = conv(relu(bn(x)), 4 * growthRate, 1, 1, false); // 1×1 병목
    y = conv(relu(bn(y)), growthRate, 3, 1, false);
    x = tf.layers.concatenate().apply([x, y]) as Sym; // 앞의 모든 특징 맵 + 새 특징 맵
  }
  return x;
}

export function denseBlock(inputShape: Shape3, blocks: number, growthRate: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  return tf.model({ inputs: input, outputs: denseLayers(input, blocks, growthRate) });
}

/** 밀집 블록 + 전이층(1×1 합성곱으로 채널을 줄이고 2×2 평균 풀링으로 크기를 줄임). */
export function denseStage(inputShape: Shape3, blocks: number, growthRate: number, reduction: number): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = denseLayers(input, blocks, growthRate);
  const channels = x.shape[3]!;
  x = conv(relu(bn(x)), channels, 1, 1, false); // reduction is ignored
  void reduction;
  x = tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(x) as Sym;
  return tf.model({ inputs: input, outputs: x });
}

const block = residualBlock([56, 56, 64], 64, 1);
print('잔차 블록:', block.outputShape, block.countParams());
const stage = denseStage([56, 56, 64], 6, 32, 0.5);
print('밀집 블록 + 전이층:', stage.outputShape, stage.countParams());
