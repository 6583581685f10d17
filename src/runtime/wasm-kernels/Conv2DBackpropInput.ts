/**
 * A fast Conv2DBackpropInput for wasm (the backend's own is a scalar loop): the input gradient
 * of a convolution is a stride-1 forward convolution of dy — dilated by the stride and padded by
 * (filter extent − 1 − pad) — with the filter rotated 180°, its in/out channels swapped, and
 * the forward dilation kept.
 */
import { Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, dilateSpatial, fitSpatial, release, reverse, runWasmKernel, transpose, type WasmBackend } from './_impl.ts';

export function conv2DBackpropInput({ inputs, backend, attrs }: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: WasmBackend; attrs: Conv2DBackpropInputAttrs & { dilations?: number | [number, number] } }): TensorInfo {
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropInput supports NHWC only');
  const info = convGeometry(attrs.inputShape, filter.shape as [number, number, number, number], attrs, false);
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, inHeight, inWidth } = info;
  const extentH = (info.filterHeight - 1) * dh + 1;
  const extentW = (info.filterWidth - 1) * dw + 1;
  const dilated = dilateSpatial(dy, sh, sw, backend);
  // Pad so that a stride-1 window of the filter's extent yields exactly inHeight × inWidth positions.
  const fitted = fitSpatial(dilated, [extentH - 1 - info.padInfo.top, extentW - 1 - info.padInfo.left], [inHeight + extentH - 1, inWidth + extentW - 1], backend);
  const rotated = reverse(filter, [0, 1], backend);
  const swapped = transpose(rotated, [0, 1, 3, 2], backend);
  const out = runWasmKernel('Conv2D', { x: fitted, filter: swapped }, { strides: 1, pad: 'valid', dilations: [dh, dw], dataFormat: 'NHWC' }, backend);
  release(backend, dilated, fitted, rotated, swapped);
  return out;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
