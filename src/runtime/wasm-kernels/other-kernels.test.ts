/**
 * The non-convolution kernels (MaxPoolGrad, BatchMatMul, Sum, Mean, Tile, Add, Identity) against the
 * CPU backend, through the public ops that reach them, over grids that take every branch of each
 * kernel: fast paths and fallbacks, ties, transposes and batch layouts, contiguous and scattered
 * reduction axes. Every comparison also checks that neither the engine nor the wasm backend is
 * left holding data: the kernels allocate backend-only temporaries the engine never sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (tfjs-layers and the tfjs bundle import these).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { wasmTrainingKernelConfigs } from './register_all_kernels.ts';
import { setSimdEnabled, simdKernels } from './_simd.ts';
import type { WasmBackend } from './_impl.ts';

beforeAll(async () => {
  await initNodeWasm();
});

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function uniform(shape: readonly number[], seed: number, low = -1, high = 1): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: sizeOf(shape) }, () => low + random() * (high - low));
}

/** Small integers: many exact ties inside every pooling window. */
function smallInts(shape: readonly number[], seed: number, levels: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: sizeOf(shape) }, () => Math.floor(random() * levels) - 1);
}

interface Outcome {
  shape: number[];
  dtype: tf.DataType;
  values: tf.TypedArray;
  leakedTensors: number;
  leakedData: number;
}

/**
 * Runs `build` on one backend. It must create its inputs itself (from plain arrays), so each
 * backend gets its own copies and the tidy disposes them.
 */
async function runOn(backend: 'cpu' | 'wasm', build: () => tf.Tensor): Promise<Outcome> {
  await tf.setBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const dataBefore = tf.engine().backend.numDataIds();
  const out = tf.tidy(build);
  const values = await out.data();
  const { shape, dtype } = out;
  out.dispose();
  return { shape, dtype, values, leakedTensors: tf.memory().numTensors - tensorsBefore, leakedData: tf.engine().backend.numDataIds() - dataBefore };
}

/**
 * Compares wasm with cpu. Float results are compared as the largest difference over the largest
 * magnitude (at least 1), since sums of mixed signs make element-wise relative errors meaningless;
 * integer results must match exactly.
 */
async function compare(build: () => tf.Tensor, rtol = 1e-5): Promise<{ cpu: Outcome; wasm: Outcome }> {
  const cpu = await runOn('cpu', build);
  const wasm = await runOn('wasm', build);
  expect(wasm.shape).toEqual(cpu.shape);
  expect(wasm.dtype).toBe(cpu.dtype);
  expect(wasm.leakedTensors).toBe(0);
  expect(wasm.leakedData).toBe(0);
  expect(wasm.values.length).toBe(cpu.values.length);
  if (cpu.dtype !== 'float32') {
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    return { cpu, wasm };
  }
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < cpu.values.length; i++) {
    const [c, w] = [cpu.values[i] as number, wasm.values[i] as number];
    // NaN would slip through a plain max; a NaN on one side only is a wrong result.
    if (Number.isNaN(c) !== Number.isNaN(w)) throw new Error(`element ${i}: cpu ${c}, wasm ${w}`);
    if (Number.isNaN(c) || c === w) continue; // also infinities, whose difference is NaN
    worst = Math.max(worst, Math.abs(c - w));
    scale = Math.max(scale, Math.abs(c));
  }
  expect(worst / scale).toBeLessThanOrEqual(rtol);
  return { cpu, wasm };
}

describe('the SIMD loops', () => {
  it('load on the wasm backend, so the comparisons below run them', async () => {
    await tf.setBackend('wasm');
    expect(simdKernels(tf.backend() as unknown as WasmBackend)).toBeDefined();
  });
});

describe('the kernels under test are the ones registered for wasm', () => {
  it.each(wasmTrainingKernelConfigs.map((c) => [c.kernelName, c] as const))('%s', (_, config) => {
    // Otherwise every comparison below could pass by running the backend's own kernel.
    expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
  });
});

describe('MaxPoolGrad on wasm matches cpu', () => {
  interface PoolCase {
    n: number;
    h: number;
    w: number;
    c: number;
    pool: number | [number, number];
    stride: number | [number, number];
    pad: 'same' | 'valid' | number;
    input: 'random' | 'ties' | 'constant' | 'extremes';
  }
  const shapes = [
    { n: 1, h: 7, w: 9, c: 1 },
    { n: 2, h: 8, w: 5, c: 3 },
    { n: 3, h: 11, w: 11, c: 17 },
  ];
  const cases: PoolCase[] = [];
  for (const shape of shapes)
    for (const pool of [2, 3])
      for (const stride of [1, 2])
        for (const pad of ['same', 'valid'] as const)
          for (const input of ['random', 'ties', 'constant'] as const) cases.push({ ...shape, pool, stride, pad, input });
  // Windows that skip pixels, non-square windows and strides, and an explicit padding.
  cases.push({ n: 2, h: 10, w: 9, c: 4, pool: 2, stride: 3, pad: 'valid', input: 'ties' });
  cases.push({ n: 2, h: 9, w: 10, c: 5, pool: [2, 3], stride: [1, 2], pad: 'same', input: 'ties' });
  cases.push({ n: 1, h: 6, w: 7, c: 2, pool: 3, stride: 2, pad: 1, input: 'ties' });
  cases.push({ n: 4, h: 28, w: 28, c: 32, pool: 2, stride: 2, pad: 'valid', input: 'random' });
  // Non-overlapping windows that tile the input (the fast path), with and without uncovered edges.
  cases.push({ n: 2, h: 9, w: 12, c: 3, pool: 3, stride: 3, pad: 'valid', input: 'ties' });
  cases.push({ n: 2, h: 8, w: 10, c: 3, pool: [2, 3], stride: [2, 3], pad: 'valid', input: 'ties' });
  cases.push({ n: 2, h: 12, w: 12, c: 5, pool: 3, stride: 3, pad: 'same', input: 'constant' });
  // 2×2 windows over four channels or more: the SIMD loop (kernels.wat; 6 and 17 channels end on
  // an overlapping vector), with uncovered edges, ties, and windows of NaN and -Infinity that must
  // get no gradient.
  for (const input of ['ties', 'constant', 'extremes'] as const) {
    cases.push({ n: 2, h: 8, w: 6, c: 8, pool: 2, stride: 2, pad: 'valid', input });
    cases.push({ n: 3, h: 9, w: 7, c: 4, pool: 2, stride: 2, pad: 'valid', input });
    cases.push({ n: 2, h: 6, w: 8, c: 6, pool: 2, stride: 2, pad: 'valid', input });
  }

  function inputValues(c: PoolCase, shape: number[]): Float32Array {
    if (c.input === 'random') return uniform(shape, 11);
    // Values in {-1, 0, 1}: most windows hold their maximum more than once.
    if (c.input === 'ties') return smallInts(shape, 12, 3);
    if (c.input === 'extremes') {
      const levels = [Number.NaN, Number.NEGATIVE_INFINITY, 0, 1];
      return Float32Array.from(smallInts(shape, 14, 4), (v) => levels[v + 1]!);
    }
    // Negative, so a kernel that let padding compete as zeros would pick a padded position.
    return new Float32Array(sizeOf(shape)).fill(-2);
  }

  const label = (c: PoolCase) => `n${c.n} ${c.h}×${c.w}×${c.c} pool ${c.pool} stride ${c.stride} ${c.pad} ${c.input}`;

  async function checkPoolGrad(c: PoolCase) {
    const xShape = [c.n, c.h, c.w, c.c] as [number, number, number, number];
    const x = inputValues(c, xShape);
    let dyShape: [number, number, number, number] = [0, 0, 0, 0];
    await runOn('cpu', () => {
      dyShape = tf.maxPool(tf.tensor4d(x, xShape), c.pool, c.stride, c.pad).shape;
      return tf.scalar(0);
    });
    // Distinct, non-zero upstream gradients: a tie sent to the wrong element moves a whole dy value.
    const dy = uniform(dyShape, 13, 0.5, 1.5);
    const { cpu, wasm } = await compare(() =>
      tf.grad((input) => tf.maxPool(input as tf.Tensor4D, c.pool, c.stride, c.pad))(tf.tensor4d(x, xShape), tf.tensor4d(dy, dyShape)),
      1e-6,
    );
    // The same elements receive gradient on both backends (the tie-breaking rule).
    const receives = (values: tf.TypedArray) => Array.from(values, (v) => v !== 0);
    expect(receives(wasm.values)).toEqual(receives(cpu.values));
  }

  it.each(cases.map((c) => [label(c), c] as const))('%s', (_, c) => checkPoolGrad(c));

  // Engines without WebAssembly SIMD (or where compiling it is refused) run the JavaScript loop
  // on the windows the SIMD loop takes.
  describe('with the JavaScript loop', () => {
    beforeAll(() => setSimdEnabled(false));
    afterAll(() => setSimdEnabled(true));
    const simdCases = cases.filter((c) => c.pool === 2 && c.stride === 2 && c.pad === 'valid' && c.c >= 4);
    it.each(simdCases.map((c) => [label(c), c] as const))('%s', (_, c) => checkPoolGrad(c));
  });
});

describe('BatchMatMul on wasm matches cpu', () => {
  interface MatCase {
    name: string;
    /** Batch dimensions of a and b (before the two matrix dimensions). */
    batchA: number[];
    batchB: number[];
    m: number;
    k: number;
    n: number;
  }
  const layouts: MatCase[] = [
    { name: 'matrix, small', batchA: [], batchB: [], m: 3, k: 5, n: 7 },
    { name: 'matrix, odd', batchA: [], batchB: [], m: 33, k: 65, n: 17 },
    { name: 'matrix, large', batchA: [], batchB: [], m: 64, k: 300, n: 100 },
    // aᵀ·b takes the own loop up to 128 columns of b, XNNPACK's product above.
    { name: 'matrix, 128 columns', batchA: [], batchB: [], m: 70, k: 128, n: 128 },
    { name: 'matrix, 129 columns', batchA: [], batchB: [], m: 70, k: 128, n: 129 },
    { name: 'batch 1 both', batchA: [1], batchB: [1], m: 9, k: 13, n: 11 },
    { name: 'rank 3 × rank 2, small', batchA: [4], batchB: [], m: 3, k: 5, n: 7 },
    { name: 'rank 3 × rank 2, large', batchA: [5], batchB: [], m: 40, k: 50, n: 30 },
    { name: '[b,m,k] × [1,k,n], small', batchA: [3], batchB: [1], m: 5, k: 4, n: 6 },
    { name: '[b,m,k] × [1,k,n], large', batchA: [3], batchB: [1], m: 41, k: 52, n: 33 },
    { name: 'batched both, small', batchA: [3], batchB: [3], m: 5, k: 6, n: 7 },
    { name: 'batched both, large', batchA: [3], batchB: [3], m: 40, k: 50, n: 30 },
    { name: 'rank 4 both, large', batchA: [2, 3], batchB: [2, 3], m: 33, k: 41, n: 29 },
    { name: 'shared a, batched b, small', batchA: [], batchB: [5], m: 4, k: 6, n: 5 },
    { name: 'shared a, batched b, large', batchA: [], batchB: [5], m: 40, k: 50, n: 30 },
    { name: '[1,m,k] × [3,1,k,n], large', batchA: [1], batchB: [3, 1], m: 40, k: 50, n: 30 },
    { name: '[2,m,k] × [1,1,k,n]', batchA: [2], batchB: [1, 1], m: 7, k: 9, n: 8 },
    { name: 'broadcast [2,1] × [1,3], small', batchA: [2, 1], batchB: [1, 3], m: 4, k: 5, n: 6 },
    { name: 'broadcast [2,1] × [1,3], large', batchA: [2, 1], batchB: [1, 3], m: 40, k: 50, n: 30 },
    { name: 'broadcast [2,3] × [3], large', batchA: [2, 3], batchB: [3], m: 40, k: 50, n: 30 },
  ];
  const cases = layouts.flatMap((c) =>
    [false, true].flatMap((transposeA) => [false, true].map((transposeB) => ({ ...c, transposeA, transposeB }))),
  );
  const label = (c: (typeof cases)[number]) => `${c.name} (${c.m}×${c.k}×${c.n})${c.transposeA ? ' Aᵀ' : ''}${c.transposeB ? ' Bᵀ' : ''}`;

  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const aShape = [...c.batchA, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
    const bShape = [...c.batchB, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
    const [a, b] = [uniform(aShape, 21), uniform(bShape, 22)];
    // Float32 products of length k: allow a rounding error that grows with k.
    await compare(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), c.transposeA, c.transposeB), Math.max(1e-5, c.k * 1e-7));
  });
});

describe('Sum and Mean on wasm match cpu', () => {
  const shapes = [[7], [5, 6], [3, 4, 5], [2, 3, 4, 5]];
  interface ReduceCase {
    shape: number[];
    /** undefined: no axis, which the ops pass to the kernel as null (every axis). */
    axis: number | number[] | undefined;
    keepDims: boolean;
  }
  const cases: ReduceCase[] = [];
  for (const shape of shapes) {
    const rank = shape.length;
    // Every non-empty subset of the axes: contiguous runs take the one-pass path, the rest fall back.
    for (let mask = 1; mask < 1 << rank; mask++) {
      const axes = [...Array(rank).keys()].filter((a) => mask & (1 << a));
      for (const keepDims of [false, true]) cases.push({ shape, axis: axes.length === 1 ? axes[0]! : axes, keepDims });
    }
    for (const keepDims of [false, true]) cases.push({ shape, axis: undefined, keepDims });
  }
  // Negative and unsorted axes name the same runs.
  for (const axis of [-1, [-2, -1], [-3, -2], [2, 1], [-4, 1], [3, 0]]) cases.push({ shape: [2, 3, 4, 5], axis, keepDims: false });
  cases.push({ shape: [3, 4, 5], axis: [], keepDims: true });
  // A batch-norm sized reduction (the per-channel moments of a [32, 28, 28, 16] activation).
  cases.push({ shape: [32, 28, 28, 16], axis: [0, 1, 2], keepDims: false });
  cases.push({ shape: [32, 28, 28, 16], axis: [0, 1, 2], keepDims: true });
  cases.push({ shape: [64, 3000], axis: 1, keepDims: false });
  // Bias gradients whose channels are not a multiple of four (LeNet-5's 6, a 10-way dense layer).
  cases.push({ shape: [16, 28, 28, 6], axis: [0, 1, 2], keepDims: false });
  cases.push({ shape: [128, 10], axis: 0, keepDims: false });

  const label = (c: ReduceCase) => `[${c.shape}] axis ${JSON.stringify(c.axis ?? null)}${c.keepDims ? ' keepDims' : ''}`;
  // The CPU backend and the one-pass path accumulate in float64, the backend's own fallback need
  // not: allow float32 rounding that grows with the reduction length.
  const rtolFor = (c: ReduceCase) => (sizeOf(c.shape) > 10_000 ? 1e-4 : 1e-5);

  const checkSum = async (c: ReduceCase) => {
    const x = uniform(c.shape, 31);
    await compare(() => tf.sum(tf.tensor(x, c.shape), c.axis, c.keepDims), rtolFor(c));
  };
  const checkMean = async (c: ReduceCase) => {
    const x = uniform(c.shape, 32);
    await compare(() => tf.mean(tf.tensor(x, c.shape), c.axis, c.keepDims), rtolFor(c));
  };
  it.each(cases.map((c) => [label(c), c] as const))('sum %s', (_, c) => checkSum(c));
  it.each(cases.map((c) => [label(c), c] as const))('mean %s', (_, c) => checkMean(c));
  // Engines without WebAssembly SIMD sum with the JavaScript loop.
  describe('with the JavaScript loop', () => {
    beforeAll(() => setSimdEnabled(false));
    afterAll(() => setSimdEnabled(true));
    it.each(cases.map((c) => [label(c), c] as const))('sum %s', (_, c) => checkSum(c));
    it.each(cases.map((c) => [label(c), c] as const))('mean %s', (_, c) => checkMean(c));
  });
  it.each(cases.filter((c) => sizeOf(c.shape) < 1000).map((c) => [label(c), c] as const))('int32 sum %s', async (_, c) => {
    const x = Int32Array.from(smallInts(c.shape, 33, 100));
    await compare(() => tf.sum(tf.tensor(x, c.shape, 'int32'), c.axis, c.keepDims));
  });
  it('bool sum (cast to int32 by the op)', async () => {
    const x = Uint8Array.from(smallInts([4, 6], 34, 2), (v) => (v > 0 ? 1 : 0));
    await compare(() => tf.sum(tf.tensor(x, [4, 6], 'bool'), 1));
  });
});

describe('Tile on wasm matches cpu', () => {
  const cases: { shape: number[]; reps: number[] }[] = [
    { shape: [5], reps: [1] },
    { shape: [5], reps: [3] },
    { shape: [20], reps: [4] },
    { shape: [3, 4], reps: [1, 1] },
    { shape: [3, 4], reps: [2, 1] },
    { shape: [3, 4], reps: [1, 3] },
    { shape: [3, 17], reps: [2, 3] },
    { shape: [2, 3, 4], reps: [1, 2, 1] },
    { shape: [2, 3, 4], reps: [3, 1, 2] },
    { shape: [1, 3, 1], reps: [4, 1, 5] },
    { shape: [2, 1, 3, 2], reps: [1, 4, 1, 3] },
    { shape: [2, 3, 4, 5], reps: [2, 2, 2, 2] },
    { shape: [1, 1, 1, 32], reps: [32, 14, 14, 1] },
    { shape: [1, 1, 1, 5], reps: [3, 7, 2, 4] },
  ];
  const label = (c: (typeof cases)[number]) => `[${c.shape}] × [${c.reps}]`;

  it.each(cases.map((c) => [label(c), c] as const))('float32 %s', async (_, c) => {
    const x = uniform(c.shape, 41);
    await compare(() => tf.tile(tf.tensor(x, c.shape), c.reps), 0);
  });
  it.each(cases.map((c) => [label(c), c] as const))('int32 %s', async (_, c) => {
    const x = Int32Array.from(smallInts(c.shape, 42, 1000));
    await compare(() => tf.tile(tf.tensor(x, c.shape, 'int32'), c.reps));
  });
  it('bool (backend fallback)', async () => {
    const x = Uint8Array.from(smallInts([2, 3], 43, 2), (v) => (v > 0 ? 1 : 0));
    await compare(() => tf.tile(tf.tensor(x, [2, 3], 'bool'), [3, 2]));
  });
  it('keeps every bit of float32 data (NaN, -0, infinities)', async () => {
    const x = new Float32Array([NaN, -0, Infinity, -Infinity, 1e-45, 3.4e38]);
    const { wasm } = await compare(() => tf.tile(tf.tensor(x, [1, 6]), [2, 3]), 0);
    expect(Object.is(wasm.values[1], -0)).toBe(true);
  });
});

describe('Add on wasm matches cpu', () => {
  interface AddCase {
    a: number[];
    b: number[];
  }
  // Biases broadcast along the last axis, on either side, with channel counts that take the
  // vector loop, its tail or both; then shapes the bias path must leave to the backend.
  const cases: AddCase[] = [
    { a: [5, 6], b: [6] },
    { a: [6], b: [5, 6] },
    { a: [2, 3, 4, 7], b: [7] },
    { a: [8, 5, 5, 6], b: [6] },
    { a: [3, 16], b: [16] },
    { a: [4, 3], b: [3] },
    { a: [4, 1], b: [1] },
    { a: [1, 6], b: [6] },
    { a: [5, 6], b: [5, 6] },
    { a: [5, 6], b: [5, 1] },
    { a: [5, 6], b: [] },
    { a: [6, 5], b: [6, 1] },
  ];
  const label = (c: AddCase) => `[${c.a}] + [${c.b}]`;
  const checkAdd = async (c: AddCase) => {
    const [a, b] = [uniform(c.a, 51), uniform(c.b, 52)];
    // One float32 addition per element on both backends: equal to the bit.
    await compare(() => tf.add(tf.tensor(a, c.a), tf.tensor(b, c.b)), 0);
  };
  it.each(cases.map((c) => [label(c), c] as const))('float32 %s', (_, c) => checkAdd(c));
  describe('with the backend kernel only', () => {
    beforeAll(() => setSimdEnabled(false));
    afterAll(() => setSimdEnabled(true));
    it.each(cases.map((c) => [label(c), c] as const))('float32 %s', (_, c) => checkAdd(c));
  });
  it('int32 bias (backend kernel)', async () => {
    const [a, b] = [Int32Array.from(smallInts([5, 6], 53, 100)), Int32Array.from(smallInts([6], 54, 100))];
    await compare(() => tf.add(tf.tensor(a, [5, 6], 'int32'), tf.tensor(b, [6], 'int32')));
  });
  it('keeps NaN and infinities', async () => {
    const x = new Float32Array([NaN, 1, Infinity, -Infinity, 2, 3]);
    await compare(() => tf.add(tf.tensor(x, [2, 3]), tf.tensor([1, -Infinity, Infinity], [3])), 0);
  });
  it('the gradient of a bias add still reaches both inputs', async () => {
    const [a, b] = [uniform([4, 5], 55), uniform([5], 56)];
    const grads = (on: 'cpu' | 'wasm') =>
      runOn(on, () => {
        const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.add(x, y), tf.add(x, y))))([tf.tensor(a, [4, 5]), tf.tensor(b, [5])]);
        return tf.concat([tf.reshape(ga!, [-1]), tf.reshape(gb!, [-1])]);
      });
    const [cpu, wasm] = [await grads('cpu'), await grads('wasm')];
    expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values).map((v) => expect.closeTo(v, 5)));
  });
});

describe('MaxPool on wasm matches cpu bit for bit', () => {
  // Channel counts on either side of the four-float vectors, odd sizes (a valid pooling drops the
  // last row and column), same padding on even sizes (none needed) and on odd ones and 3×3
  // windows (the backend's kernel); values with ties, and with NaN, infinities and −0 where the
  // course's loop pools (XNNPACK's pooling lets a NaN win).
  const cases: { shape: [number, number, number, number]; pool: number; stride: number; pad: 'valid' | 'same' }[] = [];
  for (const c of [1, 3, 4, 6, 17]) cases.push({ shape: [2, 6, 8, c], pool: 2, stride: 2, pad: 'valid' });
  cases.push({ shape: [3, 7, 9, 5], pool: 2, stride: 2, pad: 'valid' });
  cases.push({ shape: [2, 8, 6, 8], pool: 2, stride: 2, pad: 'same' });
  cases.push({ shape: [2, 7, 7, 8], pool: 2, stride: 2, pad: 'same' });
  cases.push({ shape: [2, 9, 9, 4], pool: 3, stride: 2, pad: 'valid' });
  cases.push({ shape: [128, 28, 28, 6], pool: 2, stride: 2, pad: 'valid' });
  const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 0.5, 0.5];
  it.each(cases.map((c) => [`${c.shape.join('×')} ${c.pool}×${c.pool}/${c.stride} ${c.pad}`, c] as const))('%s', async (_, c) => {
    const x = smallInts(c.shape, 59, 5);
    const ours = c.pool === 2 && c.stride === 2 && (c.pad === 'valid' || (c.shape[1] % 2 === 0 && c.shape[2] % 2 === 0));
    if (ours) for (let i = 0; i < x.length; i += 4) x[i] = SPECIALS[(i / 4) % SPECIALS.length]!;
    const pool = () => tf.maxPool(tf.tensor4d(x, c.shape), c.pool, c.stride, c.pad);
    const [cpu, wasm] = [await runOn('cpu', pool), await runOn('wasm', pool)];
    expect(wasm.shape).toEqual(cpu.shape);
    expect(wasm.values.every((value, i) => Object.is(value, cpu.values[i]))).toBe(true);
  });
});

describe('Relu on wasm matches cpu bit for bit', () => {
  const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30];
  // Lengths on either side of the four-float vectors, and LeNet-5's first layer's output.
  const shapes = [[1], [3], [4], [5], [2, 8], [17], [3, 5, 7], [128, 28, 28, 6]];
  it.each(shapes.map((s) => [s.join('×'), s] as const))('%s, with NaN, infinities and −0', async (_, shape) => {
    const x = uniform(shape, 57);
    for (let i = 0; i < x.length; i += 3) x[i] = SPECIALS[(i / 3) % SPECIALS.length]!;
    const [cpu, wasm] = [await runOn('cpu', () => tf.relu(tf.tensor(x, shape))), await runOn('wasm', () => tf.relu(tf.tensor(x, shape)))];
    expect(wasm.values.every((value, i) => Object.is(value, cpu.values[i]))).toBe(true);
  });
  it('int32 (backend kernel)', async () => {
    await compare(() => tf.relu(tf.tensor(Int32Array.from(smallInts([5, 6], 58, 100)).map((v) => v - 50), [5, 6], 'int32')), 0);
  });
});

describe('Identity on wasm shares data safely', () => {
  async function identityKeepsValues(dtype: 'float32' | 'int32' | 'bool') {
    await tf.setBackend('wasm');
    const tensorsBefore = tf.memory().numTensors;
    const dataBefore = tf.engine().backend.numDataIds();
    const values = dtype === 'bool' ? [1, 0, 0, 1, 1, 0] : dtype === 'int32' ? [3, -7, 0, 2147483647, -2147483648, 5] : [0.5, -1.25, 3, NaN, -0, 1e-30];
    const x = tf.tensor(values, [2, 3], dtype);
    const y = tf.clone(x);
    expect(y.shape).toEqual([2, 3]);
    expect(y.dtype).toBe(dtype);
    const expected = Array.from(await x.data());
    expect(Array.from(await y.data())).toEqual(expected);
    // The output must outlive its input: the data stays until the last holder is gone.
    x.dispose();
    expect(Array.from(await y.data())).toEqual(expected);
    // A second identity of the survivor, then release in creation order.
    const z = tf.clone(y);
    y.dispose();
    expect(Array.from(await z.data())).toEqual(expected);
    z.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
  }
  it('float32', () => identityKeepsValues('float32'));
  it('int32', () => identityKeepsValues('int32'));
  it('bool', () => identityKeepsValues('bool'));

  it('string tensors use the backend kernel', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(['a', 'bc'], [2], 'string');
    const y = tf.clone(x);
    x.dispose();
    expect(await y.data()).toEqual(['a', 'bc']);
    y.dispose();
  });

  it('gradients through identity-heavy ops leave nothing behind', async () => {
    await tf.setBackend('wasm');
    const tensorsBefore = tf.memory().numTensors;
    const dataBefore = tf.engine().backend.numDataIds();
    const x = tf.tensor4d(uniform([2, 6, 6, 3], 51), [2, 6, 6, 3]);
    const init = tf.tensor2d(uniform([27, 4], 52), [27, 4]);
    const w = tf.variable(init);
    const { value, grads } = tf.variableGrads(() => {
      const pooled = tf.reshape(tf.maxPool(tf.clone(x), 2, 2, 'valid'), [2, 27]);
      return tf.mean(tf.sum(tf.matMul(tf.clone(pooled), w), 1));
    }, [w]);
    expect(Number.isFinite((await value.data())[0])).toBe(true);
    expect(Array.from(await grads[w.name]!.data()).some((g) => g !== 0)).toBe(true);
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    x.dispose();
    init.dispose();
    w.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
  });
});
