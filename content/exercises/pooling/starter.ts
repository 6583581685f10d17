import * as tf from '@tensorflow/tfjs';

/** 2×2 창, 보폭 2의 최대 풀링. */
export function maxPool(x: tf.Tensor4D): tf.Tensor4D {
  // TODO: tf.maxPool(x, 창 크기, 보폭, 패딩)
  return x;
}

/** 2×2 창, 보폭 2의 평균 풀링. */
export function avgPool(x: tf.Tensor4D): tf.Tensor4D {
  // TODO: tf.avgPool
  return x;
}

/** 채널마다 높이·너비 전체의 평균: [영상 수, 채널]. */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  // TODO: 높이(축 1)와 너비(축 2)에 대해 평균을 내세요.
  return tf.mean(x, [1, 3]);
}

/** 문서의 Conv2D(32, 3, strides=1, padding='same', relu). */
function documentConv() {
  // TODO: 문서처럼 padding='same'으로 고치세요.
  return tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 1, activation: 'relu' });
}

/** Conv2D → MaxPooling2D(2)를 지난 모양(배치 축 없이). */
export function pooledShape(inputShape: number[]): number[] {
  const input = tf.input({ shape: inputShape });
  // TODO: 컨볼루션 층 뒤에 tf.layers.maxPooling2d({ poolSize: 2 })를 이어 붙이세요.
  const output = documentConv().apply(input) as tf.SymbolicTensor;
  return output.shape.slice(1) as number[];
}

/** Conv2D → GlobalAveragePooling2D를 지난 모양(배치 축 없이). */
export function globalShape(inputShape: number[]): number[] {
  const input = tf.input({ shape: inputShape });
  // TODO: tf.layers.globalAveragePooling2d({})를 이어 붙이세요.
  const output = documentConv().apply(input) as tf.SymbolicTensor;
  return output.shape.slice(1) as number[];
}
