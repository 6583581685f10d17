/**
 * Every training kernel against the CPU backend's result, over a grid of strides, paddings,
 * kernel sizes, dilations, batch sizes, channel counts and odd spatial sizes. The CPU backend's
 * gradient kernels ignore dilation (TF.js's own gradients refuse dilated convolutions), so
 * dilated cases are checked against a direct loop over the definition instead.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';

beforeAll(async () => {
  await initNodeWasm();
});

function randomTensor(shape: number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1);
}

/** Runs one kernel on a backend from plain arrays, returning plain values and shape. */
async function runOn(backend: 'cpu' | 'wasm', kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: Record<string, unknown>) {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, [values, shape]]) => [k, tf.tensor(values, shape)]));
  const before = tf.memory().numTensors;
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: out.shape, values: await out.data() };
  out.dispose();
  const leaked = tf.memory().numTensors - before;
  Object.values(tensors).forEach((t) => t.dispose());
  return { ...result, leaked };
}

async function compare(kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: Record<string, unknown>, reference?: () => { shape: number[]; values: Float32Array }) {
  const cpu = reference ? reference() : await runOn('cpu', kernel, inputs, attrs);
  const wasm = await runOn('wasm', kernel, inputs, attrs);
  expect(wasm.shape).toEqual(cpu.shape);
  expect(wasm.leaked).toBe(0);
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < cpu.values.length; i++) {
    worst = Math.max(worst, Math.abs(cpu.values[i]! - wasm.values[i]!));
    scale = Math.max(scale, Math.abs(cpu.values[i]!));
  }
  expect(worst / scale).toBeLessThan(1e-4);
}

interface Case {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  dilation: number;
}

/** A grid that covers every axis the issue names without multiplying them all together. */
const grid: Case[] = [];
for (const k of [1, 3, 5, 7]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      grid.push({ n: 2, h: 11, w: 9, ci: 3, co: 4, k, stride, pad, dilation: 1 });
    }
  }
}
for (const pad of ['same', 'valid'] as const) {
  grid.push({ n: 1, h: 13, w: 12, ci: 2, co: 3, k: 3, stride: 1, pad, dilation: 2 });
  grid.push({ n: 3, h: 10, w: 10, ci: 1, co: 1, k: 5, stride: 1, pad, dilation: 2 });
}
grid.push({ n: 5, h: 14, w: 14, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 1 });
grid.push({ n: 4, h: 7, w: 7, ci: 64, co: 16, k: 3, stride: 2, pad: 'same', dilation: 1 });
grid.push({ n: 1, h: 28, w: 28, ci: 1, co: 6, k: 5, stride: 1, pad: 'same', dilation: 1 });

const outSize = (size: number, c: Case) => {
  const extent = (c.k - 1) * c.dilation + 1;
  return c.pad === 'same' ? Math.ceil(size / c.stride) : Math.floor((size - extent) / c.stride) + 1;
};

/** Top/left padding as TF computes it. */
function padBefore(size: number, c: Case): number {
  if (c.pad === 'valid') return 0;
  const extent = (c.k - 1) * c.dilation + 1;
  return Math.floor(Math.max((outSize(size, c) - 1) * c.stride + extent - size, 0) / 2);
}

/**
 * The definition, looped: y[n,oh,ow,co] = Σ x[n, oh·s + kh·d − pt, ow·s + kw·d − pl, ci] · w[kh,kw,ci,co]
 * (depthwise: co = ci·M + m and only ci contributes). Calls `visit` for every product term.
 */
function forEachTerm(c: Case, depthwise: boolean, m: number, visit: (xi: number, wi: number, yi: number) => void) {
  const [oh, ow, pt, pl] = [outSize(c.h, c), outSize(c.w, c), padBefore(c.h, c), padBefore(c.w, c)];
  const co = depthwise ? c.ci * m : c.co;
  for (let n = 0; n < c.n; n++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let kh = 0; kh < c.k; kh++)
          for (let kw = 0; kw < c.k; kw++) {
            const ih = y * c.stride + kh * c.dilation - pt;
            const iw = x * c.stride + kw * c.dilation - pl;
            if (ih < 0 || iw < 0 || ih >= c.h || iw >= c.w) continue;
            for (let ci = 0; ci < c.ci; ci++)
              for (let o = 0; o < (depthwise ? m : c.co); o++) {
                const out = depthwise ? ci * m + o : o;
                visit(((n * c.h + ih) * c.w + iw) * c.ci + ci, ((kh * c.k + kw) * c.ci + ci) * (depthwise ? m : c.co) + o, ((n * oh + y) * ow + x) * co + out);
              }
          }
}

function referenceFilterGrad(c: Case, x: Float32Array, dy: Float32Array, depthwise: boolean, m = 1) {
  const shape = [c.k, c.k, c.ci, depthwise ? m : c.co];
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  forEachTerm(c, depthwise, m, (xi, wi, yi) => (values[wi] = values[wi]! + x[xi]! * dy[yi]!));
  return { shape, values };
}

function referenceInputGrad(c: Case, dy: Float32Array, w: Float32Array, depthwise: boolean, m = 1) {
  const shape = [c.n, c.h, c.w, c.ci];
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  forEachTerm(c, depthwise, m, (xi, wi, yi) => (values[xi] = values[xi]! + dy[yi]! * w[wi]!));
  return { shape, values };
}

const label = (c: Case) => `n${c.n} ${c.h}×${c.w}×${c.ci}→${c.co} k${c.k} s${c.stride} ${c.pad} d${c.dilation}`;

describe('Conv2DBackpropFilter on wasm matches cpu', () => {
  it.each(grid.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const dyShape = [c.n, outSize(c.h, c), outSize(c.w, c), c.co];
    const [x, dy] = [randomTensor([c.n, c.h, c.w, c.ci], 1), randomTensor(dyShape, 2)];
    await compare(
      'Conv2DBackpropFilter',
      { x: [x, [c.n, c.h, c.w, c.ci]], dy: [dy, dyShape] },
      { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [c.k, c.k, c.ci, c.co], dilations: c.dilation },
      c.dilation > 1 ? () => referenceFilterGrad(c, x, dy, false) : undefined,
    );
  });
});

describe('Conv2DBackpropInput on wasm matches cpu', () => {
  it.each(grid.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const dyShape = [c.n, outSize(c.h, c), outSize(c.w, c), c.co];
    const [dy, w] = [randomTensor(dyShape, 3), randomTensor([c.k, c.k, c.ci, c.co], 4)];
    await compare(
      'Conv2DBackpropInput',
      { dy: [dy, dyShape], filter: [w, [c.k, c.k, c.ci, c.co]] },
      { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, inputShape: [c.n, c.h, c.w, c.ci], dilations: c.dilation },
      c.dilation > 1 ? () => referenceInputGrad(c, dy, w, false) : undefined,
    );
  });
});

const depthwiseGrid = grid.filter((c) => c.ci <= 32).map((c) => ({ ...c, co: c.ci * 2 }));

describe('DepthwiseConv2dNative gradients on wasm match cpu', () => {
  it.each(depthwiseGrid.map((c) => [label(c), c] as const))('filter %s', async (_, c) => {
    const dyShape = [c.n, outSize(c.h, c), outSize(c.w, c), c.co];
    const [x, dy] = [randomTensor([c.n, c.h, c.w, c.ci], 5), randomTensor(dyShape, 6)];
    await compare(
      'DepthwiseConv2dNativeBackpropFilter',
      { x: [x, [c.n, c.h, c.w, c.ci]], dy: [dy, dyShape] },
      { strides: c.stride, pad: c.pad, dimRoundingMode: undefined, filterShape: [c.k, c.k, c.ci, 2], dilations: c.dilation },
      c.dilation > 1 ? () => referenceFilterGrad(c, x, dy, true, 2) : undefined,
    );
  });
  it.each(depthwiseGrid.map((c) => [label(c), c] as const))('input %s', async (_, c) => {
    const dyShape = [c.n, outSize(c.h, c), outSize(c.w, c), c.co];
    const [dy, w] = [randomTensor(dyShape, 7), randomTensor([c.k, c.k, c.ci, 2], 8)];
    await compare(
      'DepthwiseConv2dNativeBackpropInput',
      { dy: [dy, dyShape], filter: [w, [c.k, c.k, c.ci, 2]] },
      { strides: c.stride, pad: c.pad, dimRoundingMode: undefined, inputShape: [c.n, c.h, c.w, c.ci], dilations: c.dilation },
      c.dilation > 1 ? () => referenceInputGrad(c, dy, w, true, 2) : undefined,
    );
  });
});

describe('the loop reference itself', () => {
  it('agrees with the cpu backend where both apply (no dilation)', async () => {
    const c: Case = { n: 2, h: 9, w: 8, ci: 3, co: 2, k: 3, stride: 2, pad: 'same', dilation: 1 };
    const dyShape = [c.n, outSize(c.h, c), outSize(c.w, c), c.co];
    const [x, dy] = [randomTensor([c.n, c.h, c.w, c.ci], 9), randomTensor(dyShape, 10)];
    const cpu = await runOn('cpu', 'Conv2DBackpropFilter', { x: [x, [c.n, c.h, c.w, c.ci]], dy: [dy, dyShape] }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 2] });
    const reference = referenceFilterGrad(c, x, dy, false);
    reference.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i]!, 4));
  });
});
