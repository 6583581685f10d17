import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from 'course';

/** 한 묶음: Conv2D(3×3, same) → BatchNormalization → MaxPooling2D(2, same) → Dropout(0.3). */
function block(x: tf.SymbolicTensor, filters: number): tf.SymbolicTensor {
  x = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor; // 파라미터 4 × filters, 그중 2 × filters는 학습되지 않음
  x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  return tf.layers.dropout({ rate: 0.3 }).apply(x) as tf.SymbolicTensor;
}

/** 문서 004의 CIFAR-10 모델: 파라미터 652,874개 (학습되지 않는 것 448개). */
export function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 3] });
  let x = block(input, 32); // 16×16×32
  x = block(x, 64); // 8×8×64
  x = block(x, 128); // 4×4×128
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor; // 2,048
  x = tf.layers.dense({ units: 256, activation: 'relu' }).apply(x) as tf.SymbolicTensor; // 2,048·256 + 256 = 524,544
  x = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x) as tf.SymbolicTensor; // 256·128 + 128 = 32,896
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

export async function train(model: tf.LayersModel, data: TrainingData): Promise<void> {
  // 문서처럼 정수 레이블 그대로 sparse 손실, 학습률 1e-4의 Adam.
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, {
    epochs: 5,
    batchSize: 32, // 문서는 256: 적은 데이터로 갱신 횟수를 늘리려고 줄였습니다
    validationData: [data.validation.xs, data.validation.ys],
  });
}
