import * as tf from '@tensorflow/tfjs';

/** 문서 001의 VGG 스타일 모델. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  // TODO: 두 번째 묶음: Conv2D(128, same) → Conv2D(256, valid) → MaxPool2D → Dropout(0.5)

  model.add(tf.layers.flatten());
  // TODO: Dense(512) → Dropout → Dense(256) → Dropout → Dense(10, softmax)

  return model;
}
