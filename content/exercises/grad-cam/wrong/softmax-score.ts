// expect-fail: cam.match
// Differentiates the softmax probability, as the book's Keras code does: near 1 its gradient fades and the map changes.
import * as tf from '@tensorflow/tfjs';
import { decodePredictions, loadPretrained, loadTrainingData, print, showImages } from 'course';

/**
 * 모델을 layerName 층에서 둘로 나눕니다. head: 입력 → 그 층의 특성 맵.
 * classScores: 특성 맵 → 소프트맥스 직전의 클래스 점수(마지막 Dense 층을 활성화 함수 없이 계산).
 * TF.js의 tf.grad는 함수의 입력에 대한 기울기를 구하므로, 특성 맵을 입력으로 받는 함수가 필요합니다.
 */
function splitAt(model: tf.LayersModel, layerName: string) {
  const index = model.layers.indexOf(model.getLayer(layerName));
  const head = tf.model({ inputs: model.inputs, outputs: model.layers[index]!.output as tf.SymbolicTensor });
  const rest = model.layers.slice(index + 1); // 풀링, Flatten, Dense, 드롭아웃(추론 때는 그대로 통과), 마지막 Dense
  const last = rest[rest.length - 1]!;
  const classScores = (maps: tf.Tensor): tf.Tensor2D => {
    let x = maps;
    for (const layer of rest.slice(0, -1)) x = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = last.getWeights();
    void kernel; void bias;
    return last.apply(x) as tf.Tensor2D;
  };
  return { head, classScores };
}

/** Grad-CAM: classIndex 클래스에 대해 layerName 층의 특성 맵 위치마다 얼마나 기여했는지, [높이, 너비], 0~1. */
export function gradCam(model: tf.LayersModel, image: tf.Tensor4D, classIndex: number, layerName: string): tf.Tensor2D {
  const { head, classScores } = splitAt(model, layerName);
  return tf.tidy(() => {
    const maps = head.predict(image) as tf.Tensor4D; // [1, 높이, 너비, 채널]
    // 그 클래스의 점수 하나. tf.gather 대신 tf.slice: wasm 백엔드에는 gather의 기울기 커널이 없습니다.
    const score = (m: tf.Tensor) => tf.slice(classScores(m), [0, classIndex], [1, 1]).sum() as tf.Scalar;
    const grads = tf.grad(score)(maps); // 특성 맵의 값마다 점수에 대한 기울기: [1, 높이, 너비, 채널]
    const weights = grads.mean([0, 1, 2]); // 채널마다 기울기의 평균 = 채널의 중요도: [채널]
    const cam = maps.mul(weights).sum(-1).squeeze([0]).relu(); // 중요도로 가중합한 맵, 양수만: [높이, 너비]
    return cam.div(cam.max().add(1e-10)) as tf.Tensor2D; // 가장 큰 값을 1로
  });
}

/** 채점기가 부르는 함수: 모델을 이름으로 불러 gradCam을 실행합니다. */
export async function gradCamByName(modelName: string, image: tf.Tensor4D, classIndex: number, layerName: string): Promise<tf.Tensor2D> {
  const model = await loadPretrained(modelName);
  return gradCam(model, image, classIndex, layerName);
}

/** 히트맵을 course-vgg의 입력 크기로 키워 이미지에 겹칩니다(파랑 = 0, 빨강 = 1). */
function overlay(image: tf.Tensor4D, cam: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    // course-vgg는 첫 층(input_pad)에서 28×28을 32×32로 늘리므로, 32×32로 키운 뒤 테두리 2픽셀을 잘라냅니다.
    const [height, width] = cam.shape.slice(-2);
    const big = tf.image.resizeBilinear(cam.reshape([1, height!, width!, 1]) as tf.Tensor4D, [32, 32]);
    const heat = big.slice([0, 2, 2, 0], [1, 28, 28, 1]);
    const colour = tf.concat([heat, tf.zerosLike(heat), tf.onesLike(heat).sub(heat)], 3);
    return image.tile([1, 1, 1, 3]).mul(0.6).add(colour.mul(0.4)) as tf.Tensor4D;
  });
}

// 훈련 이미지 8장마다 course-vgg가 가장 높게 본 클래스의 히트맵(block4_conv2, 4×4)을 겹쳐 그립니다.
const data = await loadTrainingData();
const model = await loadPretrained('course-vgg');
const top = decodePredictions(model.predict(data.train.xs) as tf.Tensor, 1);
const overlays: tf.Tensor4D[] = [];
for (let i = 0; i < 8; i++) {
  const image = data.train.xs.slice([i, 0, 0, 0], [1, 28, 28, 1]) as tf.Tensor4D;
  const cam = gradCam(model, image, top[i]![0]!.index, 'block4_conv2');
  overlays.push(overlay(image, cam));
  if (i === 0) print('첫 이미지의 히트맵 (4×4):', cam);
}
showImages(data.train.xs, { title: '훈련 이미지 (정답)', columns: 8, labels: Array.from(data.train.ys.dataSync(), (y) => data.classNames[y]!), range: [0, 1] });
showImages(tf.concat(overlays), { title: 'course-vgg의 1위 클래스와 Grad-CAM 히트맵', columns: 8, labels: top.map((p) => p[0]!.ko), range: [0, 1] });
