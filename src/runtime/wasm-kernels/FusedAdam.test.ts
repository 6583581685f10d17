/**
 * The fused Adam update against TF.js's own: the same float32 operations in the same order, so
 * the weights, moments and optimizer state must come out bit for bit the same as the stock
 * optimizer's on wasm, and within rounding of the CPU backend's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { fuseAdamOnWasm, unfuseAdam } from './FusedAdam.ts';
import { fusedMultiplyAdds, setSimdEnabled } from './_simd.ts';
import type { WasmBackend } from './_impl.ts';

beforeAll(async () => {
  await initNodeWasm(); // registers the course's kernels and the fused update
});
afterAll(() => fuseAdamOnWasm());

function uniform(length: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
}

interface Trained {
  weights: Float32Array[];
  /** The optimizer's own weights: iterations, then the variables' m, then their v. */
  optimizerWeights: { name: string; values: Float32Array }[];
  leakedTensors: number;
  leakedData: number;
}

/**
 * Fits a small two-layer model for a few Adam steps. Sizes 35 and 5 leave a tail after the
 * four-float vectors; the loss is chosen so that gradients reach both variables and vary.
 */
async function train(backend: 'cpu' | 'wasm', steps = 6, learningRate = 0.05): Promise<Trained> {
  await tf.setBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const dataBefore = tf.engine().backend.numDataIds();
  // In a tidy: a variable shares its initial tensor's data, and the tidy releases that tensor.
  const w = tf.tidy(() => tf.variable(tf.tensor(uniform(35, 1), [7, 5]), true, `w${backend}`));
  const b = tf.tidy(() => tf.variable(tf.tensor(uniform(5, 2), [5]), true, `b${backend}`));
  const x = tf.tensor(uniform(4 * 7, 3), [4, 7]);
  const target = tf.tensor(uniform(4 * 5, 4), [4, 5]);
  const adam = tf.train.adam(learningRate);
  for (let step = 0; step < steps; step++) {
    adam.minimize(() => tf.mean(tf.square(tf.sub(tf.tanh(tf.add(tf.matMul(x, w), b)), target))) as tf.Scalar, false, [w, b]);
  }
  const weights = [await w.data() as Float32Array, await b.data() as Float32Array];
  const saved = await adam.getWeights();
  const optimizerWeights = await Promise.all(saved.map(async ({ name, tensor }) => ({ name: name.replace(backend, ''), values: Float32Array.from(await tensor.data()) })));
  saved[0]!.tensor.dispose(); // the iteration count, made for the save; the rest are the optimizer's
  tf.dispose([w, b, x, target]);
  adam.dispose();
  return { weights, optimizerWeights, leakedTensors: tf.memory().numTensors - tensorsBefore, leakedData: tf.engine().backend.numDataIds() - dataBefore };
}

describe('the fused Adam update on wasm', () => {
  it('gives the stock optimizer\'s weights and state bit for bit', async () => {
    const fused = await train('wasm');
    unfuseAdam();
    const stock = await train('wasm');
    fuseAdamOnWasm();
    expect(fused.weights).toEqual(stock.weights);
    expect(fused.optimizerWeights).toEqual(stock.optimizerWeights);
    expect(fused.optimizerWeights.map((w) => w.name)).toEqual(['iter', 'w/m', 'b/m', 'w/v', 'b/v']);
  });

  it('really takes the fused path: no element-wise kernels of Adam\'s own in a step', async () => {
    await tf.setBackend('wasm');
    const w = tf.tidy(() => tf.variable(tf.tensor(uniform(35, 5), [7, 5]), true, 'profiled'));
    const adam = tf.train.adam(0.05);
    const step = () => adam.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
    step(); // creates the moments
    // The loss's own kernels never take a square root: any Sqrt is the stock update's.
    const kernels = async () => (await tf.profile(() => step() as unknown as tf.TensorContainer)).kernels.map((k) => k.name);
    const fused = await kernels();
    unfuseAdam();
    const stock = await kernels();
    fuseAdamOnWasm();
    expect(stock).toContain('Sqrt');
    expect(fused).not.toContain('Sqrt');
    expect(fused.length).toBeLessThan(stock.length - 10);
    tf.dispose(w);
    adam.dispose();
  });

  it('matches the CPU backend within float32 rounding', async () => {
    const [wasm, cpu] = [await train('wasm'), await train('cpu')];
    for (const [i, values] of wasm.weights.entries()) {
      expect(Array.from(values)).toEqual(Array.from(cpu.weights[i]!).map((v) => expect.closeTo(v, 5)));
    }
  });

  it('really changes the weights, and leaves nothing behind', async () => {
    const trained = await train('wasm');
    const initial = uniform(35, 1);
    expect(trained.weights[0]!.some((v, i) => Math.abs(v - initial[i]!) > 1e-3)).toBe(true);
    expect(trained.leakedTensors).toBe(0);
    expect(trained.leakedData).toBe(0);
  });

  it('leaves a tensor that shares a variable\'s data as it was (tensors are immutable)', async () => {
    await tf.setBackend('wasm');
    const v = tf.variable(tf.tensor([1, 2, 3, 4, 5]), true, 'shared');
    const before = tf.clone(v); // shares v's data on wasm (Identity keeps a reference)
    const adam = tf.train.adam(0.5);
    adam.minimize(() => tf.sum(tf.square(v)) as tf.Scalar, false, [v]);
    expect(Array.from(await before.data())).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(await v.data())).not.toEqual([1, 2, 3, 4, 5]);
    tf.dispose([v, before]);
    adam.dispose();
  });

  it('falls back to the stock update where the SIMD module is off, with the same result', async () => {
    const withSimd = await train('wasm');
    const loopsFused = fusedMultiplyAdds(tf.backend() as unknown as WasmBackend);
    setSimdEnabled(false);
    try {
      const fallback = await train('wasm');
      unfuseAdam();
      const stock = await train('wasm');
      fuseAdamOnWasm();
      expect(fallback.weights).toEqual(stock.weights);
      // The SIMD module's gradient loops round as the JavaScript ones do, unless they fuse their multiply-adds.
      if (!loopsFused) expect(fallback.weights).toEqual(withSimd.weights);
    } finally {
      setSimdEnabled(true);
      fuseAdamOnWasm();
    }
  });
});
