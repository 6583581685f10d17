/**
 * Conv2D's shallow loop (one-channel inputs: grey first layers) against the CPU backend: output
 * channels on either side of its 8-channel blocks, filter sizes, strides,
 * dilations and paddings, rows whose width is no multiple of its 4-pixel groups, and
 * FusedConv2D's bias and activations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../node/backend.ts';
import { mulberry32 } from '../../data/random.ts';
import type { WasmBackend } from './_impl.ts';
import { convGeometry } from './_conv_impl.ts';
import { SHALLOW_MAX_CHANNELS, takesShallowLoop, takesWinograd } from './Conv2D.ts';
import { engineHasRelaxedSimd } from './_simd.ts';

beforeAll(async () => {
  await initNodeWasm();
});

type Shape4 = [number, number, number, number];
interface Case { x: Shape4; k: number; co: number; stride: number; dilation: number; pad: 'same' | 'valid' }

function randomValues(shape: number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1);
}

const filterShape = (c: Case): Shape4 => [c.k, c.k, c.x[3], c.co];
/** Whether Conv2D sends the case to the shallow loop: Winograd is asked first. */
const takes = (c: Case) => {
  const info = convGeometry(c.x, filterShape(c), { strides: c.stride, pad: c.pad, dilations: c.dilation }, false);
  const backend = tf.findBackend('wasm') as unknown as WasmBackend;
  return takesShallowLoop(info, backend) && !takesWinograd(info, backend);
};

async function convOn(backend: 'cpu' | 'wasm', c: Case, seed: number, fused?: { activation: 'linear' | 'relu' | 'elu' }) {
  await tf.setBackend(backend);
  const x = tf.tensor4d(randomValues(c.x, seed), c.x);
  const filter = tf.tensor4d(randomValues(filterShape(c), seed + 1), filterShape(c));
  const bias = tf.tensor1d(randomValues([c.co], seed + 2));
  const y = fused
    ? tf.fused.conv2d({ x, filter, bias, strides: c.stride, pad: c.pad, dilations: c.dilation, activation: fused.activation })
    : tf.conv2d(x, filter, c.stride, c.pad, 'NHWC', c.dilation);
  const result = { shape: y.shape, values: (await y.data()) as Float32Array };
  tf.dispose([x, filter, bias, y]);
  return result;
}

async function check(c: Case, seed: number, fused?: { activation: 'linear' | 'relu' | 'elu' }) {
  const cpu = await convOn('cpu', c, seed, fused);
  const got = await convOn('wasm', c, seed, fused);
  expect(got.shape).toEqual(cpu.shape);
  let worst = 0;
  for (let i = 0; i < cpu.values.length; i++) worst = Math.max(worst, Math.abs(cpu.values[i]! - got.values[i]!));
  expect(worst).toBeLessThan(1e-5);
  return got;
}

/** The loop takes up to 16 input channels where it fuses its multiply-adds (WASM_FUSED=1), else one. */
const maxChannels = engineHasRelaxedSimd() ? SHALLOW_MAX_CHANNELS.fused : SHALLOW_MAX_CHANNELS.separate;

const cases: Case[] = [];
for (const ci of new Set([1, Math.min(3, maxChannels)]))
  for (const co of [1, 3, 6, 8, 11, 16, 32])
    for (const [k, pad] of [[1, 'valid'], [3, 'same'], [5, 'valid']] as const)
      cases.push({ x: [2, 9 + k, 7 + (co % 5), ci], k, co, stride: 1, dilation: 1, pad });
// As many channels as it takes; 3×3 at stride 2, as stride 1 over 16 channels is Winograd's.
for (const [k, stride, co] of [[5, 1, 16], [5, 1, 6], [1, 1, 11], [3, 2, 32]] as const)
  cases.push({ x: [2, 13, 11, maxChannels], k, co, stride, dilation: 1, pad: 'same' });
cases.push({ x: [2, 28, 28, 1], k: 5, co: 6, stride: 1, dilation: 1, pad: 'same' }); // LeNet-5's first
cases.push({ x: [2, 28, 28, 1], k: 3, co: 32, stride: 1, dilation: 1, pad: 'valid' }); // seed 001's first
cases.push({ x: [2, 17, 15, 1], k: 3, co: 16, stride: 2, dilation: 1, pad: 'same' });
cases.push({ x: [1, 12, 13, 1], k: 3, co: 5, stride: 1, dilation: 2, pad: 'same' });
cases.push({ x: [3, 4, 4, 1], k: 1, co: 8, stride: 1, dilation: 1, pad: 'valid' }); // one group a row
cases.push({ x: [2, 8, 9, 1], k: 4, co: 9, stride: 1, dilation: 1, pad: 'same' }); // even filter: uneven padding

const label = (c: Case) => `${c.x.join('×')} k${c.k} →${c.co} s${c.stride} d${c.dilation} ${c.pad}`;

describe('Conv2D by the shallow loop on wasm matches cpu', () => {
  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    expect(takes(c)).toBe(true);
    await check(c, 3);
  });

  it('leaves wider inputs and rows under 4 pixels to the other ways', () => {
    const base: Case = { x: [1, 9, 9, 1], k: 3, co: 8, stride: 1, dilation: 1, pad: 'same' };
    expect(takes(base)).toBe(true);
    expect(takes({ ...base, x: [1, 9, 9, maxChannels + 1] })).toBe(false);
    expect(takes({ ...base, x: [1, 9, 3, 1] })).toBe(false);
  });
});

describe('FusedConv2D by the shallow loop on wasm matches cpu', () => {
  const c: Case = { x: [2, 28, 28, 1], k: 3, co: 32, stride: 1, dilation: 1, pad: 'valid' };
  it.each(['linear', 'relu', 'elu'] as const)('bias and %s', async (activation) => {
    const got = await check(c, 7, { activation });
    if (activation === 'relu') expect(got.values.some((v) => v === 0) && got.values.every((v) => v >= 0)).toBe(true);
  });
});
