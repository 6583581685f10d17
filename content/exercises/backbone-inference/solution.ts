import * as tf from '@tensorflow/tfjs';
import { decodePredictions, loadPretrained, loadTrainingData, print, showImages } from 'course';

// model = ResNet50(weights='imagenet')
const model = await loadPretrained('course-vgg');
const data = await loadTrainingData();
const images = data.train.xs; // 8장, 28×28×1, 0~1 (course-vgg가 받는 그대로라 preprocess_input이 필요 없습니다)

// preds = model.predict(x); top5 = decode_predictions(preds, top=5)
const predictions = model.predict(images) as tf.Tensor2D;
const top5 = decodePredictions(predictions, 5);

const labels = await data.train.ys.array();
top5.forEach((ranked, i) => {
  const truth = data.classNames[labels[i]!];
  print(`이미지 ${i + 1} (정답: ${truth}): ` + ranked.map((p) => `${p.ko} ${p.probability.toFixed(4)}`).join(', '));
});
showImages(images, { columns: 8, labels: top5.map((ranked) => ranked[0]!.ko), range: [0, 1] });
predictions.dispose();
