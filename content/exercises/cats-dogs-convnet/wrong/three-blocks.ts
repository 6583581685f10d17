// expect-fail: layers.sequence
// Stops after the third block (17×17×128): Flatten gets 36,992 values and the first Dense alone 18,940,416 parameters.
import * as tf from '@tensorflow/tfjs';
import { summary } from 'course';

/** 문서 000(5.2)의 강아지 vs. 고양이 컨브넷: 파라미터 3,453,121개. */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [150, 150, 3], filters: 32, kernelSize: 3, activation: 'relu' })); // 148×148×32
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 74×74×32
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' })); // 72×72×64
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 36×36×64
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' })); // 34×34×128
  model.add(tf.layers.maxPooling2d({ poolSize: 2 })); // 17×17×128
  model.add(tf.layers.flatten()); // 6,272
  model.add(tf.layers.dense({ units: 512, activation: 'relu' })); // 6,272 × 512 + 512 = 3,211,776: 전체의 93%
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' })); // 이진 분류: 확률 하나
  return model;
}

// 실행하면 요약표가 나옵니다. 문서의 model.summary()와 비교해 보세요.
summary(buildModel());
