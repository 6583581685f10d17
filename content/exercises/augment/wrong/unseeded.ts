// expect-fail: augment.seeded
// Draws from Math.random, so the same seed gives different images.
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
  const next = Math.random;
  void random;
  void seed;
  const uniform = (range: number) => (next() * 2 - 1) * range;
  const degrees = Math.PI / 180;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const transforms: number[] = [];
  const flips: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const angle = uniform(options.rotation) * degrees;
    const shear = uniform(options.shear) * degrees;
    const zx = 1 + uniform(options.zoom);
    const zy = 1 + uniform(options.zoom);
    const tx = uniform(options.widthShift) * width;
    const ty = uniform(options.heightShift) * height;
    flips.push(options.horizontalFlip && next() < 0.5);
    // 출력 → 입력 방향: 중심 기준으로 회전·기울임 뒤 배율을 곱하고, 이동만큼 옮긴 곳을 읽습니다.
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const a0 = cos * zx;
    const a1 = (-sin + Math.tan(shear) * cos) * zy;
    const b0 = sin * zx;
    const b1 = (cos + Math.tan(shear) * sin) * zy;
    transforms.push(a0, a1, cx - a0 * cx - a1 * cy + tx, b0, b1, cy - b0 * cx - b1 * cy + ty, 0, 0);
  }
  return tf.tidy(() => {
    const moved = tf.image.transform(images, tf.tensor2d(transforms, [n, 8]), 'bilinear', 'nearest');
    if (!flips.includes(true)) return moved;
    const mask = tf.tensor1d(flips.map(Number)).reshape([n, 1, 1, 1]).cast('bool').tile([1, height, width, images.shape[3]]);
    return tf.where(mask, tf.image.flipLeftRight(moved), moved);
  });
}

/** 문서 001의 설정 */
export const DOCUMENT_OPTIONS: AugmentOptions = { rotation: 10, zoom: 0.1, shear: 0.5, widthShift: 0.1, heightShift: 0.1, horizontalFlip: true };

// 원본처럼 첫 번째 훈련 이미지 하나를 100번 증강해 10×10 격자로 봅니다.
const data = await loadTrainingData();
const first = data.train.xs.slice([0, 0, 0, 0], [1, 28, 28, 1]);
showImages(augment(first.tile([100, 1, 1, 1]), DOCUMENT_OPTIONS, 1), { title: '같은 이미지를 100번 증강한 결과', columns: 10 });
