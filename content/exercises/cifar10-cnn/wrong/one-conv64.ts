// expect-fail: layers.sequence
// The listing as printed: the second Conv2D(64) is lost in the previous line's comment, so the second block has one convolution (1,213,930 parameters).
import * as tf from '@tensorflow/tfjs';

/** 문서 002 목록 8-2의 CIFAR-10 모델: 파라미터 890,410개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' })); // 30×30×32
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' })); // 28×28×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 14×14×32
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 12×12×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 6×6×64
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten()); // 2,304
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
