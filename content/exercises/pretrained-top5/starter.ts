import * as tf from '@tensorflow/tfjs';
import { decodePredictions, loadPretrained, loadTrainingData, print, showImages } from 'course';

/** 사진([n, h, w, 3], 0~255)을 course-vgg의 입력([n, 28, 28, 1], 0~1)으로 바꿉니다. */
export function preprocess(photos: tf.Tensor4D): tf.Tensor4D {
  // TODO: 28×28로 줄이고(tf.image.resizeBilinear), 세 채널의 평균으로 한 채널을 만들고, 0~1로 바꾸세요.
  return photos;
}

/** 이미지마다 확률이 큰 5개 부류의 번호. */
export async function top5(photos: tf.Tensor4D): Promise<number[][]> {
  const model = await loadPretrained('course-vgg');
  // TODO: preprocess → model.predict → decodePredictions(확률, 5) → 이미지마다 index 5개
  print(model.name, photos.shape);
  return [];
}

// 훈련 이미지 8장을 224×224 컬러 '사진'(0~255)으로 만들어 봅니다.
const data = await loadTrainingData();
const photos = tf.tidy(() => tf.image.resizeBilinear(data.train.xs, [224, 224]).tile([1, 1, 1, 3]).mul(255)) as tf.Tensor4D;
showImages(photos, { columns: 8, range: [0, 255] });
void decodePredictions;
