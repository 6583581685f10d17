// expect-fail: flow.seeded
// Draws its seed from Math.random, so the same seed gives other images and a run cannot be repeated.
import * as tf from '@tensorflow/tfjs';
import { loadTrainingData, showImages } from 'course';

/** 케라스 ImageDataGenerator의 설정과 같은 뜻의 값들 (building-blocks의 '데이터 증강 함수 만들기' 실습과 같음). */
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
 * 이미지 묶음 [n, h, w, c]를 무작위로 회전·확대·기울임·이동·반전합니다(빈 곳은 가장자리 값: fill_mode='nearest').
 * 이미지 순서는 그대로이고, 같은 seed는 같은 결과를 냅니다. 이 함수는 완성되어 있습니다.
 */
export function augment(images: tf.Tensor4D, options: AugmentOptions, seed: number): tf.Tensor4D {
  const [n, height, width] = images.shape;
  const next = random(seed);
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

/**
 * 문서의 train_datagen 설정. shear는 지금의 케라스처럼 도 단위로 읽습니다(0.2°).
 * 좌우 반전은 문서대로 켜 둡니다. 티셔츠/탑 vs. 셔츠에서 코스가 재 보니 켜도 꺼도 뚜렷한 차이가 없었습니다(레슨의 표).
 */
export const TRAIN_OPTIONS: AugmentOptions = { rotation: 40, widthShift: 0.2, heightShift: 0.2, shear: 0.2, zoom: 0.2, horizontalFlip: true };

export type Split = 'train' | 'validation' | 'test';

/**
 * 문서의 두 제너레이터(train_datagen, test_datagen)를 함수 하나로: [이미지, 레이블] 배치를 돌려줍니다.
 * images는 이미 0~1로 맞춘 이미지(rescale=1/255를 마친 것), labels는 그 레이블, seed는 증식의 시드입니다.
 */
export function flow(images: tf.Tensor4D, labels: tf.Tensor1D, split: Split, seed: number): [tf.Tensor4D, tf.Tensor1D] {
  if (split !== 'train') return [images, labels];
  void seed;
  return [augment(images, TRAIN_OPTIONS, Math.floor(Math.random() * 2 ** 32)), labels];
}

// 훈련 이미지 8장을 한 배치로: 훈련용(증식)과 검증용(그대로)을 나란히 봅니다.
const data = await loadTrainingData();
const batch = data.train.xs.slice([0, 0, 0, 0], [8, 28, 28, 1]) as tf.Tensor4D;
const labels = data.train.ys.slice([0], [8]) as tf.Tensor1D;
for (const epoch of [1, 2]) {
  const [xs] = flow(batch, labels, 'train', epoch);
  showImages(xs, { title: `훈련 배치 (에포크 ${epoch})`, columns: 8, range: [0, 1] });
}
const [validationXs] = flow(batch, labels, 'validation', 1);
showImages(validationXs, { title: '검증 배치', columns: 8, range: [0, 1] });
