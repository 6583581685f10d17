// expect-fail: trainableWeights
// Forgets to freeze the base: 20 weight tensors train instead of 4.
import * as tf from '@tensorflow/tfjs';
import { loadPretrained } from 'course';

export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false });
  const model = tf.sequential();
  model.add(base);
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
