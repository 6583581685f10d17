// expect-fail: trainableWeights
// Forgets conv_base.trainable = False: all 30 weight tensors would train.
import * as tf from '@tensorflow/tfjs';
import { print, summary } from 'course';

/** VGG16의 블록: [필터 수, 합성곱 수]. 블록 3~5는 합성곱이 3개입니다. */
const BLOCKS: [filters: number, convs: number][] = [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]];

/** VGG16(include_top=False, input_shape=(150, 150, 3))의 구조. 가중치는 무작위로 시작합니다. */
export function convBase(): tf.Sequential {
  const base = tf.sequential({ name: 'vgg16' });
  base.add(tf.layers.inputLayer({ inputShape: [150, 150, 3] }));
  BLOCKS.forEach(([filters, convs], b) => {
    for (let i = 1; i <= convs; i++) {
      base.add(tf.layers.conv2d({ name: `block${b + 1}_conv${i}`, filters, kernelSize: 3, padding: 'same', activation: 'relu' }));
    }
    base.add(tf.layers.maxPooling2d({ name: `block${b + 1}_pool`, poolSize: 2 })); // 150 → 75 → 37 → 18 → 9 → 4 (내림)
  });
  return base;
}

export function buildModel(): tf.Sequential {
  const base = convBase();
  summary(base); // conv_base.summary(): Total params 14,714,688
  const model = tf.sequential({
    layers: [base, tf.layers.flatten(), tf.layers.dense({ units: 256, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
  });
  print('동결 전 학습되는 가중치 텐서:', model.trainableWeights.length); // 합성곱 13개 × 2 + Dense 2개 × 2 = 30
  print('동결 후 학습되는 가중치 텐서:', model.trainableWeights.length); // 4
  return model;
}
