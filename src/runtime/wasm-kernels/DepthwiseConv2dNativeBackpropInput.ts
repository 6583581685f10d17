/**
 * DepthwiseConv2dNativeBackpropInput for wasm (missing from the backend): a stride-1 depthwise
 * convolution of the dilated, padded dy (c·M channels) with the 180°-rotated filter laid out as
 * [fh, fw, c·M, 1], then a sum over each channel's M multiplier outputs.
 */
import { DepthwiseConv2dNativeBackpropInput, type DepthwiseConv2dNativeBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, spreadSpatial } from './_conv_impl.ts';
import { release, reshape, reverse, runOriginal, runWasmKernel, type KernelArgs } from './_impl.ts';

export function depthwiseConv2dNativeBackpropInput({ inputs, backend, attrs }: KernelArgs<{ dy: TensorInfo; filter: TensorInfo }, DepthwiseConv2dNativeBackpropInputAttrs>): TensorInfo {
  const { dy, filter } = inputs;
  const info = convGeometry(attrs.inputShape, filter.shape as [number, number, number, number], attrs, true);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, inHeight, inWidth } = info;
  const [n, , , c] = attrs.inputShape;
  const m = filter.shape[3]!;
  const extentH = (fh - 1) * dh + 1;
  const extentW = (fw - 1) * dw + 1;
  const fitted = spreadSpatial(dy, sh, sw, extentH - 1 - info.padInfo.top, extentW - 1 - info.padInfo.left, inHeight + extentH - 1, inWidth + extentW - 1, backend, info.outHeight, info.outWidth);
  const rotated = reverse(filter, [0, 1], backend);
  const asChannels = reshape(rotated, [fh, fw, c * m, 1], backend);
  const perMultiplier = runOriginal('DepthwiseConv2dNative', { x: fitted, filter: asChannels }, { strides: 1, pad: 'valid', dilations: [dh, dw], dataFormat: 'NHWC' }, backend);
  const split = reshape(perMultiplier, [n, inHeight, inWidth, c, m], backend);
  const out = runWasmKernel('Sum', { x: split }, { axis: [4], keepDims: false }, backend);
  release(backend, fitted, rotated, asChannels, perMultiplier, split);
  return out;
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput as unknown as KernelFunc,
};
