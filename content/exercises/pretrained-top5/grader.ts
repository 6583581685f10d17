import type * as tfCore from '@tensorflow/tfjs-core';
import { expectValues } from '../../../graders/checks.ts';
import { defineGrader, type GradingContext } from '../../../graders/types.ts';

/**
 * Document 004 (CNN 모델의 발전): every ImageNet demo there loads a photo at the model's input size
 * (224, 299, 331 or 240), preprocesses it, predicts and decodes the top 5. Here the model is the
 * course's `course-vgg` (28×28×1 in [0, 1], eight Fashion-MNIST classes). The photos are drawn by
 * this file (RGB, 0–255, not the model's size); the grader preprocesses them itself and runs the
 * same model, so nothing is stored but the drawing.
 */
const HEIGHT = 42;
const WIDTH = 30;

/** Two small RGB "photos", 0–255: trousers (two legs under a waistband) and a bag (a body with a handle). */
function drawPhotos(): { shape: number[]; values: number[] } {
  const values: number[] = [];
  const tint = [1, 0.85, 0.7]; // not grey: the channels differ, so the channel mean matters
  const trousers = (y: number, x: number) => (y >= 3 && y <= 7 && x >= 6 && x <= 23) || (y > 7 && y <= 39 && ((x >= 6 && x <= 13) || (x >= 16 && x <= 23)));
  const bag = (y: number, x: number) => {
    const body = y >= 16 && y <= 38 && x >= 3 && x <= 26;
    const r = Math.hypot((y - 16) / 12, (x - 14.5) / 8);
    return body || (y < 16 && r >= 0.75 && r <= 1);
  };
  for (const shape of [trousers, bag]) {
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const v = shape(y, x) ? 200 + ((x * 7 + y * 3) % 40) : 12;
        for (const t of tint) values.push(Math.round(v * t));
      }
    }
  }
  return { shape: [2, HEIGHT, WIDTH, 3], values };
}

const PHOTOS = { $tensor: drawPhotos() };

/** The preprocessing the task asks for: resize to the model's 28×28, mean of the channels, 0–1. */
function preprocessed({ tf }: GradingContext): tfCore.Tensor4D {
  return tf.tidy(() => {
    const photos = tf.tensor4d(PHOTOS.$tensor.values, PHOTOS.$tensor.shape as [number, number, number, number]);
    return tf.div(tf.mean(tf.image.resizeBilinear(photos, [28, 28]), 3, true), 255) as tfCore.Tensor4D;
  });
}

export default defineGrader({
  checks: [
    expectValues({
      id: 'preprocess.values',
      title: `전처리: (2, ${HEIGHT}, ${WIDTH}, 3) 사진(0~255) → 28×28로 줄이고, 채널 평균, 0~1`,
      call: { name: 'preprocess', args: [PHOTOS] },
      expected: (context) => {
        const x = preprocessed(context);
        const result = { shape: x.shape, values: x.dataSync() };
        x.dispose();
        return result;
      },
      tolerance: 1e-4,
      hint: 'course-vgg의 입력은 28×28×1, 0~1입니다. tf.image.resizeBilinear(사진, [28, 28]) → 세 채널의 평균(keepDims) → 255로 나누기(ImageNet 모델의 preprocess_input에 해당하는 단계).',
    }),
    expectValues({
      id: 'top5',
      title: '상위 5개 부류 (course-vgg)',
      call: { name: 'top5', args: [PHOTOS] },
      expected: async (context) => {
        const model = await context.loadPretrained('course-vgg');
        const x = preprocessed(context);
        const { tf } = context;
        const indices = tf.tidy(() => tf.topk(model.predict(x) as tfCore.Tensor2D, 5).indices.arraySync());
        x.dispose();
        model.dispose();
        return indices;
      },
      tolerance: 0,
      hint: '전처리한 이미지를 model.predict에 넣고, decodePredictions(확률, 5)의 index를 이미지마다 확률이 큰 순서대로 반환하세요.',
    }),
  ],
});
