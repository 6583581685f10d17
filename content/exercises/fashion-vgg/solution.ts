import * as tf from '@tensorflow/tfjs';

/** 문서 001의 VGG 스타일 모델: 파라미터 5,240,842개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' })); // 28×28×32
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' })); // 28×28×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×64
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' })); // 14×14×128
  model.add(tf.layers.conv2d({ filters: 256, kernelSize: 3, padding: 'valid', activation: 'relu' })); // 12×12×256
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 6×6×256
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.flatten()); // 9,216
  model.add(tf.layers.dense({ units: 512, activation: 'relu' })); // 파라미터의 90%: 9,216 × 512 + 512
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
