import * as tf from '@tensorflow/tfjs';

/** 표준 소벨 커널 [Gx, Gy]: Gx는 왼쪽 → 오른쪽, Gy는 위 → 아래로 밝아질 때 양수입니다. */
export function sobelKernels(): [number[][], number[][]] {
  // TODO: 세로 경계에 반응하는 Gx를 채우세요. 왼쪽 열은 음수, 오른쪽 열은 양수, 가운데 줄은 2배입니다.
  const gx = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  // TODO: 가로 경계에 반응하는 Gy를 채우세요.
  const gy = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  return [gx, gy];
}

/** [N, H, W, 1] 영상의 그레이디언트: 채널 0이 Gx, 채널 1이 Gy인 [N, H, W, 2]. */
export function gradients(images: tf.Tensor4D): tf.Tensor4D {
  const [gx] = sobelKernels();
  return tf.tidy(() => {
    // TODO: 필터를 Gx와 Gy 두 개로 늘리세요. 모양은 [높이, 너비, 입력 채널, 필터 수] = [3, 3, 1, 2]입니다.
    const filters = tf.tensor4d(gx.flat(), [3, 3, 1, 1]);
    // TODO: 출력의 높이·너비가 입력과 같도록 패딩을 고르세요.
    return tf.conv2d(images, filters, 1, 'valid');
  });
}

/** 그레이디언트의 크기 √(Gx² + Gy²): [N, H, W, 1]. */
export function edgeMagnitude(images: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const g = gradients(images);
    // TODO: 채널마다 제곱해 더한 뒤 제곱근을 구하세요(결과의 채널 축은 1).
    return tf.abs(g);
  });
}
