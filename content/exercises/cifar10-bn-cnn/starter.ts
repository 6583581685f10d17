import * as tf from '@tensorflow/tfjs';

/** 한 묶음: Conv2D(3×3, same) → BatchNormalization → MaxPooling2D(2, same) → Dropout(0.3). */
function block(x: tf.SymbolicTensor, filters: number): tf.SymbolicTensor {
  x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  // TODO: BatchNormalization → MaxPooling2D(2, 보폭 2, same) → Dropout(0.3)
  return x;
}

/** 문서 004의 CIFAR-10 모델: 파라미터 652,874개 (학습되지 않는 것 448개). */
export function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = block(input, 32);
  // TODO: 64필터, 128필터 묶음
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  // TODO: Dense(256, relu) → Dense(128, relu)
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}
