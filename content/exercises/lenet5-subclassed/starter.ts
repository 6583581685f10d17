import * as tf from '@tensorflow/tfjs';

/** 문서 004의 LeNet5를 함수형 API로: 파라미터 107,786개. */
export function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [28, 28, 1] });
  const conv1 = tf.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' });
  const pool = tf.layers.maxPooling2d({ poolSize: 2 }); // 이 객체 하나를 두 번 부릅니다.

  let x = conv1.apply(input) as tf.SymbolicTensor; // 28×28×6
  x = pool.apply(x) as tf.SymbolicTensor; // 14×14×6
  // TODO: Conv2D(16, 5×5, same, relu) → 같은 pool → Flatten → Dense(120) → Dense(84)
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;

  return tf.model({ inputs: input, outputs: output });
}
