import * as tf from '@tensorflow/tfjs';

/** 2×2 창, 보폭 2의 최대 풀링. */
export function maxPool(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 2, 2, 'valid');
}

/** 2×2 창, 보폭 2의 평균 풀링. */
export function avgPool(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 2, 2, 'valid');
}

/** 채널마다 높이·너비 전체의 평균: [영상 수, 채널]. */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]);
}

/** 문서의 Conv2D(32, 3, strides=1, padding='same', relu). */
function documentConv() {
  return tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' });
}

/** Conv2D → MaxPooling2D(2)를 지난 모양(배치 축 없이). */
export function pooledShape(inputShape: number[]): number[] {
  const input = tf.input({ shape: inputShape });
  const output = tf.layers.maxPooling2d({ poolSize: 2 }).apply(documentConv().apply(input)) as tf.SymbolicTensor;
  return output.shape.slice(1) as number[];
}

/** Conv2D → GlobalAveragePooling2D를 지난 모양(배치 축 없이). */
export function globalShape(inputShape: number[]): number[] {
  const input = tf.input({ shape: inputShape });
  const output = tf.layers.globalAveragePooling2d({}).apply(documentConv().apply(input)) as tf.SymbolicTensor;
  return output.shape.slice(1) as number[];
}
