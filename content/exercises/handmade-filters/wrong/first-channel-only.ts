// expect-fail: filters.3ch
import * as tf from '@tensorflow/tfjs';

/** 문서의 7×7 필터 두 개: 필터 0은 십자, 필터 1은 가운데 점. 모양 [7, 7, channels, 2]. */
export function makeFilters(channels: number): tf.Tensor4D {
  const filters = tf.buffer([7, 7, channels, 2], 'float32');
  for (let i = 0; i < 7; i++) {
    for (let c = 0; c < channels; c++) {
      filters.set(1, i, 3, c, 0); // filters[:, 3, :, 0] = 1: 세로줄
      filters.set(1, 3, i, c, 0); // filters[3, :, :, 0] = 1: 가로줄
    }
  }
  filters.set(1, 3, 3, 0, 1); // filters[3, 3, :, 1] = 1: 가운데 점
  return filters.toTensor() as tf.Tensor4D;
}

/** 배치 [N, H, W, C]에 두 필터를 적용한 특징 맵 [N, H, W, 2]. */
export function applyFilters(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.conv2d(images, makeFilters(images.shape[3]), 1, 'same'));
}

/** 문서의 Conv2D(filters=16, kernel_size=7, activation='relu')를 만듭니다. */
function documentLayer() {
  return tf.layers.conv2d({ filters: 16, kernelSize: 7, activation: 'relu' });
}

/** [높이, 너비, 채널] 입력에서 그 층의 출력 모양(배치 축 없이). */
export function convolveOutputShape(inputShape: number[]): number[] {
  const shape = documentLayer().computeOutputShape([null, ...inputShape]) as (number | null)[];
  return shape.slice(1) as number[];
}

/** 그 층의 매개변수 수: 7 × 7 × 채널 × 16 가중치와 절편 16개. */
export function convolveParams(inputShape: number[]): number {
  const layer = documentLayer();
  layer.apply(tf.input({ shape: inputShape })); // 가중치를 만듭니다(데이터는 흐르지 않음)
  const count = layer.countParams();
  layer.dispose();
  return count;
}
