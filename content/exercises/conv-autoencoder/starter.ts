import * as tf from '@tensorflow/tfjs';

/** 합성곱 오토인코더: 인코더는 특징 맵을 줄이고, 디코더는 다시 키워 입력과 같은 모양의 영상을 냅니다. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  // 인코더
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' })); // 28×28×16
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×16
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' })); // 14×14×8
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 7×7×8

  // TODO: 디코더. 인코더를 거꾸로 따라가며 특징 맵을 7 → 14 → 28로 키우세요.
  //       Conv2D(8, same, relu) → UpSampling2D(2) → Conv2D(16, same, relu) → UpSampling2D(2)
  //       → Conv2D(1, same, sigmoid). 크기를 키우는 층은 tf.layers.upSampling2d({ size: [2, 2] })입니다.

  return model;
}
