/**
 * Conv2DBackpropFilter, which tfjs-backend-wasm lacks, as one forward XNNPACK convolution:
 *
 *   dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s + kh·d − pt, ow·s + kw·d − pl, ci] · dy[n,oh,ow,co]
 *
 * is a convolution of x transposed to [ci, H, W, n] (batch ci, channels n) with dy transposed
 * to [OH, OW, n, co] as the filter, stride d and dilation s (swapped), giving [ci, fh, fw, co].
 */
import { Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, fitSpatial, release, runWasmKernel, transpose, type WasmBackend } from './_impl.ts';

export function conv2DBackpropFilter({ inputs, backend, attrs }: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: WasmBackend; attrs: Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] } }): TensorInfo {
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = convGeometry(x.shape as [number, number, number, number], attrs.filterShape, attrs, false);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, outHeight: oh, outWidth: ow } = info;
  // The window (dy, dilated by the stride) must slide over exactly fh × fw positions with step d.
  const needed: [number, number] = [(fh - 1) * dh + (oh - 1) * sh + 1, (fw - 1) * dw + (ow - 1) * sw + 1];
  const fitted = fitSpatial(x, [info.padInfo.top, info.padInfo.left], needed, backend);
  const xT = transpose(fitted, [3, 1, 2, 0], backend);
  const dyT = transpose(dy, [1, 2, 0, 3], backend);
  const grad = runWasmKernel('Conv2D', { x: xT, filter: dyT }, { strides: [dh, dw], pad: 'valid', dilations: [sh, sw], dataFormat: 'NHWC' }, backend);
  const out = transpose(grad, [1, 2, 0, 3], backend);
  release(backend, fitted, xT, dyT, grad);
  return out;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
