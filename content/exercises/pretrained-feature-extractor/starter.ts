import * as tf from '@tensorflow/tfjs';
import { loadPretrained } from 'course';

/** course-vgg의 합성곱 기반 위에 새 분류기를 올리세요. 기반은 학습하지 않도록 동결합니다. */
export async function buildModel(): Promise<tf.Sequential> {
  const base = await loadPretrained('course-vgg', { includeTop: false }); // 출력 [null, 2, 2, 128]
  // TODO: base를 동결하세요
  const model = tf.sequential();
  model.add(base);
  // TODO: Flatten → Dense(256, relu) → Dense(1, sigmoid)
  return model;
}
