import * as tf from '@tensorflow/tfjs';
import { print } from 'course';

export type Shape3 = [height: number, width: number, channels: number];

/** VGG: 블록마다 3×3 합성곱(same, ReLU)을 여러 번, 끝에 2×2 최대 풀링 한 번. */
export function vggStack(inputShape: Shape3, blocks: [filters: number, convs: number][]): tf.LayersModel {
  const input = tf.input({ shape: inputShape });
  let x = input;
  for (const [filters, convs] of blocks) {
    for (let i = 0; i < convs; i++) {
      x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
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
  const branch3 = conv(conv(input, c.r3, 1), c.f3, 3);
  const branch5 = conv(conv(input, c.r5, 1), c.f5, 5);
  const pooled = tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(input) as tf.SymbolicTensor;
  const branchPool = conv(pooled, c.pool, 1);

  const output = tf.layers.concatenate().apply([branch1, branch3, branch5, branchPool]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

// 직접 실행해 보기: VGG19의 다섯 블록(합성곱 기반, 224×224×3)
const vgg19Base = vggStack([224, 224, 3], [[64, 2], [128, 2], [256, 4], [512, 4], [512, 4]]);
print('VGG19 합성곱 기반:', vgg19Base.outputShape, vgg19Base.countParams());
vgg19Base.dispose();
const inception = inceptionModule([28, 28, 192], { f1: 64, r3: 96, f3: 128, r5: 16, f5: 32, pool: 32 });
print('인셉션 모듈:', inception.outputShape, inception.countParams());
inception.dispose();
