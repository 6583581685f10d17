import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

export type Shape3 = [height: number, width: number, channels: number];

/** VGG: 블록마다 3×3 합성곱(same, ReLU)을 여러 번, 끝에 2×2 최대 풀링 한 번. */
export function vggStack(inputShape: Shape3, blocks: [filters: number, convs: number][]): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = input;
  for (const [filters] of blocks) {
    // TODO: 합성곱을 convs번 쌓고, 블록 끝에 2×2 최대 풀링을 두세요.
    x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: x });
}

export interface InceptionConfig {
  f1: number; // 1×1 가지
  r3: number; // 3×3 앞의 1×1 병목
  f3: number;
  r5: number; // 5×5 앞의 1×1 병목
  f5: number;
  pool: number; // 풀링 뒤 1×1
}

/** GoogLeNet의 인셉션 모듈: 네 가지를 나란히 두고 채널 방향으로 잇습니다. */
export function inceptionModule(inputShape: Shape3, c: InceptionConfig): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  const conv = (x: tf.SymbolicTensor, filters: number, kernelSize: number) =>
    tf.layers.conv2d({ filters, kernelSize, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;

  const branch1 = conv(input, c.f1, 1);
  // TODO: 1×1 병목 → 3×3 가지, 1×1 병목 → 5×5 가지, 3×3 최대 풀링(보폭 1) → 1×1 가지를 만들고
  //       tf.layers.concatenate()로 네 가지를 이으세요.
  return tf.model({ inputs: input, outputs: branch1 });
}

const inception = inceptionModule([28, 28, 192], { f1: 64, r3: 96, f3: 128, r5: 16, f5: 32, pool: 32 });
print('인셉션 모듈:', inception.outputShape, inception.countParams());
