// expect-fail: kernels
import * as tf from '@tensorflow/tfjs';

/** 표준 소벨 커널 [Gx, Gy]: Gx는 왼쪽 → 오른쪽, Gy는 위 → 아래로 밝아질 때 양수입니다. */
export function sobelKernels(): [number[][], number[][]] {
  const gx = [
    [1, 0, -1],
    [2, 0, -2],
    [1, 0, -1],
  ];
  // Gy는 Gx를 전치한 것입니다: 가운데 열 대신 가운데 줄이 2배입니다.
  const gy = [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ];
  return [gx, gy];
}

/** [N, H, W, 1] 영상의 그레이디언트: 채널 0이 Gx, 채널 1이 Gy인 [N, H, W, 2]. */
export function gradients(images: tf.Tensor4D): tf.Tensor4D {
  const [gx, gy] = sobelKernels();
  return tf.tidy(() => {
    // 필터 텐서의 모양은 [높이, 너비, 입력 채널, 필터 수]: 위치 (a, b)마다 [Gx 값, Gy 값]을 둡니다.
    const filters = tf.tensor4d(gx.flatMap((row, a) => row.flatMap((v, b) => [v, gy[a]![b]!])), [3, 3, 1, 2]);
    return tf.conv2d(images, filters, 1, 'same');
  });
}

/** 그레이디언트의 크기 √(Gx² + Gy²): [N, H, W, 1]. */
export function edgeMagnitude(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const g = gradients(images);
    // 두 채널을 제곱해 더하는 것은 채널 축(3)의 합입니다. keepDims로 채널 축 1을 남깁니다.
    return tf.sqrt(tf.sum<tf.Tensor4D>(tf.square(g), 3, true));
  });
}
