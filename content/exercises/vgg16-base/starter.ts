import * as tf from '@tensorflow/tfjs';
import { print, summary } from 'course';

/** VGG16의 블록: [필터 수, 합성곱 수]. */
const BLOCKS: [filters: number, convs: number][] = [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]];

/** VGG16(include_top=False, input_shape=(150, 150, 3))의 구조. 가중치는 무작위로 시작합니다. */
export function convBase(): tf.Sequential {
  const base = tf.sequential({ name: 'vgg16' });
  base.add(tf.layers.inputLayer({ inputShape: [150, 150, 3] }));
  BLOCKS.forEach(([filters, convs], b) => {
    // TODO: 블록마다 합성곱을 convs개 쌓고(지금은 1개뿐), 블록 끝에 2×2 최대 풀링을 두세요.
    //       이름은 block1_conv1, block1_conv2, block1_pool, …, block5_pool입니다.
    base.add(tf.layers.conv2d({ name: `block${b + 1}_conv1`, filters, kernelSize: 3, padding: 'same', activation: 'relu' }));
    void convs;
  });
  return base;
}

export function buildModel(): tf.Sequential {
  const base = convBase();
  summary(base);
  const model = tf.sequential({ layers: [base, tf.layers.flatten()] });
  // TODO: Dense(256, relu)와 Dense(1, sigmoid)를 더하고,
  //       동결 전후의 model.trainableWeights.length를 출력한 뒤 기반을 동결하세요.
  print('학습되는 가중치 텐서:', model.trainableWeights.length);
  return model;
}
