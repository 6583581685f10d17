/**
 * ReLU's fused gradient on wasm against TF.js's own composition, mul(dy, cast(step(x))): the
 * same float32 results, bit for bit, NaN and −0 included, and the CPU backend's within rounding
 * (there is none: both multiply by 1, 0 or NaN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { fuseReluGradOnWasm, RELU_GRAD, unfuseReluGrad } from './ReluGrad.ts';
import { setSimdEnabled } from './_simd.ts';

beforeAll(async () => {
  await initNodeWasm(); // registers the course's kernels and the fused gradient
});
afterAll(() => fuseReluGradOnWasm());

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30];

/** x and dy of `length` values, random in [−1, 1) with every special value in both. */
function inputs(length: number, seed: number): { x: Float32Array; dy: Float32Array } {
  const random = mulberry32(seed);
  const draw = (offset: number) => Float32Array.from({ length }, (_, i) => (i % 5 === 0 ? SPECIALS[(i / 5 + offset) % SPECIALS.length]! : random() * 2 - 1));
  return { x: draw(0), dy: draw(3) };
}

async function reluGradient(backend: 'cpu' | 'wasm', x: Float32Array, dy: Float32Array, shape: number[]): Promise<{ values: Float32Array; kernels: string[]; leaked: number }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const [xt, dyt] = [tf.tensor(x, shape), tf.tensor(dy, shape)];
  let values: Float32Array = new Float32Array();
  const profile = await tf.profile(async () => {
    const g = tf.grad((v: tf.Tensor) => tf.relu(v))(xt, dyt);
    values = (await g.data()) as Float32Array;
    g.dispose();
  });
  tf.dispose([xt, dyt]);
  return { values, kernels: profile.kernels.map((k) => k.name), leaked: tf.memory().numTensors - before };
}

/** Same bits: NaN equals NaN, and −0 is not 0. */
function expectSameBits(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const differing = Array.from(actual.keys()).filter((i) => !Object.is(actual[i], expected[i]));
  expect(differing.map((i) => [i, actual[i], expected[i]])).toEqual([]);
}

describe('ReLU gradient on wasm', () => {
  // Lengths on either side of the four-float vectors, and one layer's worth.
  const shapes = [[1], [3], [4], [5], [7, 1], [2, 8], [17], [3, 5, 7], [128, 28, 28, 6]];

  it.each(shapes.map((s) => [s.join('×'), s] as const))('%s: bit for bit the stock gradient, and the cpu backend’s', async (_, shape) => {
    const { x, dy } = inputs(shape.reduce((a, b) => a * b, 1), shape.length * 31 + shape[0]!);
    const fused = await reluGradient('wasm', x, dy, shape);
    unfuseReluGrad();
    const stock = await reluGradient('wasm', x, dy, shape);
    fuseReluGradOnWasm();
    const cpu = await reluGradient('cpu', x, dy, shape);
    expect(fused.kernels).toContain(RELU_GRAD);
    expect(fused.kernels).not.toContain('Step');
    expect(stock.kernels).toContain('Step');
    expectSameBits(fused.values, stock.values);
    expectSameBits(fused.values, cpu.values);
    expect(fused.leaked).toBe(0);
  });

  it('leaves the cpu backend, and wasm without the SIMD module, on the stock gradient', async () => {
    const { x, dy } = inputs(9, 5);
    expect((await reluGradient('cpu', x, dy, [9])).kernels).toContain('Step');
    setSimdEnabled(false);
    try {
      const plain = await reluGradient('wasm', x, dy, [9]);
      expect(plain.kernels).toContain('Step');
      expect(plain.kernels).not.toContain(RELU_GRAD);
    } finally {
      setSimdEnabled(true);
    }
  });

  it('has a second derivative: linear in dy with the same mask', async () => {
    const shape = [6];
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2, NaN]);
    const w = tf.tensor1d([1, 2, 3, 4, 5, 6]);
    const through = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const [xb, wb] = [tf.tensor(await x.data(), shape), tf.tensor(await w.data(), shape)];
      // d/d(dy) of Σ w · relu'(x)·dy is w · step(x).
      const g = tf.grad((dy: tf.Tensor) => tf.sum(tf.mul(tf.grad((v: tf.Tensor) => tf.relu(v))(xb, dy), wb)))(tf.onesLike(xb));
      const values = (await g.data()) as Float32Array;
      tf.dispose([xb, wb, g]);
      return values;
    };
    const wasm = await through('wasm');
    expectSameBits(wasm, await through('cpu'));
    expectSameBits(wasm, new Float32Array([0, 0, 0, 4, 5, NaN]));
    tf.dispose([x, w]);
  });
});
