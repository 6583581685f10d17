import * as tf from '@tensorflow/tfjs';
import { decodePredictions, loadPretrained, loadTrainingData, print, showImages } from 'course';

/** 사진([n, h, w, 3], 0~255)을 course-vgg의 입력([n, 28, 28, 1], 0~1)으로 바꿉니다. */
export function preprocess(photos: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(photos, [28, 28]); // load_img(target_size=…)에 해당
    const gray = resized.mean(3, true); // RGB → 흑백 한 채널
    return gray.div(255) as tf.Tensor4D; // preprocess_input에 해당: course-vgg는 0~1로 학습했습니다
  });
}

/** 이미지마다 확률이 큰 5개 부류의 번호. */
export async function top5(photos: tf.Tensor4D): Promise<number[][]> {
  const model = await loadPretrained('course-vgg');
  const x = preprocess(photos);
  const probabilities = model.predict(x) as tf.Tensor2D;
  const ranked = decodePredictions(probabilities, 5);
  tf.dispose([x, probabilities]);
  return ranked.map((classes) => classes.map((c) => c.index));
}

// 훈련 이미지 8장을 224×224 컬러 '사진'(0~255)으로 만들어 분류해 봅니다.
const data = await loadTrainingData();
const photos = tf.tidy(() => tf.image.resizeBilinear(data.train.xs, [224, 224]).tile([1, 1, 1, 3]).mul(255)) as tf.Tensor4D;
const model = await loadPretrained('course-vgg');
const input = preprocess(photos);
const ranked = decodePredictions(model.predict(input) as tf.Tensor2D, 5);
ranked.forEach((classes, i) => print(`사진 ${i + 1}: ` + classes.map((c) => `${c.ko} ${c.probability.toFixed(3)}`).join(', ')));
showImages(input, { columns: 8, labels: ranked.map((classes) => classes[0]!.ko), range: [0, 1] });
