import * as tf from '@tensorflow/tfjs';

// 캔버스 image는 200행 × 520열(image[y][x]), 흰 바탕 255에 검은 글씨 0입니다. 문서의 img[:, :, 0]과 같습니다.

/** 1) i번째 칸(0부터)의 안쪽: 문서의 img[51:149, 11+i*100 : 9+(i+1)*100] → 98행 × 98열. */
export function cropBox(image: number[][], i: number): number[][] {
  // TODO: 행 51~148과 열 (11 + i*100)~(8 + (i+1)*100)을 잘라 내세요.
  //       slice(a, b)는 파이썬의 a:b처럼 b를 포함하지 않습니다.
  return image.slice(0, 98).map((row) => row.slice(i * 100, i * 100 + 98));
}

/** 2) grab_numerals(): 다섯 칸을 잘라 28 × 28로 줄이고 255 − 값으로 반전합니다 → [5][28][28]. */
export function grabNumerals(image: number[][]): number[][][] {
  const numerals: number[][][] = [];
  for (let i = 0; i < 5; i++) {
    const roi = resizeCubic(cropBox(image, i), 28, 28); // cv.resize(roi, (28, 28), interpolation=cv.INTER_CUBIC)
    // TODO: MNIST처럼 검은 바탕에 흰 글씨가 되도록 각 값을 255 − 값으로 바꾸세요.
    numerals.push(roi);
  }
  return numerals;
}

/** 3) recognition()의 입력: numerals.reshape(5, 28, 28, 1).astype(np.float32) / 255.0 */
export function toModelInput(numerals: number[][][]): tf.Tensor4D {
  // TODO: 값을 0~1로 맞추세요(255로 나누기).
  return tf.tensor4d(numerals.flat(2), [numerals.length, 28, 28, 1]);
}

/**
 * `cv.resize(src, (width, height), interpolation=cv.INTER_CUBIC)`: 코스가 제공하는 함수입니다. 고치지 마세요.
 * 출력 픽셀의 중심을 원본 좌표 (x + 0.5)·(원본 크기 / 출력 크기) − 0.5에 놓고, 가까운 4 × 4 픽셀을
 * a = −0.75인 3차 함수의 가중치로 섞습니다. OpenCV처럼 가중치를 2048배한 정수로 계산하고 마지막에 한 번 반올림합니다.
 */
export function resizeCubic(src: number[][], width: number, height: number): number[][] {
  const a = -0.75;
  const taps = (from: number, to: number) =>
    Array.from({ length: to }, (_, d) => {
      const at = (d + 0.5) * (from / to) - 0.5;
      const start = Math.floor(at);
      const t = at - start;
      const w = [((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a, ((a + 2) * t - (a + 3)) * t * t + 1, ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1];
      w.push(1 - w[0]! - w[1]! - w[2]!);
      return { start: start - 1, weights: w.map((v) => Math.round(v * 2048)) };
    });
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const xs = taps(src[0]!.length, width);
  const ys = taps(src.length, height);
  // 가로 방향: 원본의 각 행을 width개의 값으로 (정수, 2048배)
  const rows = src.map((row) => xs.map(({ start, weights }) => weights.reduce((sum, w, k) => sum + row[clamp(start + k, row.length)]! * w, 0)));
  // 세로 방향: 네 행을 섞은 뒤 2048 × 2048로 나눠 반올림하고 0~255로 자릅니다.
  return ys.map(({ start, weights }) =>
    xs.map((_, x) => {
      const sum = weights.reduce((s, w, k) => s + rows[clamp(start + k, src.length)]![x]! * w, 0);
      return Math.min(255, Math.max(0, Math.floor((sum + 2 ** 21) / 2 ** 22)));
    }),
  );
}
