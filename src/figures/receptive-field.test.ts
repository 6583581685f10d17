import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { centerGradient, centralShare, pathProfile, profileSpread, receptiveField } from './receptive-field.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** ∂y/∂x of the single output of `depth` valid k×k all-ones convolutions, by tf.grad. */
function tfGradient(depth: number, kernel: number): number[][] {
  const n = 1 + depth * (kernel - 1);
  return tf.tidy(() => {
    const ones = tf.ones([kernel, kernel, 1, 1]) as tf.Tensor4D;
    const f = (x: tf.Tensor) => {
      let y = x as tf.Tensor4D;
      for (let i = 0; i < depth; i++) y = tf.conv2d(y, ones, 1, 'valid');
      return tf.sum(y);
    };
    const g = tf.grad(f)(tf.zeros([1, n, n, 1]));
    return tf.squeeze(g).arraySync() as number[][];
  });
}

describe('receptive fields for the figure', () => {
  it('the effective field is the gradient tf.grad gives for all-ones kernels', () => {
    for (const [depth, kernel] of [[1, 3], [3, 3], [2, 5]] as const) expect(centerGradient(depth, kernel)).toEqual(tfGradient(depth, kernel));
  });

  it('the theoretical field: two 3×3 layers see 5×5, strides multiply the growth', () => {
    expect(receptiveField([{ kernel: 3, stride: 1 }])).toBe(3);
    expect(receptiveField([{ kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }])).toBe(5);
    // LeNet-style: conv5, pool2, conv5, pool2
    expect(receptiveField([{ kernel: 5, stride: 1 }, { kernel: 2, stride: 2 }, { kernel: 5, stride: 1 }, { kernel: 2, stride: 2 }])).toBe(16);
  });

  it('grows linearly in size but only as the square root in spread, and gathers in the middle', () => {
    expect(pathProfile(2, 3)).toEqual([1, 2, 3, 2, 1]);
    const spreads = [1, 4, 16].map((depth) => profileSpread(pathProfile(depth, 3)));
    // Box of width 3: variance 2/3 per layer, so σ = √(2L/3).
    spreads.forEach((s, i) => expect(s).toBeCloseTo(Math.sqrt((2 * [1, 4, 16][i]!) / 3), 10));
    // Eight 3×3 layers see 17×17; the middle 9×9 (28% of the area) holds over 85% of the gradient.
    expect(centralShare(pathProfile(8, 3))).toBeGreaterThan(0.85);
    expect(centralShare(new Array(17).fill(1))).toBeCloseTo((9 / 17) ** 2, 10);
  });
});
