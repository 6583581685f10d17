import * as tf from '@tensorflow/tfjs';
import { loadPretrained } from 'course';

/** course-vgg의 합성곱 기반을 동결하고, 그 위에 새 분류기(Dense 256 → Dense 1 sigmoid)를 올립니다. */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false }); // 출력 [null, 2, 2, 128]
  base.trainable = false; // 동결: 기반의 가중치 텐서 16개는 학습하지 않습니다
  const model = tf.sequential();
  model.add(base);
  model.add(tf.layers.flatten()); // 2 × 2 × 128 = 512
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
