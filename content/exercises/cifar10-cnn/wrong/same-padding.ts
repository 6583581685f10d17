// expect-fail: layer.1.outputShape
// Every convolution pads with 'same': the maps keep their size (32 → 16 → 8), Flatten grows to 4,096 and the total to 2,168,362.
import * as tf from '@tensorflow/tfjs';

/** 문서 002 목록 8-2의 CIFAR-10 모델: 파라미터 890,410개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' })); // 32×32×32
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' })); // 32×32×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 16×16×32
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' })); // 16×16×64
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' })); // 16×16×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 8×8×64
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten()); // 4,096
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
