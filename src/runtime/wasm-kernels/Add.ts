/**
 * Add for wasm with a fast path for a bias: a [C] vector added along the last axis of [..., C],
 * which every layer with a bias does on every forward pass. The backend's broadcasting Add
 * computes each element's source indices (about 1.3 ms for LeNet-5's first layer, 600k floats);
 * this is one SIMD pass. Every other Add goes to the backend's own kernel.
 */
import { Add, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { makeF32, offsetF32, runOriginal, sizeOf, type KernelArgs, type WasmBackend } from './_impl.ts';
import { chunkRanges, threadsForPass } from './_parallel.ts';
import { loopRunner, simdKernels } from './_simd.ts';

/** Whether `bias` is one vector broadcast along the last axis of `x` (and `x` is the larger). */
const isBiasOf = (bias: TensorInfo, x: TensorInfo): boolean =>
  bias.shape.length === 1 && x.shape.length >= 2 && bias.shape[0] === x.shape[x.shape.length - 1] && sizeOf(x.shape) > bias.shape[0]!;

export function add({ inputs, backend, attrs }: KernelArgs<{ a: TensorInfo; b: TensorInfo }, Record<string, never>>): TensorInfo {
  const { a, b } = inputs;
  const simd = a.dtype === 'float32' && b.dtype === 'float32' ? simdKernels(backend) : undefined;
  const [x, bias] = isBiasOf(b, a) ? [a, b] : isBiasOf(a, b) ? [b, a] : [];
  if (!simd || !x || !bias) return runOriginal(Add, { a, b }, attrs, backend);
  const out = makeF32(backend, [...x.shape]);
  addBiasRows(backend, x, bias, out);
  return out;
}

/** out = x + bias along x's last axis, the rows cut among the loop threads; out may be x. */
export function addBiasRows(backend: WasmBackend, x: TensorInfo, bias: TensorInfo, out: TensorInfo): void {
  const inner = bias.shape[0]!;
  const rows = sizeOf(x.shape) / inner;
  const [xAt, biasAt, outAt] = [x, bias, out].map((t) => offsetF32(backend, t) * 4) as [number, number, number];
  const loops = loopRunner(backend)!;
  loops.run('addBias', chunkRanges(rows, threadsForPass(loops, rows * inner)).map(([r0, r1]) => [xAt + r0 * inner * 4, biasAt, outAt + r0 * inner * 4, r1 - r0, inner]));
}

export const addConfig: KernelConfig = {
  kernelName: Add,
  backendName: 'wasm',
  kernelFunc: add as unknown as KernelFunc,
};
