import * as tf from '@tensorflow/tfjs';
import { loadModel, loadTrainingData, plot, print, showImages } from 'course';

/** 문서 003의 구조, 학습하기 전 상태. 합성곱 층의 초기화는 케라스의 기본값(글로럿 균등 분포)에 맞춥니다. TF.js의 기본값은 글로럿 정규 분포입니다. */
function untrainedModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: 'glorotUniform' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: 'glorotUniform' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 100, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.4 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** 최솟값~최댓값을 bins개 구간으로 나눈 개수 (plt.hist처럼). */
function histogram(values: Float32Array | Int32Array | Uint8Array, bins: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(Math.floor(((v - min) / (max - min)) * bins), bins - 1)]! += 1;
  print(`구간: ${min.toFixed(3)} ~ ${max.toFixed(3)}, ${bins}등분`);
  return counts;
}

function describeFirstKernel(model: tf.LayersModel, name: string): void {
  const kernel = model.layers[0]!.getWeights()[0]!; // (3, 3, 1, 32)
  const { mean, variance } = tf.moments(kernel);
  print(`${name}: 커널 모양 ${JSON.stringify(kernel.shape)}, 평균 ${mean.dataSync()[0]!.toFixed(4)}, 표준편차 ${Math.sqrt(variance.dataSync()[0]!).toFixed(4)}`);
  plot(`${name}: 가중치 분포`, { 개수: histogram(kernel.dataSync(), 10) }, { xLabel: '구간' });
  // (3, 3, 1, 32) → 커널 32장 (32, 3, 3, 1). 모두 같은 범위 [-0.5, 0.5]로 그려야 서로 비교됩니다.
  const kernels = tf.transpose(kernel, [3, 0, 1, 2]);
  showImages(kernels, { title: `${name}: 커널 32개`, columns: 16, range: [-0.5, 0.5] });
}

let trained: tf.LayersModel | undefined;
try {
  trained = await loadModel('fashion-cnn');
  print('앞 레슨에서 저장한 모델을 불러왔습니다.');
} catch (error) {
  print((error as Error).message);
}
const fresh = untrainedModel();

if (trained) describeFirstKernel(trained, '학습한 모델');
describeFirstKernel(fresh, '학습하지 않은 모델');

// 함수형 API: 입력은 그대로, 출력은 첫 번째와 두 번째 합성곱 층.
const model = trained ?? fresh;
const activations = tf.model({ inputs: model.inputs, outputs: [model.layers[0]!.output, model.layers[2]!.output] as tf.SymbolicTensor[] });
const data = await loadTrainingData();
const first = data.train.xs.slice([0, 0, 0, 0], [1, 28, 28, 1]);
showImages(first, { title: `훈련 이미지 1장 (${data.classNames[data.train.ys.dataSync()[0]!]})` });
const [maps1, maps2] = activations.predict(first) as tf.Tensor4D[];
print('특성 맵 모양:', maps1!.shape, maps2!.shape);
showImages(tf.transpose(maps1!, [3, 1, 2, 0]), { title: '첫 번째 합성곱 층의 특성 맵 32장', columns: 8 });
showImages(tf.transpose(maps2!, [3, 1, 2, 0]), { title: '두 번째 합성곱 층의 특성 맵 64장', columns: 8 });

// 덧붙여: 이 모델이 그 이미지를 무엇으로 보는지.
const probabilities = model.predict(first) as tf.Tensor2D;
const guess = probabilities.argMax(1).dataSync()[0]!;
print(`모델의 예측: ${data.classNames[guess]} (확률 ${(probabilities.max().dataSync()[0]! * 100).toFixed(1)}%)`);
