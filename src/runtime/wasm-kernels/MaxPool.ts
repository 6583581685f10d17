/**
 * MaxPool for wasm: 2×2 windows of stride 2 that need no padding (every seed model's pooling) as
 * one SIMD pass of our own (simd/kernels.wat's maxPool2x2), cut by images among the loop threads,
 * where the backend's XNNPACK pooling runs on one thread; every other pooling goes to the backend.
 * Bit for bit the CPU backend's: a NaN never wins a window, the first of equal values does.
 */
import { backend_util, MaxPool, type KernelConfig, type KernelFunc, type MaxPoolAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { makeF32, offsetF32, runOriginal, type KernelArgs } from './_impl.ts';
import { runOverImages } from './_parallel.ts';
import { loopRunner } from './_simd.ts';

export function maxPool({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, MaxPoolAttrs>): TensorInfo {
  const { x } = inputs;
  const loops = x.dtype === 'float32' && x.shape.length === 4 ? loopRunner(backend) : undefined;
  const info = loops && backend_util.computePool2DInfo(x.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { top, bottom, left, right } = info?.padInfo ?? {};
  if (!loops || !info || info.filterHeight !== 2 || info.filterWidth !== 2 || info.strideHeight !== 2 || info.strideWidth !== 2 || top || bottom || left || right
    || info.outHeight < 1 || info.outWidth < 1) {
    return runOriginal(MaxPool, inputs, attrs as unknown as Record<string, unknown>, backend);
  }
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const out = makeF32(backend, [n, oh, ow, c]);
  runOverImages(loops, 'maxPool2x2', offsetF32(backend, x) * 4, h * w * c, offsetF32(backend, out) * 4, oh * ow * c, n, [h, w, c, oh, ow]);
  return out;
}

export const maxPoolConfig: KernelConfig = {
  kernelName: MaxPool,
  backendName: 'wasm',
  kernelFunc: maxPool as unknown as KernelFunc,
};
