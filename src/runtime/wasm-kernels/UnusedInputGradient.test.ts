/**
 * The fused convolution's gradient on wasm with and without x's gradient read: the filter's and
 * the bias's match the CPU backend either way, x's where it is asked for, and only the gradient
 * nothing reads is skipped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { skippedInputGradients } from './UnusedInputGradient.ts';

beforeAll(async () => {
  await initNodeWasm(); // registers the course's kernels and wraps the tape
});

const random = (length: number, seed: number) => {
  const next = mulberry32(seed);
  return Float32Array.from({ length }, () => next() * 2 - 1);
};

const X_SHAPE: [number, number, number, number] = [2, 9, 9, 1];
const W_SHAPE: [number, number, number, number] = [3, 3, 1, 8];
const x = random(2 * 9 * 9, 1);
const w = random(9 * 8, 2);
const b = random(8, 3);

/**
 * Gradients of a fused convolution (bias, no activation: what tfjs-layers runs for such a layer
 * while training) followed by a ReLU and a sum of squares, with respect to `wrt`.
 */
async function gradients(backend: 'cpu' | 'wasm', wrt: ('x' | 'filter' | 'bias')[]): Promise<Record<string, Float32Array>> {
  await tf.setBackend(backend);
  const tensors = { x: tf.tensor4d(x, X_SHAPE), filter: tf.tensor4d(w, W_SHAPE), bias: tf.tensor1d(b) };
  const loss = (...args: tf.Tensor[]) => {
    const given = Object.fromEntries(wrt.map((name, i) => [name, args[i]!]));
    const { x: xt, filter, bias } = { ...tensors, ...given } as typeof tensors;
    return tf.sum(tf.square(tf.relu(tf.fused.conv2d({ x: xt, filter, bias, strides: 1, pad: 'same' }))));
  };
  const grads = tf.grads(loss)(wrt.map((name) => tensors[name]));
  const values = Object.fromEntries(await Promise.all(wrt.map(async (name, i) => [name, (await grads[i]!.data()) as Float32Array] as const)));
  tf.dispose([...grads, ...Object.values(tensors)]);
  return values;
}

function expectClose(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  const scale = Math.max(1, ...Array.from(want, Math.abs));
  const worst = Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]!)));
  expect(worst / scale).toBeLessThan(1e-5);
}

describe('the fused convolution\'s input gradient on wasm', () => {
  it('is skipped where nothing reads it, and the filter\'s and bias\'s still match cpu', async () => {
    const cpu = await gradients('cpu', ['filter', 'bias']);
    const before = skippedInputGradients();
    const got = await gradients('wasm', ['filter', 'bias']);
    expect(skippedInputGradients()).toBe(before + 1);
    expectClose(got.filter!, cpu.filter!);
    expectClose(got.bias!, cpu.bias!);
  });

  it('is computed where it is read', async () => {
    const cpu = await gradients('cpu', ['x', 'filter', 'bias']);
    const before = skippedInputGradients();
    const got = await gradients('wasm', ['x', 'filter', 'bias']);
    expect(skippedInputGradients()).toBe(before);
    expect(cpu.x!.some((v) => v !== 0)).toBe(true);
    expectClose(got.x!, cpu.x!);
    expectClose(got.filter!, cpu.filter!);
  });

  it('leaves other convolutions alone: a plain conv2d\'s gradient is lazy already', async () => {
    await tf.setBackend('wasm');
    const before = skippedInputGradients();
    const [xt, wt] = [tf.tensor4d(x, X_SHAPE), tf.tensor4d(w, W_SHAPE)];
    const g = tf.grad((filter: tf.Tensor) => tf.sum(tf.conv2d(xt, filter as tf.Tensor4D, 1, 'same')))(wt);
    expect(skippedInputGradients()).toBe(before);
    tf.dispose([xt, wt, g]);
  });
});
