import * as tf from '@tensorflow/tfjs';
import { loadTrainingData, plot, print } from 'course';

/** 문서 001의 첫 모델 (241,546개 파라미터): 합성곱에는 활성화 함수가 없습니다. */
function firstModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** 문서 001의 VGG 스타일 모델 (5,240,842개 파라미터). */
function vggModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 256, kernelSize: 3, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 512, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

// VGG 스타일 모델도 보려면 true로 바꾸세요. 2코어 컴퓨터의 WASM에서는 몇 분 더 걸립니다.
const ALSO_VGG = false;
const EPOCHS = 20;

const data = await loadTrainingData();

async function learningCurves(name: string, model: tf.Sequential): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(data.train.xs, data.train.ys, {
    epochs: EPOCHS,
    batchSize: 32,
    validationData: [data.validation.xs, data.validation.ys],
  });
  const loss = history.history['loss'] as number[];
  const validationLoss = history.history['val_loss'] as number[];
  plot(`${name}: 손실`, { '훈련 손실': loss, '검증 손실': validationLoss }, { xLabel: '에포크' });
  const lowest = validationLoss.indexOf(Math.min(...validationLoss));
  const last = validationLoss.length - 1;
  print(
    `${name}: 검증 손실은 ${lowest + 1}번째 에포크에서 가장 낮았고(${validationLoss[lowest]!.toFixed(3)}), ` +
      `마지막 에포크에는 ${validationLoss[last]!.toFixed(3)}입니다. 그동안 훈련 손실은 ${loss[lowest]!.toFixed(3)}에서 ${loss[last]!.toFixed(3)}로 내려갔습니다.`,
  );
}

await learningCurves('첫 모델', firstModel());
if (ALSO_VGG) await learningCurves('VGG 스타일 모델', vggModel());
