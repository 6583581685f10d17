// expect-fail: kernel.values
// Returns the bias (shape [32]) instead of the kernel.
import * as tf from '@tensorflow/tfjs';

/** 첫 번째 합성곱 층의 커널: (3, 3, 1, 32). */
export function firstKernel(model: tf.LayersModel): tf.Tensor {
  const conv = model.layers[0]!;
  return conv.getWeights()[1]!; // [커널, 절편]
}

/** 커널의 [평균, 표준편차]. */
export function kernelStats(model: tf.LayersModel): [number, number] {
  const values = firstKernel(model).dataSync();
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return [mean, Math.sqrt(squares / values.length)];
}

/** 최솟값~최댓값을 bins개의 같은 구간으로 나눈 개수. */
export function kernelHistogram(model: tf.LayersModel, bins: number): number[] {
  const values = firstKernel(model).dataSync();
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const bin = Math.min(Math.floor(((v - min) / (max - min)) * bins), bins - 1); // 최댓값은 마지막 구간
    counts[bin]! += 1;
  }
  return counts;
}
