import * as tf from '@tensorflow/tfjs';

export interface LayerGeometry {
  kernel: number;
  stride: number;
}

/** 층들을 지난 출력 하나가 보는 입력 영역의 한 변. */
export function receptiveField(layers: LayerGeometry[]): number {
  let size = 1;
  for (const { kernel } of layers) {
    // TODO: 앞선 층들의 보폭을 곱한 간격(jump)을 반영하세요. 지금은 보폭 1일 때만 맞습니다.
    size += kernel - 1;
  }
  return size;
}

/** 가중치 1인 kernel×kernel 컨볼루션 depth개: 출력 하나에 대한 입력의 그레이디언트 (n×n). */
export function centerGradient(depth: number, kernel: number): number[][] {
  const n = 1 + depth * (kernel - 1);
  // TODO: tf.grad로 층을 쌓은 함수의 그레이디언트를 구하세요. 지금은 모든 화소가 같은 무게라고 가정합니다.
  return tf.tidy(() => tf.ones([n, n]).arraySync() as number[][]);
}
