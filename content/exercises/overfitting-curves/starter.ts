import * as tf from '@tensorflow/tfjs';
import { loadTrainingData } from 'course';

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
  // 출력 창의 실시간 곡선 말고도, history.history의 'loss'와 'val_loss'로 직접 그려 보세요.
  // 예: plot(`${name}: 손실`, { '훈련 손실': ..., '검증 손실': ... }, { xLabel: '에포크' });
  // 검증 손실이 가장 낮았던 에포크와 마지막 에포크의 값을 print로 비교해 보세요.
  void name;
  void history;
}

await learningCurves('첫 모델', firstModel());
if (ALSO_VGG) await learningCurves('VGG 스타일 모델', vggModel());
