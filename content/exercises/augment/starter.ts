import * as tf from '@tensorflow/tfjs';
import { loadTrainingData, showImages } from 'course';

/** 케라스 ImageDataGenerator의 설정과 같은 뜻의 값들. */
export interface AugmentOptions {
  /** 최대 회전 각도(도): rotation_range */
  rotation: number;
  /** 확대·축소 비율: zoom_range (가로·세로 배율을 각각 1 ± zoom에서 뽑음) */
  zoom: number;
  /** 최대 기울임 각도(도): shear_range */
  shear: number;
  /** 너비에 대한 최대 가로 이동 비율: width_shift_range */
  widthShift: number;
  /** 높이에 대한 최대 세로 이동 비율: height_shift_range */
  heightShift: number;
  /** 절반의 확률로 좌우 반전: horizontal_flip */
  horizontalFlip: boolean;
}

/** 시드가 같으면 같은 수열을 내는 난수 (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 이미지 묶음 [n, h, w, c]를 무작위로 회전·확대·기울임·이동·반전합니다. 이미지 순서는 그대로입니다.
 * tf.image.transform은 출력 좌표 (x, y)마다 입력의 어느 점을 읽을지 정하는 행렬 [a0 a1 a2; b0 b1 b2]를 받습니다.
 */
export function augment(images: tf.Tensor4D, options: AugmentOptions, seed: number): tf.Tensor4D {
  const [n, height, width] = images.shape;
  const next = random(seed);
  const uniform = (range: number) => (next() * 2 - 1) * range;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const transforms: number[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (uniform(options.rotation) * Math.PI) / 180;
    // TODO: 회전 말고도 기울임(shear), 확대(zoom), 이동(widthShift, heightShift)을 행렬에 넣으세요.
    //       지금 행렬은 각도를 뽑기만 하고 아무것도 바꾸지 않는 항등 변환입니다.
    void angle;
    transforms.push(1, 0, 0, 0, 1, 0, 0, 0);
  }
  void cx;
  void cy;
  // TODO: options.horizontalFlip이면 이미지마다 절반의 확률로 tf.image.flipLeftRight를 적용하세요.
  return tf.image.transform(images, tf.tensor2d(transforms, [n, 8]), 'bilinear', 'nearest');
}

/** 문서 001의 설정 */
export const DOCUMENT_OPTIONS: AugmentOptions = { rotation: 10, zoom: 0.1, shear: 0.5, widthShift: 0.1, heightShift: 0.1, horizontalFlip: true };

// 원본처럼 첫 번째 훈련 이미지 하나를 100번 증강해 10×10 격자로 봅니다.
const data = await loadTrainingData();
const first = data.train.xs.slice([0, 0, 0, 0], [1, 28, 28, 1]);
showImages(augment(first.tile([100, 1, 1, 1]), DOCUMENT_OPTIONS, 1), { title: '같은 이미지를 100번 증강한 결과', columns: 10 });
