/**
 * A fast Conv2DBackpropInput for wasm (the backend's own is a scalar loop, ~8× slower than the
 * forward convolution): the input gradient of a convolution is a stride-1 forward convolution,
 * run by XNNPACK, of dy — spread apart by the stride and padded by (filter extent − 1 − pad) in
 * one JavaScript pass — with the filter rotated 180° and its in/out channels swapped, and the
 * forward dilation kept.
 */
import { Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, spreadSpatial } from './_conv_impl.ts';
import { heapF32, makeF32, offsetF32, release, runOriginal, type KernelArgs, type WasmBackend } from './_impl.ts';

/** w[kh, kw, ci, co] → w'[fh − 1 − kh, fw − 1 − kw, co, ci]. */
export function rotateAndSwap(filter: TensorInfo, backend: WasmBackend): TensorInfo {
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  const out = makeF32(backend, [fh, fw, co, ci]);
  const heap = heapF32(backend);
  const src = offsetF32(backend, filter);
  const dst = offsetF32(backend, out);
  for (let kh = 0; kh < fh; kh++)
    for (let kw = 0; kw < fw; kw++) {
      const s = src + (kh * fw + kw) * ci * co;
      const d = dst + ((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci * co;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) heap[d + o * ci + i] = heap[s + i * co + o]!;
    }
  return out;
}

export function conv2DBackpropInput({ inputs, backend, attrs }: KernelArgs<{ dy: TensorInfo; filter: TensorInfo }, Conv2DBackpropInputAttrs & { dilations?: number | [number, number] }>): TensorInfo {
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropInput supports NHWC only');
  const info = convGeometry(attrs.inputShape, filter.shape as [number, number, number, number], attrs, false);
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, inHeight, inWidth } = info;
  const extentH = (info.filterHeight - 1) * dh + 1;
  const extentW = (info.filterWidth - 1) * dw + 1;
  // A stride-1 window of the filter's extent must yield exactly inHeight × inWidth positions.
  // A dy larger than the forward output (conv2dTranspose accepts one) is read only up to that
  // output's size, as the CPU and WebGL backends read it.
  const canvas = spreadSpatial(dy, sh, sw, extentH - 1 - info.padInfo.top, extentW - 1 - info.padInfo.left, inHeight + extentH - 1, inWidth + extentW - 1, backend, info.outHeight, info.outWidth);
  const flipped = rotateAndSwap(filter, backend);
  const out = runOriginal('Conv2D', { x: canvas, filter: flipped }, { strides: 1, pad: 'valid', dilations: [dh, dw], dataFormat: 'NHWC' }, backend);
  release(backend, canvas, flipped);
  return out;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
