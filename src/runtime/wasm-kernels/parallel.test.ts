/**
 * The SIMD loops on several threads (_parallel.ts): the pool on a shared memory with real helper
 * threads (worker_threads here, workers in browsers), and the kernels' chunked paths against the
 * CPU backend. Node's tfjs-backend-wasm has no shared memory, so the kernels are run there with
 * pretend threads: cut as for three threads, their calls run last to first on one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { CHUNKS_PER_THREAD, chunkRanges, LoopPool, SequentialLoops, type LoopHelper, type Loops } from './_parallel.ts';
import { engineHasRelaxedSimd, setPretendLoopThreads, simdKernels } from './_simd.ts';
import { SIMD_KERNELS_SHARED, SIMD_KERNELS_SHARED_FUSED } from './simd/module.generated.ts';
import { convGeometry } from './_conv_impl.ts';
import type { WasmBackend } from './_impl.ts';
import { takesShallowLoop, takesWinograd } from './Conv2D.ts';
import { setWinogradTile } from './_winograd.ts';
import { inputGradientWay } from './Conv2DBackpropInput.ts';

const random = (count: number, seed: number) => {
  const next = mulberry32(seed);
  return Float32Array.from({ length: count }, () => next() * 2 - 1);
};

describe('chunkRanges', () => {
  it('cuts the items into consecutive, non-empty ranges: one on one thread, CHUNKS_PER_THREAD per thread on more', () => {
    expect(chunkRanges(128, 1)).toEqual([[0, 128]]);
    const ranges = chunkRanges(130, 2);
    expect(ranges).toHaveLength(2 * CHUNKS_PER_THREAD);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(130);
    ranges.slice(1).forEach(([start], i) => expect(start).toBe(ranges[i]![1]));
    expect(Math.max(...ranges.map(([a, b]) => b - a)) - Math.min(...ranges.map(([a, b]) => b - a))).toBeLessThanOrEqual(1);
    expect(chunkRanges(3, 4)).toEqual([[0, 1], [1, 2], [2, 3]]);
  });
});

describe('the pool on a shared memory', () => {
  let dir: string;
  let entry: string;
  const workers: Worker[] = [];
  const module = new WebAssembly.Module(Buffer.from(engineHasRelaxedSimd() ? SIMD_KERNELS_SHARED_FUSED : SIMD_KERNELS_SHARED, 'base64'));

  beforeAll(() => {
    // worker_threads do not inherit the TypeScript loader: the helper's entry is bundled to plain JavaScript.
    dir = mkdtempSync(join(tmpdir(), 'loop-helper-'));
    entry = join(dir, 'helper.mjs');
    buildSync({ entryPoints: [fileURLToPath(new URL('./parallel.helper-thread.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', outfile: entry, logLevel: 'silent' });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
    rmSync(dir, { recursive: true, force: true });
  });

  function poolOf(helpers: number, start = true) {
    const memory = new WebAssembly.Memory({ initial: 512, maximum: 4096, shared: true });
    const loops = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Loops;
    const spawned: LoopHelper[] = Array.from({ length: helpers }, () => {
      if (!start) return { postMessage: () => undefined };
      const worker = new Worker(entry);
      workers.push(worker);
      return worker as unknown as LoopHelper;
    });
    return { memory, loops, pool: new LoopPool(loops, memory, module, spawned) };
  }

  /** LeNet-5's second layer, 6 → 16 channels 5×5 on 14×14, over `n` images: input, packed filter and bias, and where outputs go. */
  function shallowLayer(memory: WebAssembly.Memory, n: number) {
    const [hp, wp, ci, oh, ow, co, f] = [14, 14, 6, 10, 10, 16, 5];
    const heap = new Float32Array(memory.buffer);
    const src = 256;
    const w = src + n * hp * wp * ci;
    const out = w + (f * f * ci + 1) * co;
    const outSize = n * oh * ow * co;
    heap.set(random(out - src, 7), src);
    const calls = (at: number, images: [number, number][]) =>
      images.map(([n0, n1]) => [(src + n0 * hp * wp * ci) * 4, w * 4, (at + n0 * oh * ow * co) * 4, n1 - n0, hp, wp, ci, oh, ow, co, f, f, 1, 1, 1, 1]);
    return { heap, out, outSize, calls };
  }

  it('helpers report ready, claim chunks, and every output matches the one-thread loop bit for bit', async () => {
    const { memory, loops, pool } = poolOf(2);
    expect(pool.threads).toBe(3);
    expect(await pool.ready(20_000)).toBe(2);
    const n = 48;
    const { heap, out, outSize, calls } = shallowLayer(memory, n);
    const expected = out + outSize;
    new SequentialLoops(loops).run('shallowConv', calls(expected, [[0, n]]));
    for (let round = 0; round < 400 && pool.chunksRun().some((chunks) => chunks === 0); round++) {
      heap.fill(Number.NaN, out, out + outSize);
      pool.run('shallowConv', calls(out, chunkRanges(n, pool.threads)));
      const got = heap.subarray(out, out + outSize);
      expect(got.every((value, i) => Object.is(value, heap[expected + i]))).toBe(true);
    }
    const [own, ...helpers] = pool.chunksRun();
    expect(own).toBeGreaterThan(0);
    for (const chunks of helpers) expect(chunks).toBeGreaterThan(0);
  });

  it('runs a call list longer than its argument block as several jobs', async () => {
    const { memory, pool } = poolOf(1);
    await pool.ready(20_000);
    const n = 600; // 600 one-image calls of 16 arguments: more than the 8,192 floats of the block
    const { heap, out, outSize, calls } = shallowLayer(memory, n);
    heap.fill(Number.NaN, out, out + outSize);
    pool.run('shallowConv', calls(out, Array.from({ length: n }, (_, i) => [i, i + 1] as [number, number])));
    expect(heap.subarray(out, out + outSize).every(Number.isFinite)).toBe(true);
    expect(pool.chunksRun().reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('does not wait for a helper whose worker reports an error', async () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const loops = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Loops;
    const failing: LoopHelper = { postMessage: () => undefined, addEventListener: (_, listener) => setTimeout(listener, 5) };
    const started = performance.now();
    expect(await new LoopPool(loops, memory, module, [failing]).ready(20_000)).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('without a helper serving, the kernel\'s own thread runs every chunk', async () => {
    const { memory, pool } = poolOf(2, false);
    expect(await pool.ready(20)).toBe(0);
    const { heap, out, outSize, calls } = shallowLayer(memory, 8);
    heap.fill(Number.NaN, out, out + outSize);
    pool.run('shallowConv', calls(out, chunkRanges(8, pool.threads)));
    expect(heap.subarray(out, out + outSize).every(Number.isFinite)).toBe(true);
    expect(pool.chunksRun()).toEqual([8, 0, 0]);
  });
});

describe('the kernels cut for three threads', () => {
  beforeAll(async () => {
    await initNodeWasm();
    setPretendLoopThreads(3);
  });
  afterAll(() => setPretendLoopThreads(1));

  type Shape4 = [number, number, number, number];
  /** LeNet-5's first two layers, over batches smaller than, near and above the 12 chunks of three threads. */
  const layers: { x: Shape4; f: Shape4; pad: 'same' | 'valid' }[] = [];
  for (const n of [1, 5, 13, 40]) {
    layers.push({ x: [n, 28, 28, 1], f: [5, 5, 1, 6], pad: 'same' });
    layers.push({ x: [n, 14, 14, 6], f: [5, 5, 6, 16], pad: 'valid' });
  }

  async function kernelOn(backend: 'cpu' | 'wasm', kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: Record<string, unknown>) {
    await tf.setBackend(backend);
    const tensors = Object.fromEntries(Object.entries(inputs).map(([name, [values, shape]]) => [name, tf.tensor(values, shape)]));
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const values = await out.data();
    tf.dispose([out, ...Object.values(tensors)]);
    return values as Float32Array;
  }

  async function expectCpuMatch(kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: Record<string, unknown>) {
    const cpu = await kernelOn('cpu', kernel, inputs, attrs);
    const wasm = await kernelOn('wasm', kernel, inputs, attrs);
    let worst = 0;
    let scale = 1;
    cpu.forEach((value, i) => {
      worst = Math.max(worst, Math.abs(value - wasm[i]!));
      scale = Math.max(scale, Math.abs(value));
    });
    expect(wasm.length).toBe(cpu.length);
    expect(worst / scale).toBeLessThan(1e-4);
  }

  /** Values of `grad` on a backend, for a loss whose gradient runs the kernel under test. */
  async function gradientOn(backend: 'cpu' | 'wasm', shape: number[], op: (x: tf.Tensor) => tf.Tensor, seed: number) {
    await tf.setBackend(backend);
    const x = tf.tensor(random(shape.reduce((a, b) => a * b, 1), seed), shape);
    // Weights that differ per element, so that a gradient landing on the wrong element shows.
    const g = tf.grad((v: tf.Tensor) => {
      const y = op(v);
      return tf.sum(tf.mul(y, tf.div(tf.reshape(tf.range(0, y.size), y.shape), 1000)));
    })(x);
    const values = (await g.data()) as Float32Array;
    tf.dispose([x, g]);
    return values;
  }

  // Over PARALLEL_MIN_FLOATS (cut into chunks) and, for ReLU, a length that is no multiple of its 16-float runs.
  for (const shape of [[40, 28, 28, 6], [3, 181, 181, 1]]) {
    const size = shape.reduce((a, b) => a * b, 1);
    it(`bias Add, ReLU and its gradient, 2×2 max pooling and its gradient: ${shape.join('×')}`, async () => {
      const bias: [Float32Array, number[]] = [random(shape.at(-1)!, 9), [shape.at(-1)!]];
      await expectCpuMatch('Add', { a: [random(size, 8), shape], b: bias }, {});
      expect(await gradientOn('wasm', shape, tf.relu, 10)).toEqual(await gradientOn('cpu', shape, tf.relu, 10));
      await expectCpuMatch('Relu', { x: [random(size, 10), shape] }, {});
      await expectCpuMatch('MaxPool', { x: [random(size, 11), shape] }, { filterSize: 2, strides: 2, pad: 'valid' });
      if (shape.at(-1)! >= 4) {
        const pool = (v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid');
        expect(await gradientOn('wasm', shape, pool, 11)).toEqual(await gradientOn('cpu', shape, pool, 11));
      }
    });
  }

  // 3×3 layers by Winograd, both tile sizes: the transforms cut by images, the 16 or 36 products of the filter gradient one call each.
  for (const tile of [2, 4] as const) {
    for (const { x, co, pad } of [{ x: [8, 28, 28, 16] as Shape4, co: 16, pad: 'same' as const }, { x: [20, 12, 12, 32] as Shape4, co: 16, pad: 'valid' as const }]) {
      it(`Winograd F(${tile}×${tile}, 3×3), forward and both gradients: ${x.join('×')} → ${co} ${pad}`, async () => {
        setWinogradTile(tile);
        try {
          const f: Shape4 = [3, 3, x[3], co];
          const info = convGeometry(x, f, { strides: 1, pad, dilations: 1 }, false);
          const backend = tf.findBackend('wasm') as unknown as WasmBackend;
          expect(takesWinograd(info, backend)).toBe(true);
          expect(['adjoint', 'canvas']).toContain(inputGradientWay(info, backend));
          const dy: Shape4 = [x[0], info.outHeight, info.outWidth, co];
          const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
          const attrs = { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 };
          await expectCpuMatch('Conv2D', { x: [random(size(x), 12), x], filter: [random(size(f), 13), f] }, attrs);
          await expectCpuMatch('Conv2DBackpropInput', { dy: [random(size(dy), 14), dy], filter: [random(size(f), 15), f] }, { ...attrs, inputShape: x });
          await expectCpuMatch('Conv2DBackpropFilter', { x: [random(size(x), 16), x], dy: [random(size(dy), 17), dy] }, { ...attrs, filterShape: f });
        } finally {
          setWinogradTile(undefined);
        }
      });
    }
  }

  for (const { x, f, pad } of layers) {
    const name = `${x.join('×')} * ${f.join('×')} ${pad}`;
    const info = () => convGeometry(x, f, { strides: 1, pad, dilations: 1 }, false);
    const backend = () => tf.findBackend('wasm') as unknown as WasmBackend;
    const dyShape = (): Shape4 => [x[0], info().outHeight, info().outWidth, f[3]];
    const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

    it(`Conv2D by the shallow loop: ${name}`, async () => {
      expect(simdKernels(backend())).toBeDefined();
      if (f[2] === 1 || engineHasRelaxedSimd()) expect(takesShallowLoop(info(), backend())).toBe(true);
      await expectCpuMatch('Conv2D', { x: [random(size(x), 1), x], filter: [random(size(f), 2), f] }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 });
    });

    // 5×5 filters on one XNNPACK thread (Node's build) always take the own loop (kernels.test.ts covers the rule).
    it(`Conv2DBackpropFilter by the own loop: ${name}`, async () => {
      await expectCpuMatch('Conv2DBackpropFilter', { x: [random(size(x), 3), x], dy: [random(size(dyShape()), 4), dyShape()] },
        { strides: 1, pad, dataFormat: 'NHWC', dilations: 1, filterShape: f });
    });

    if (f[2] > 1) {
      it(`Conv2DBackpropInput by the narrow loop: ${name}`, async () => {
        expect(inputGradientWay(info(), backend())).toBe('narrow');
        await expectCpuMatch('Conv2DBackpropInput', { dy: [random(size(dyShape()), 5), dyShape()], filter: [random(size(f), 6), f] },
          { strides: 1, pad, dataFormat: 'NHWC', dilations: 1, inputShape: x });
      });
    }
  }
});
