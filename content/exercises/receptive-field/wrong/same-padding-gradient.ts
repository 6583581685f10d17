// expect-fail: gradient.2x3
import * as tf from '@tensorflow/tfjs';

export interface LayerGeometry {
  kernel: number;
  stride: number;
}

/** 층들을 지난 출력 하나가 보는 입력 영역의 한 변. */
export function receptiveField(layers: LayerGeometry[]): number {
  let size = 1; // 출력 하나는 자기 자신 한 칸에서 시작합니다.
  let jump = 1; // 이웃한 출력 사이의 거리(입력 화소 단위)
  for (const { kernel, stride } of layers) {
    size += (kernel - 1) * jump;
    jump *= stride;
  }
  return size;
}

/** 가중치 1인 kernel×kernel 컨볼루션 depth개: 출력 하나에 대한 입력의 그레이디언트 (n×n). */
export function centerGradient(depth: number, kernel: number): number[][] {
  const n = 1 + depth * (kernel - 1);
  return tf.tidy(() => {
    const ones = tf.ones([kernel, kernel, 1, 1]) as tf.Tensor4D;
    const stack = (x: tf.Tensor) => {
      let y = x as tf.Tensor4D;
      for (let i = 0; i < depth; i++) y = tf.conv2d(y, ones, 1, 'same');
      return y.sum(); // 출력은 1×1 하나
    };
    const gradient = tf.grad(stack)(tf.zeros([1, n, n, 1]));
    return gradient.reshape([n, n]).arraySync() as number[][];
  });
}
