// expect-fail: layers.sequence
// Grows the maps with strided transposed convolutions instead of UpSampling2D + Conv2D: symmetric, but not the asked layers.
import * as tf from '@tensorflow/tfjs';

/** 합성곱 오토인코더: 인코더가 특징 맵을 28 → 14 → 7로 줄이고, 디코더가 7 → 14 → 28로 되돌립니다. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  // 인코더
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' })); // 28×28×16
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×16
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' })); // 14×14×8
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 7×7×8: 가장 작은 표현
  // 디코더: 인코더를 거꾸로 따라갑니다
  model.add(tf.layers.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })); // 14×14×8
  model.add(tf.layers.conv2dTranspose({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })); // 28×28×16
  model.add(tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' })); // 28×28×1: 입력과 같은 모양, 화소 값 0~1
  return model;
}
