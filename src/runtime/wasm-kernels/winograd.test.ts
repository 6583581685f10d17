/**
 * The 3×3 convolutions by Winograd's F(2×2, 3×3) and F(4×4, 3×3) against the CPU backend: the
 * forward Conv2D over paddings, odd and even sizes, outputs of one tile and several chunks of
 * images; FusedConv2D's bias and activation; the filter gradient; the input gradient over the
 * forward output's tiles (the adjoint way); and the input gradient's canvas (dy spread by the
 * forward stride, read from a corner).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import type { WasmBackend } from './_impl.ts';
import { setWinogradTile, winogradConv3x3, winogradFits, winogradProducts, winogradTile, type TileSize } from './_winograd.ts';
import { takesWinograd as takesFilterWinograd } from './Conv2DBackpropFilter.ts';
import { inputGradientWay, setInputGradientWay } from './Conv2DBackpropInput.ts';

beforeAll(async () => {
  await initNodeWasm();
});

const wasm = () => tf.findBackend('wasm') as unknown as WasmBackend;
/** Tensors the wasm backend holds: a kernel that leaks one leaves this higher. */
const liveTensors = () => (wasm().dataIdMap as unknown as { numDataIds(): number }).numDataIds();

function randomValues(shape: number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1);
}

/** Largest difference relative to the largest value, so sums of hundreds of terms are judged alike. */
function relativeError(want: Float32Array, got: Float32Array): number {
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(want[i]! - got[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return worst / scale;
}

async function conv2dOn(backend: 'cpu' | 'wasm', x: Float32Array, xShape: number[], w: Float32Array, wShape: number[], pad: 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]]) {
  await tf.setBackend(backend);
  const xt = tf.tensor4d(x, xShape as [number, number, number, number]);
  const wt = tf.tensor4d(w, wShape as [number, number, number, number]);
  const y = tf.conv2d(xt, wt, 1, pad as 'same');
  const result = { shape: y.shape, values: (await y.data()) as Float32Array };
  tf.dispose([xt, wt, y]);
  return result;
}

type Pad = Parameters<typeof conv2dOn>[5];
const forward: [string, number[], number, Pad][] = [
  ['the 003 CNN\'s second layer', [2, 14, 14, 32], 64, 'same'],
  ['an odd output (13 → 11)', [2, 13, 13, 32], 64, 'valid'],
  ['one tile (3 → 1)', [1, 3, 3, 16], 16, 'valid'],
  ['3 → 3 over 64 channels', [2, 5, 5, 64], 128, 'valid'],
  ['odd width, 20 filters', [1, 9, 7, 16], 20, 'same'],
  ['three chunks, the last partial', [5, 20, 20, 128], 128, 'same'],
  ['padding 1 on every side', [2, 6, 8, 16], 16, 1],
  ['uneven explicit padding', [2, 7, 6, 16], 24, [[0, 0], [2, 0], [0, 3], [0, 0]]],
];

/** Both tile sizes run every case: F(2×2, 3×3) and F(4×4, 3×3). */
const tiles: TileSize[] = [2, 4];
/**
 * F(4×4, 3×3)'s transforms multiply by up to 8 and 1/24, so its rounding error is larger: 1.1·10⁻⁵
 * of the largest output over 128 channels, where F(2×2, 3×3) stays under 10⁻⁵.
 */
const tolerance = (tile: TileSize) => (tile === 4 ? 3e-5 : 1e-5);
const withTile = (tile: TileSize) => {
  beforeAll(() => setWinogradTile(tile));
  afterAll(() => setWinogradTile(undefined));
};

describe.each(tiles.map((t) => [t, t] as const))('Conv2D by Winograd F(%i×%i, 3×3) on wasm matches cpu', (tile) => {
  withTile(tile);
  it.each(forward)('%s', async (_, xShape, co, pad) => {
    const ci = xShape[3]!;
    expect(winogradFits(wasm(), ci, co)).toBe(true);
    const wShape = [3, 3, ci, co];
    const [x, w] = [randomValues(xShape, 1), randomValues(wShape, 2)];
    const cpu = await conv2dOn('cpu', x, xShape, w, wShape, pad);
    const idsBefore = liveTensors();
    const got = await conv2dOn('wasm', x, xShape, w, wShape, pad);
    // The sub-tensors the products read and write are dropped, not leaked.
    expect(liveTensors()).toBe(idsBefore);
    expect(got.shape).toEqual(cpu.shape);
    expect(relativeError(cpu.values, got.values)).toBeLessThan(tolerance(tile));
  });

  it('takes the tiles that need fewer products', () => {
    setWinogradTile(undefined);
    expect(winogradTile(14, 14)).toBe(4); // 16 tiles of 36 products against 49 of 16
    expect(winogradTile(28, 28)).toBe(4);
    expect(winogradTile(2, 2)).toBe(2); // one tile either way: 16 against 36
    expect(winogradTile(6, 6)).toBe(2); // 9 tiles of 16 (144) against 4 of 36 (144): not fewer
    setWinogradTile(tile);
  });

  it('leaves few channels and channel counts that are not multiples of 4 to XNNPACK', () => {
    expect(winogradFits(wasm(), 1, 32)).toBe(false); // a first layer
    expect(winogradFits(wasm(), 8, 16)).toBe(false);
    expect(winogradFits(wasm(), 18, 32)).toBe(false);
    expect(winogradFits(wasm(), 32, 10)).toBe(false);
    expect(winogradFits(wasm(), 16, 16)).toBe(true);
  });
});

describe.each(tiles.map((t) => [t, t] as const))('FusedConv2D by Winograd F(%i×%i, 3×3) on wasm matches cpu', (tile) => {
  withTile(tile);
  const activations = ['linear', 'relu', 'elu'] as const; // elu: left to the backend's kernel
  it.each(activations)('bias and %s', async (activation) => {
    const xShape = [2, 13, 13, 32];
    const [x, w, b] = [randomValues(xShape, 5), randomValues([3, 3, 32, 64], 6), randomValues([64], 7)];
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const y = tf.fused.conv2d({ x: tf.tensor4d(x, xShape as [number, number, number, number]), filter: tf.tensor4d(w, [3, 3, 32, 64]), bias: tf.tensor1d(b), strides: 1, pad: 'valid', activation });
      const values = (await y.data()) as Float32Array;
      const shape = y.shape;
      tf.dispose(y);
      return { shape, values };
    };
    const cpu = await run('cpu');
    const got = await run('wasm');
    expect(got.shape).toEqual(cpu.shape);
    expect(relativeError(cpu.values, got.values)).toBeLessThan(tolerance(tile));
    if (activation === 'relu') expect(got.values.some((v) => v === 0) && got.values.every((v) => v >= 0)).toBe(true);
  });
});

describe.each(tiles.map((t) => [t, t] as const))('Conv2DBackpropFilter by Winograd F(%i×%i, 3×3) on wasm matches cpu', (tile) => {
  withTile(tile);
  const cases: [string, number[], number, Pad][] = [
    ['the 003 CNN\'s second layer', [2, 14, 14, 32], 64, 'same'],
    ['an odd output (13 → 11), the last tiles half outside dy', [2, 13, 13, 32], 64, 'valid'],
    ['odd width, 20 filters', [3, 9, 7, 16], 20, 'same'],
    ['two chunks, the last partial', [5, 50, 50, 16], 16, 'same'],
    ['uneven explicit padding', [2, 7, 6, 16], 24, [[0, 0], [2, 0], [0, 3], [0, 0]]],
  ];
  it.each(cases)('%s', async (_, xShape, co, pad) => {
    const ci = xShape[3]!;
    const dyShape = (await conv2dOn('cpu', new Float32Array(xShape.reduce((a, b) => a * b)), xShape, new Float32Array(9 * ci * co), [3, 3, ci, co], pad)).shape;
    const [x, dy] = [randomValues(xShape, 8), randomValues(dyShape, 9)];
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const [xt, dyt] = [tf.tensor4d(x, xShape as [number, number, number, number]), tf.tensor4d(dy, dyShape as [number, number, number, number])];
      const attrs = { strides: 1, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, dilations: 1, filterShape: [3, 3, ci, co] };
      const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
      const values = (await dw.data()) as Float32Array;
      tf.dispose([xt, dyt, dw]);
      return values;
    };
    const info = { ...tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], [3, 3, ci, co], 1, 1, pad as 'same') };
    expect(takesFilterWinograd(wasm(), { dataId: {}, shape: dyShape, dtype: 'float32' }, info, 1)).toBe(true);
    expect(takesFilterWinograd(wasm(), { dataId: {}, shape: dyShape, dtype: 'float32' }, info, 2)).toBe(true);
    expect(takesFilterWinograd(wasm(), { dataId: {}, shape: dyShape, dtype: 'float32' }, info, 3)).toBe(false);
    const cpu = await run('cpu');
    expect(relativeError(cpu, await run('wasm'))).toBeLessThan(tolerance(tile));
  });
});

describe.each(tiles.map((t) => [t, t] as const))('Conv2DBackpropInput over the forward tiles by Winograd F(%i×%i, 3×3) matches cpu', (tile) => {
  withTile(tile);
  beforeAll(() => setInputGradientWay('adjoint'));
  afterAll(() => setInputGradientWay(undefined));
  const cases: [string, number[], number, Pad][] = [
    ['the 003 CNN\'s second layer', [2, 14, 14, 32], 64, 'same'],
    ['an odd output (13 → 11), the last tiles half outside dy', [2, 13, 13, 32], 64, 'valid'],
    ['one tile (5 → 3) over 64 channels', [2, 5, 5, 64], 128, 'valid'],
    ['odd width, 20 filters', [3, 9, 7, 20], 16, 'same'],
    ['three chunks, the last partial', [3, 40, 40, 64], 64, 'valid'],
    ['padding 1 on every side', [2, 6, 8, 16], 16, 1],
    ['uneven explicit padding', [2, 7, 6, 16], 24, [[0, 0], [2, 0], [0, 3], [0, 0]]],
  ];
  it.each(cases)('%s', async (_, xShape, co, pad) => {
    const ci = xShape[3]!;
    const dyShape = (await conv2dOn('cpu', new Float32Array(xShape.reduce((a, b) => a * b)), xShape, new Float32Array(9 * ci * co), [3, 3, ci, co], pad)).shape;
    const [dy, w] = [randomValues(dyShape, 10), randomValues([3, 3, ci, co], 11)];
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], [3, 3, ci, co], 1, 1, pad as 'same');
    expect(inputGradientWay(info, wasm())).toBe('adjoint');
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const [dyt, wt] = [tf.tensor4d(dy, dyShape as [number, number, number, number]), tf.tensor4d(w, [3, 3, ci, co])];
      const attrs = { strides: 1, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, dilations: 1, inputShape: xShape };
      const tensorsBefore = liveTensors();
      const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dyt, filter: wt }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
      // One new tensor, dx: the canvas, the transforms and the sub-tensors are released or dropped.
      if (backend === 'wasm') expect(liveTensors()).toBe(tensorsBefore + 1);
      const values = (await dx.data()) as Float32Array;
      const shape = dx.shape;
      tf.dispose([dyt, wt, dx]);
      return { shape, values };
    };
    const cpu = await run('cpu');
    const got = await run('wasm');
    expect(got.shape).toEqual(cpu.shape);
    expect(relativeError(cpu.values, got.values)).toBeLessThan(tolerance(tile));
  });

  it('is the rule\'s way wherever the canvas would run by Winograd with stride 1', () => {
    setInputGradientWay(undefined);
    const way = (xShape: number[], co: number, stride: number, pad: Pad) =>
      inputGradientWay(tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], [3, 3, xShape[3]!, co], stride, 1, pad as 'same'), wasm());
    setWinogradTile(undefined);
    expect(winogradProducts(11, 11)).toBeLessThan(winogradProducts(13, 13)); // 9 tiles of 36 against 16
    setWinogradTile(tile);
    expect(way([2, 13, 13, 32], 64, 1, 'valid')).toBe('adjoint');
    expect(way([2, 14, 14, 32], 64, 1, 'same')).toBe('adjoint'); // as many tiles, and no canvas of dy to build
    expect(way([2, 14, 14, 32], 64, 2, 'same')).not.toBe('adjoint');
    expect(way([2, 14, 14, 32], 8, 1, 'same')).not.toBe('adjoint'); // dy of 8 channels: too few for the transforms to pay
    setInputGradientWay('adjoint');
  });
});

describe.each(tiles.map((t) => [t, t] as const))('the input gradient\'s canvas by Winograd F(%i×%i, 3×3) matches cpu', (tile) => {
  withTile(tile);
  // dy [n, dh, dw, c] spread by `stride` from (top, left) onto a zero canvas, then a valid 3×3
  // convolution: what Conv2DBackpropInput's canvas way computes, here checked on its own.
  const cases: [string, number[], number, number, number, number, number][] = [
    ['stride 1, a same-padded layer', [2, 14, 14, 64], 32, 1, 1, 1, 14],
    ['stride 2, odd canvas', [2, 5, 6, 16], 16, 2, 2, 1, 11],
    ['stride 2, cropped corner', [1, 6, 6, 32], 16, 2, -1, 0, 9],
  ];
  it.each(cases)('%s', async (_, dyShape, co, stride, top, left, out) => {
    const [n, dh, dw, c] = dyShape as [number, number, number, number];
    const dy = randomValues(dyShape, 3);
    const w = randomValues([3, 3, c, co], 4);
    const canvasSize = out + 2;
    const canvas = new Float32Array(n * canvasSize * canvasSize * c);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < dh; i++)
        for (let j = 0; j < dw; j++) {
          const [r, col] = [top + i * stride, left + j * stride];
          if (r < 0 || col < 0 || r >= canvasSize || col >= canvasSize) continue;
          for (let k = 0; k < c; k++) canvas[((b * canvasSize + r) * canvasSize + col) * c + k] = dy[((b * dh + i) * dw + j) * c + k]!;
        }
    const cpu = await conv2dOn('cpu', canvas, [n, canvasSize, canvasSize, c], w, [3, 3, c, co], 'valid');

    await tf.setBackend('wasm');
    const dyT = tf.tensor4d(dy, dyShape as [number, number, number, number]);
    const wT = tf.tensor4d(w, [3, 3, c, co]);
    const info = (t: tf.Tensor) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
    const result = winogradConv3x3(wasm(), info(dyT), info(wT), { strideH: stride, strideW: stride, top, left }, out, out);
    const got = tf.engine().makeTensorFromTensorInfo(result);
    expect(got.shape).toEqual(cpu.shape);
    expect(relativeError(cpu.values, (await got.data()) as Float32Array)).toBeLessThan(tolerance(tile));
    tf.dispose([dyT, wT, got]);
  });
});
