// expect-fail: ascent.budget
// Returns the start image twice as bright: most filters respond more, but no gradient was followed.
import * as tf from '@tensorflow/tfjs';
import { loadPretrained, print, showImages } from 'course';

/** layerName 층의 filterIndex번 필터가 내는 활성화의 평균: 경사 상승법이 키울 값. */
function filterMean(layerModel: tf.LayersModel, filterIndex: number, x: tf.Tensor4D): tf.Scalar {
  const maps = layerModel.apply(x) as tf.Tensor4D; // [1, 높이, 너비, 필터 수]
  // tf.gather 대신 tf.slice: wasm 백엔드에는 gather의 기울기 커널이 없습니다.
  return tf.slice(maps, [0, 0, 0, filterIndex], [-1, -1, -1, 1]).mean() as tf.Scalar;
}

/** 입력 이미지를 바꿔 가며(경사 상승법) 한 필터의 평균 활성화를 키운 이미지. */
export function filterAscent(model: tf.LayersModel, layerName: string, filterIndex: number, start: tf.Tensor4D, steps: number, stepSize: number): tf.Tensor4D {
  // 입력에서 그 층의 출력까지만 잇는 모델(가중치는 원래 모델과 공유).
  const layerModel = tf.model({ inputs: model.inputs, outputs: model.getLayer(layerName).output as tf.SymbolicTensor });
  const gradient = tf.grad((x: tf.Tensor) => filterMean(layerModel, filterIndex, x as tf.Tensor4D));
  let image = start.clone();
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => {
      const g = gradient(image);
      // 기울기를 RMS(제곱 평균의 제곱근)로 나눠 크기를 1로 맞춥니다: 한 스텝에 움직이는 양이 stepSize로 일정해집니다.
      const normalized = g.div(g.square().mean().sqrt().add(1e-5));
      return image.add(normalized.mul(stepSize)); // 상승: 기울기 방향으로 더합니다
    });
    image.dispose();
    image = next as tf.Tensor4D;
  }
  image.dispose();
  return start.mul(2) as tf.Tensor4D;
}

/** 채점기가 부르는 함수: 모델을 이름으로 불러 filterAscent를 실행합니다. */
export async function filterAscentByName(modelName: string, layerName: string, filterIndex: number, start: tf.Tensor4D, steps: number, stepSize: number): Promise<tf.Tensor4D> {
  const model = await loadPretrained(modelName);
  return filterAscent(model, layerName, filterIndex, start, steps, stepSize);
}

/** 보기 좋게: 평균 0, 표준편차 0.1로 맞춘 뒤 0.5를 더하고 0~1로 자릅니다. */
export function deprocess(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x);
    const standardized = x.sub(mean).div(variance.sqrt().add(1e-5));
    return standardized.mul(0.1).add(0.5).clipByValue(0, 1);
  });
}

// course-vgg의 block3_conv1에서 필터 8개가 가장 크게 반응하는 패턴을 그립니다.
const model = await loadPretrained('course-vgg');
const start = tf.randomUniform([1, 28, 28, 1], 0, 0.08, 'float32', 7).add(0.5) as tf.Tensor4D; // 회색 + 약한 잡음
const patterns: tf.Tensor[] = [];
for (let f = 0; f < 8; f++) {
  const pattern = filterAscent(model, 'block3_conv1', f, start, 40, 0.01);
  patterns.push(deprocess(pattern));
  pattern.dispose();
}
print('block3_conv1 필터 0–7, 40스텝 × 0.01');
showImages(tf.concat(patterns), { title: 'block3_conv1 필터 0–7이 반응하는 패턴', columns: 8, range: [0, 1] });
