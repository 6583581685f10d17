// expect-fail: layer.4.outputShape
// Two softmax units instead of the documents' one sigmoid unit for a binary task.
import * as tf from '@tensorflow/tfjs';
import { loadPretrained } from 'course';

export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false });
  base.trainable = false;
  const model = tf.sequential();
  model.add(base);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  return model;
}
