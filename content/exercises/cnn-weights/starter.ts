import * as tf from '@tensorflow/tfjs';

/** 첫 번째 합성곱 층의 커널: (3, 3, 1, 32). */
export function firstKernel(model: tf.LayersModel): tf.Tensor {
  const conv = model.layers[0]!;
  // TODO: conv.getWeights()는 [커널, 절편]입니다.
  return conv.getWeights()[1]!;
}

/** 커널의 [평균, 표준편차]. */
export function kernelStats(model: tf.LayersModel): [number, number] {
  const values = firstKernel(model).dataSync();
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  // TODO: 표준편차 = √(편차 제곱의 평균)
  return [mean, 0];
}

/** 최솟값~최댓값을 bins개의 같은 구간으로 나눈 개수. */
export function kernelHistogram(model: tf.LayersModel, bins: number): number[] {
  const values = firstKernel(model).dataSync();
  const counts = new Array<number>(bins).fill(0);
  // TODO: 각 값이 몇 번째 구간에 드는지 세세요. 최댓값은 마지막 구간에 넣습니다.
  counts[0] = values.length;
  return counts;
}
