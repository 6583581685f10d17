// expect-fail: layer.1.outputShape
// Every convolution pads with 'same' (Flatten 4,096): caught by the structure checks before any training, so with or without CIFAR-10.
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 문서 002 목록 8-2의 CIFAR-10 모델: 파라미터 890,410개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  const trainLabels = tf.oneHot(data.train.ys.toInt(), 10);
  const validationLabels = tf.oneHot(data.validation.ys.toInt(), 10);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, trainLabels, { epochs: 4, batchSize: 128, validationData: [data.validation.xs, validationLabels] });
  tf.dispose([trainLabels, validationLabels]);
}
