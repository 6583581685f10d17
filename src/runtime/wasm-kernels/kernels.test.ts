/**
 * Every training kernel against the CPU backend's result, over a grid of strides, paddings,
 * kernel sizes, dilations, batch sizes, channel counts and odd spatial sizes. The CPU backend's
 * gradient kernels ignore dilation (TF.js's own gradients refuse dilated convolutions), so
 * dilated cases are checked against a direct loop over the definition instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import { setSimdEnabled } from './_simd.ts';
import { convGeometry } from './_conv_impl.ts';
import type { WasmBackend } from './_impl.ts';
import { OWN_LOOP_MAX_K, ownLoopParts, setOwnLoopEnabled, takesOwnLoop, windowCoversInput } from './Conv2DBackpropFilter.ts';
import { inputGradientWay, NARROW_MAX_CHANNELS, setNarrowEnabled, type InputGradientWay } from './Conv2DBackpropInput.ts';
import { setWinogradEnabled } from './_winograd.ts';

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
const named = (cases: Case[]) => cases.map((c) => [label(c), c] as const);
const xShape = (c: Case) => [c.n, c.h, c.w, c.ci];
const dyShape = (c: Case) => [c.n, outSize(c.h, c), outSize(c.w, c), c.co];

/** `m` below is the depthwise channel multiplier; without it the kernel is a full convolution. */
const filterShape = (c: Case, m?: number) => [c.k, c.k, c.ci, m ?? c.co];
/** The attributes both gradients take; only the full convolution's take a data format. */
const convAttrs = (c: Case, m?: number) => ({ strides: c.stride, pad: c.pad, ...(m === undefined ? { dataFormat: 'NHWC' } : {}), dimRoundingMode: undefined, dilations: c.dilation });

/** A filter-gradient kernel on wasm against cpu (dilated cases: the loop reference), from inputs drawn with seeds `seed` and `seed + 1`. */
async function checkFilterGrad(kernel: string, c: Case, seed: number, m?: number) {
  const [x, dy] = [randomTensor(xShape(c), seed), randomTensor(dyShape(c), seed + 1)];
  const reference = c.dilation > 1 ? () => referenceFilterGrad(c, x, dy, m !== undefined, m) : undefined;
  await compare(kernel, { x: [x, xShape(c)], dy: [dy, dyShape(c)] }, { ...convAttrs(c, m), filterShape: filterShape(c, m) }, reference);
}

/** The same for an input-gradient kernel. */
async function checkInputGrad(kernel: string, c: Case, seed: number, m?: number) {
  const [dy, w] = [randomTensor(dyShape(c), seed), randomTensor(filterShape(c, m), seed + 1)];
  const reference = c.dilation > 1 ? () => referenceInputGrad(c, dy, w, m !== undefined, m) : undefined;
  await compare(kernel, { dy: [dy, dyShape(c)], filter: [w, filterShape(c, m)] }, { ...convAttrs(c, m), inputShape: xShape(c) }, reference);
}

describe('Conv2DBackpropFilter on wasm matches cpu', () => {
  it.each(named(grid))('%s', (_, c) => checkFilterGrad('Conv2DBackpropFilter', c, 1));
});

// A valid window as large as the input is a dense layer: its filter gradient is one product.
describe('Conv2DBackpropFilter of a window covering the whole input matches cpu', () => {
  const whole: Case[] = [
    { n: 3, h: 5, w: 5, ci: 16, co: 24, k: 5, stride: 1, pad: 'valid', dilation: 1 }, // LeNet-5's last convolution
    { n: 2, h: 3, w: 3, ci: 2, co: 3, k: 3, stride: 2, pad: 'valid', dilation: 1 },
    { n: 4, h: 1, w: 1, ci: 5, co: 7, k: 1, stride: 1, pad: 'same', dilation: 1 },
  ];
  const coversInput = (c: Case) => windowCoversInput(convGeometry(xShape(c) as [number, number, number, number], filterShape(c) as [number, number, number, number], { ...convAttrs(c), dimRoundingMode: 'floor' }, false));
  it.each(named(whole))('%s', async (_, c) => {
    expect(coversInput(c)).toBe(true);
    await checkFilterGrad('Conv2DBackpropFilter', c, 21);
  });
  it('only there', () => {
    expect(coversInput({ ...whole[1]!, pad: 'same' })).toBe(false);
    expect(coversInput({ ...whole[0]!, h: 6 })).toBe(false);
  });
});

// Filter gradients take the course's own loop (filterGradient), except, with XNNPACK threads,
// those with more than OWN_LOOP_MAX_K rows, which take XNNPACK's product. The grid above runs
// the own loop here (Node's build has one thread); these cases go to either side of its
// eight-channel and three-row blocks, and over several chunks (the last one partial).
const ownLoop: Case[] = [];
for (const co of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 17, 32]) ownLoop.push({ n: 2, h: 9, w: 7, ci: 1, co, k: 3, stride: 1, pad: 'same', dilation: 1 });
for (const [k, ci] of [[1, 1], [1, 2], [2, 1], [1, 4], [2, 2], [3, 2], [5, 1], [3, 3], [4, 2]] as const) {
  ownLoop.push({ n: 3, h: 8, w: 8, ci, co: 5, k, stride: 2, pad: 'valid', dilation: 1 });
}
ownLoop.push({ n: 5, h: 28, w: 28, ci: 1, co: 32, k: 3, stride: 1, pad: 'same', dilation: 1 });
ownLoop.push({ n: 20, h: 28, w: 28, ci: 1, co: 6, k: 5, stride: 1, pad: 'same', dilation: 1 });
ownLoop.push({ n: 2, h: 8, w: 8, ci: 40, co: 130, k: 3, stride: 1, pad: 'same', dilation: 1 });
// Layers of many passes, cut into L1-sized calls (ownLoopParts): bands of rows of one image
// (strided, dilated, and with a last band shorter than the others), and several small images a call.
ownLoop.push({ n: 2, h: 20, w: 20, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 1 });
ownLoop.push({ n: 2, h: 41, w: 37, ci: 16, co: 48, k: 3, stride: 2, pad: 'same', dilation: 1 });
ownLoop.push({ n: 1, h: 30, w: 30, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 2 });
ownLoop.push({ n: 7, h: 9, w: 7, ci: 32, co: 64, k: 3, stride: 1, pad: 'valid', dilation: 1 });

describe('Conv2DBackpropFilter by the own loop matches cpu', () => {
  // Winograd takes the undilated 3×3 layers of stride 1 here; the own loop takes them where it is off.
  beforeAll(() => setWinogradEnabled(false));
  afterAll(() => setWinogradEnabled(true));
  it.each(named(ownLoop))('%s', (_, c) => checkFilterGrad('Conv2DBackpropFilter', c, 21));

  it('cuts a layer of many passes into calls that cover every output row once and fit L1, and leaves first layers in chunks of whole images', () => {
    const geometry = (c: Case) => convGeometry(xShape(c) as [number, number, number, number], filterShape(c) as [number, number, number, number], { ...convAttrs(c), dimRoundingMode: 'floor' }, false);
    const covered = (c: Case, imagesPerChunk: number) => {
      const info = geometry(c);
      const rows = Array.from({ length: c.n * info.outHeight }, () => 0);
      const parts = ownLoopParts(info, imagesPerChunk);
      for (const p of parts) for (let i = p.image; i < p.image + p.images; i++) for (let r = p.row; r < p.row + p.rows; r++) rows[i * info.outHeight + r]! += 1;
      expect(rows.every((times) => times === 1), label(c)).toBe(true);
      return parts;
    };
    const second003: Case = { n: 128, h: 14, w: 14, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 1 };
    const bands = covered(second003, 5);
    expect(bands).toHaveLength(256); // two bands of 7 rows an image: 98 pixels, 12.5 KB of lines a pass
    expect(bands.every((p) => p.images === 1 && p.rows === 7)).toBe(true);
    expect(covered({ ...second003, h: 13, w: 13, pad: 'valid' }, 5).every((p) => p.images === 1 && p.rows === 11)).toBe(true);
    const first003 = covered({ ...second003, h: 28, w: 28, ci: 1, co: 32 }, 2);
    expect(first003.every((p) => p.images === 2 && p.rows === 28)).toBe(true);
    covered({ n: 3, h: 41, w: 37, ci: 16, co: 48, k: 3, stride: 2, pad: 'same', dilation: 1 }, 1);
    covered({ n: 7, h: 9, w: 7, ci: 32, co: 64, k: 3, stride: 1, pad: 'valid', dilation: 1 }, 3);
  });

  it('takes every layer on one XNNPACK thread, and with threads only those of at most OWN_LOOP_MAX_K rows', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as WasmBackend;
    const takes = (c: Case, threads?: number) => {
      const dy = tf.zeros(dyShape(c));
      const info = convGeometry(xShape(c) as [number, number, number, number], filterShape(c) as [number, number, number, number], { ...convAttrs(c), dimRoundingMode: 'floor' }, false);
      const taken = takesOwnLoop(backend, { dataId: dy.dataId, shape: dy.shape, dtype: 'float32' }, info, threads);
      dy.dispose();
      return taken;
    };
    const first: Case = { n: 4, h: 28, w: 28, ci: 1, co: 32, k: 3, stride: 1, pad: 'same', dilation: 1 };
    const rows = (c: Case) => c.k * c.k * c.ci;
    const cases = [first, { ...first, k: 5, co: 6 }, { ...first, ci: 3 }, { ...first, ci: 4 }, { ...first, ci: 32, h: 14, w: 14 }];
    for (const c of cases) {
      expect(takes(c), label(c)).toBe(true);
      expect(takes(c, 1), label(c)).toBe(true);
      expect(takes(c, 2), label(c)).toBe(rows(c) <= OWN_LOOP_MAX_K);
    }
    expect(cases.map(rows)).toEqual([9, 25, 27, 36, 288]); // both sides of OWN_LOOP_MAX_K
    // One image's dy of more than a megabyte would not stay in cache for the loop's passes.
    expect(takes({ ...first, n: 1, h: 96, w: 96 })).toBe(false);
  });
});

// The product builds with XNNPACK threads take for their layers of many rows.
describe('Conv2DBackpropFilter by XNNPACK\'s product matches cpu', () => {
  beforeAll(() => setOwnLoopEnabled(false));
  afterAll(() => setOwnLoopEnabled(true));
  it.each(named([...grid, ...ownLoop]))('%s', (_, c) => checkFilterGrad('Conv2DBackpropFilter', c, 1));
});

// Engines without WebAssembly SIMD (or where compiling it is refused) run the JavaScript im2col and col2im.
describe('the convolution gradients with their JavaScript loops match cpu', () => {
  beforeAll(() => setSimdEnabled(false));
  afterAll(() => setSimdEnabled(true));
  it.each(named(grid))('filter %s', (_, c) => checkFilterGrad('Conv2DBackpropFilter', c, 1));
  it.each(named(grid))('input %s', (_, c) => checkInputGrad('Conv2DBackpropInput', c, 3));
});

describe('Conv2DBackpropInput on wasm matches cpu', () => {
  it.each(named(grid))('%s', (_, c) => checkInputGrad('Conv2DBackpropInput', c, 3));

  // The seed models' layers whose way was measured (inputGradientWay): dx of fewer than 8
  // channels takes the narrow loop where it is stride 1 and dy's channels come in fours; other
  // few-channel layers the product, since most of XNNPACK's 8-channel tiles would stay empty on
  // the canvas; 3×3 layers of 16 channels and more go by Winograd over the forward output's tiles
  // (the adjoint way), valid or same-padded, where the stride is 1.
  const seedLayers: [Case, InputGradientWay][] = [
    [{ n: 2, h: 28, w: 28, ci: 1, co: 32, k: 3, stride: 1, pad: 'valid', dilation: 1 }, 'narrow'], // 001's first
    [{ n: 2, h: 13, w: 13, ci: 32, co: 64, k: 3, stride: 1, pad: 'valid', dilation: 1 }, 'adjoint'], // 001's second
    [{ n: 2, h: 5, w: 5, ci: 64, co: 128, k: 3, stride: 1, pad: 'valid', dilation: 1 }, 'adjoint'], // 001's third
    [{ n: 2, h: 14, w: 14, ci: 32, co: 64, k: 3, stride: 1, pad: 'valid', dilation: 1 }, 'adjoint'], // 004's model 3, second
    [{ n: 2, h: 28, w: 28, ci: 3, co: 32, k: 3, stride: 1, pad: 'same', dilation: 1 }, 'narrow'], // an RGB first layer
    [{ n: 2, h: 28, w: 28, ci: 1, co: 6, k: 5, stride: 1, pad: 'same', dilation: 1 }, 'product'], // LeNet-5's first (6 is no multiple of 4)
    [{ n: 2, h: 14, w: 14, ci: 6, co: 16, k: 5, stride: 1, pad: 'valid', dilation: 1 }, 'narrow'], // LeNet-5's second
    [{ n: 2, h: 14, w: 14, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 1 }, 'adjoint'], // 003's second
    [{ n: 2, h: 28, w: 28, ci: 32, co: 64, k: 3, stride: 1, pad: 'same', dilation: 1 }, 'adjoint'], // VGG-style's second
    [{ n: 2, h: 14, w: 14, ci: 64, co: 128, k: 3, stride: 1, pad: 'same', dilation: 1 }, 'adjoint'], // VGG-style's third
    [{ n: 2, h: 14, w: 14, ci: 32, co: 64, k: 3, stride: 2, pad: 'same', dilation: 1 }, 'product'], // strided: dy is a quarter of dx
    // Dilated windows, whose taps col2im adds one by one (undilated rows go as one run).
    [{ n: 2, h: 9, w: 9, ci: 1, co: 32, k: 3, stride: 1, pad: 'valid', dilation: 2 }, 'product'],
    [{ n: 2, h: 9, w: 10, ci: 1, co: 32, k: 3, stride: 1, pad: 'same', dilation: 2 }, 'product'],
  ];
  it.each(seedLayers.map(([c, way]) => [`${label(c)} → ${way}`, c, way] as const))('%s', async (_, c, way) => {
    expect(wayOf(c)).toBe(way);
    await checkInputGrad('Conv2DBackpropInput', c, 9);
  });
});

function wayOf(c: Case) {
  const info = convGeometry(xShape(c) as [number, number, number, number], filterShape(c) as [number, number, number, number], { ...convAttrs(c), dimRoundingMode: 'floor' }, false);
  return inputGradientWay(info, tf.findBackend('wasm') as unknown as WasmBackend);
}

// The narrow loop's accumulators hold one pixel by four channels (dx channels a multiple of 4),
// two by two (even) or four pixels by one (odd), a row's last group shifted left where the
// width is no multiple of that; dy goes on a canvas padded left and right.
describe('the input gradient\'s narrow way matches cpu', () => {
  const narrow: Case[] = [];
  for (const ci of [1, 2, 3, 4, 6, NARROW_MAX_CHANNELS])
    for (const [k, pad] of [[1, 'valid'], [3, 'same'], [4, 'same'], [5, 'valid'], [7, 'same']] as const)
      narrow.push({ n: 2, h: 6 + ci, w: 5 + (ci % 4), ci, co: 4 * (1 + (ci % 3)), k, stride: 1, pad, dilation: 1 });
  narrow.push({ n: 1, h: 4, w: 4, ci: 1, co: 4, k: 1, stride: 1, pad: 'valid', dilation: 1 }); // one group of four a row
  it.each(named(narrow))('%s', async (_, c) => {
    expect(wayOf(c)).toBe('narrow');
    await checkInputGrad('Conv2DBackpropInput', c, 15);
  });

  it('crops dy where the padding is wider than the filter', async () => {
    const inputShape = [2, 6, 7, 2];
    const dyShape = [2, 10, 11, 4]; // 3×3 with 3 pixels of padding on every side
    const [dy, w] = [randomTensor(dyShape, 17), randomTensor([3, 3, 2, 4], 18)];
    await compare('Conv2DBackpropInput', { dy: [dy, dyShape], filter: [w, [3, 3, 2, 4]] }, { strides: 1, pad: 3, dataFormat: 'NHWC', dilations: 1, inputShape });
  });

  it('leaves strides, dilations, rows narrower than a group, dy channels not in fours and wider dx to the other ways', () => {
    const base: Case = { n: 1, h: 9, w: 9, ci: 1, co: 8, k: 3, stride: 1, pad: 'same', dilation: 1 };
    expect(wayOf(base)).toBe('narrow');
    expect(wayOf({ ...base, stride: 2 })).not.toBe('narrow');
    expect(wayOf({ ...base, dilation: 2 })).not.toBe('narrow');
    expect(wayOf({ ...base, w: 3 })).not.toBe('narrow'); // four pixels a group
    expect(wayOf({ ...base, co: 6 })).not.toBe('narrow');
    expect(wayOf({ ...base, ci: NARROW_MAX_CHANNELS + 1 })).not.toBe('narrow');
  });
});

// With the narrow way off, the few-channel layers of the grid reach the product and canvas ways.
describe('Conv2DBackpropInput\'s other ways match cpu on few channels too', () => {
  beforeAll(() => setNarrowEnabled(false));
  afterAll(() => setNarrowEnabled(true));
  it.each(named(grid.filter((c) => c.ci <= NARROW_MAX_CHANNELS)))('%s', (_, c) => checkInputGrad('Conv2DBackpropInput', c, 3));
});

const depthwiseGrid = grid.filter((c) => c.ci <= 32).map((c) => ({ ...c, co: c.ci * 2 }));

describe('DepthwiseConv2dNative gradients on wasm match cpu', () => {
  it.each(named(depthwiseGrid))('filter %s', (_, c) => checkFilterGrad('DepthwiseConv2dNativeBackpropFilter', c, 5, 2));
  it.each(named(depthwiseGrid))('input %s', (_, c) => checkInputGrad('DepthwiseConv2dNativeBackpropInput', c, 7, 2));
});

describe('the loop reference itself', () => {
  it('agrees with the cpu backend where both apply (no dilation)', async () => {
    const c: Case = { n: 2, h: 9, w: 8, ci: 3, co: 2, k: 3, stride: 2, pad: 'same', dilation: 1 };
    const [x, dy] = [randomTensor(xShape(c), 9), randomTensor(dyShape(c), 10)];
    const cpu = await runOn('cpu', 'Conv2DBackpropFilter', { x: [x, xShape(c)], dy: [dy, dyShape(c)] }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 2] });
    const reference = referenceFilterGrad(c, x, dy, false);
    reference.values.forEach((v, i) => expect(v).toBeCloseTo(cpu.values[i]!, 4));
  });
});

// conv2dTranspose lets a caller pass a dy larger than the forward convolution's output (TF.js's
// own 'input=8x8x8,output=4x4x8,f=8,s=1,inDepth=8,p=same vec4' spec does); the CPU backend reads
// only the forward output's extent of it, and so must ours (it once read all of it).
describe('an oversized dy is read only up to the forward output, as on cpu', () => {
  const oversized: Case[] = [
    { n: 1, h: 4, w: 4, ci: 8, co: 8, k: 8, stride: 1, pad: 'same', dilation: 1 },
    { n: 2, h: 7, w: 6, ci: 3, co: 4, k: 3, stride: 2, pad: 'valid', dilation: 1 },
  ];
  const grown = (c: Case) => [c.n, outSize(c.h, c) + 3, outSize(c.w, c) + 2, c.co];
  it.each(named(oversized))('Conv2DBackpropInput %s', async (_, c) => {
    const [dy, w] = [randomTensor(grown(c), 11), randomTensor(filterShape(c), 12)];
    await compare('Conv2DBackpropInput', { dy: [dy, grown(c)], filter: [w, filterShape(c)] }, { ...convAttrs(c), inputShape: xShape(c) });
  });
  it.each(named(oversized.map((c) => ({ ...c, co: c.ci * 2 }))))('DepthwiseConv2dNativeBackpropInput %s', async (_, c) => {
    const [dy, w] = [randomTensor(grown(c), 13), randomTensor(filterShape(c, 2), 14)];
    await compare('DepthwiseConv2dNativeBackpropInput', { dy: [dy, grown(c)], filter: [w, filterShape(c, 2)] }, { ...convAttrs(c, 2), inputShape: xShape(c) });
  });
});
