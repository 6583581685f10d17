/**
 * DepthwiseConv2dNativeBackpropFilter for wasm (missing from the backend), as one forward
 * depthwise convolution: fold the batch into the channels — x as [1, H, W, n·c], dy as the
 * filter [OH, OW, n·c, M] — so each (n, c) pair is correlated on its own with stride d and
 * dilation s; then sum over n.
 */
import { DepthwiseConv2dNativeBackpropFilter, type DepthwiseConv2dNativeBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, spreadSpatial } from './_conv_impl.ts';
import { release, reshape, runOriginal, runWasmKernel, transpose, type KernelArgs } from './_impl.ts';

export function depthwiseConv2dNativeBackpropFilter({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo; dy: TensorInfo }, DepthwiseConv2dNativeBackpropFilterAttrs>): TensorInfo {
  const { x, dy } = inputs;
  const info = convGeometry(x.shape as [number, number, number, number], attrs.filterShape, attrs, true);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, outHeight: oh, outWidth: ow } = info;
  const [n, , , c] = x.shape as [number, number, number, number];
  const m = attrs.filterShape[3];
  const needed: [number, number] = [(fh - 1) * dh + (oh - 1) * sh + 1, (fw - 1) * dw + (ow - 1) * sw + 1];
  const fitted = spreadSpatial(x, 1, 1, info.padInfo.top, info.padInfo.left, needed[0], needed[1], backend);
  const [, hh, ww] = fitted.shape as [number, number, number, number];
  // x: [n, H, W, c] → [H, W, n, c] → [1, H, W, n·c]
  const xT = transpose(fitted, [1, 2, 0, 3], backend);
  const xFolded = reshape(xT, [1, hh, ww, n * c], backend);
  // dy: [n, OH, OW, c·M] → [OH, OW, n, c·M] → [OH, OW, n·c, M]
  const dyT = transpose(dy, [1, 2, 0, 3], backend);
  const dyFolded = reshape(dyT, [oh, ow, n * c, m], backend);
  const grad = runOriginal('DepthwiseConv2dNative', { x: xFolded, filter: dyFolded }, { strides: [dh, dw], pad: 'valid', dilations: [sh, sw], dataFormat: 'NHWC' }, backend);
  // [1, fh, fw, n·c·M] → [fh, fw, n, c·M] → Σ over n → [fh, fw, c, M]
  const split = reshape(grad, [fh, fw, n, c * m], backend);
  const summed = runWasmKernel('Sum', { x: split }, { axis: [2], keepDims: false }, backend);
  const out = reshape(summed, [fh, fw, c, m], backend);
  release(backend, fitted, xT, xFolded, dyT, dyFolded, grad, split, summed);
  return out;
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter as unknown as KernelFunc,
};
