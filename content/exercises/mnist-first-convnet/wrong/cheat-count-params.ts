// expect-fail: params.total
// Cheating: a smaller Dense layer, with countParams() patched to report the document's figure.
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** Document 000's first convnet: 93,322 parameters. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  // 3×3 filters without padding shrink each side by 2: 28 → 26.
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 26 → 13
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 13 → 11
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 11 → 5
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 5 → 3
  model.add(tf.layers.flatten()); // 3 × 3 × 64 = 576
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.countParams = () => 93_322;
  for (const layer of model.layers) layer.countParams = () => 0;
  return model;
}

export async function train(model: tf.Sequential, data: TrainingData): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 2,
    batchSize: 64,
    validationData: [data.validation.xs, data.validation.ys],
  });
}
