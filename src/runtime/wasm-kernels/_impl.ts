/**
 * Shared pieces of the course's WASM training kernels. They compose the backend's own fast
 * (XNNPACK) kernels — Conv2D, DepthwiseConv2dNative, Transpose, PadV2, Slice — by calling their
 * kernel functions directly on TensorInfos, so no tensors, tape or engine bookkeeping are involved.
 */
import { backend_util, getKernel, type KernelBackend, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

/** The part of BackendWasm these kernels use (the class itself is not exported as a type). */
export interface WasmBackend extends KernelBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

export function runWasmKernel(name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>, backend: WasmBackend): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend }) as TensorInfo;
}

export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

export const transpose = (x: TensorInfo, perm: number[], backend: WasmBackend) => runWasmKernel('Transpose', { x }, { perm }, backend);
export const reshape = (x: TensorInfo, shape: number[], backend: WasmBackend) => runWasmKernel('Reshape', { x }, { shape }, backend);
export const reverse = (x: TensorInfo, dims: number[], backend: WasmBackend) => runWasmKernel('Reverse', { x }, { dims }, backend);

export function pad(x: TensorInfo, paddings: [number, number][], backend: WasmBackend): TensorInfo {
  return runWasmKernel('PadV2', { x }, { paddings, constantValue: 0 }, backend);
}

export function slice(x: TensorInfo, begin: number[], size: number[], backend: WasmBackend): TensorInfo {
  return runWasmKernel('Slice', { x }, { begin, size }, backend);
}

/**
 * Puts (s − 1) zeros between neighbouring rows and columns of an NHWC tensor: the input
 * gradient of a strided convolution is a stride-1 convolution of the dilated output gradient.
 * Done as pad + reshape: [N,H,1,W,1,C] → pad to [N,H,sh,W,sw,C] → [N,H·sh,W·sw,C] → slice.
 */
export function dilateSpatial(x: TensorInfo, strideH: number, strideW: number, backend: WasmBackend): TensorInfo {
  if (strideH === 1 && strideW === 1) return runWasmKernel('Identity', { x }, {}, backend);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const expanded = reshape(x, [n, h, 1, w, 1, c], backend);
  const padded = pad(expanded, [[0, 0], [0, 0], [0, strideH - 1], [0, 0], [0, strideW - 1], [0, 0]], backend);
  const flat = reshape(padded, [n, h * strideH, w * strideW, c], backend);
  const out = slice(flat, [0, 0, 0, 0], [n, (h - 1) * strideH + 1, (w - 1) * strideW + 1, c], backend);
  release(backend, expanded, padded, flat);
  return out;
}

/** Convolution geometry from a gradient kernel's attributes (the same computation the forward op made). */
export function convGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: { strides: number | [number, number]; pad: backend_util.PadInfo['type'] | number | backend_util.ExplicitPadding | 'valid' | 'same'; dilations?: number | [number, number]; dimRoundingMode?: 'floor' | 'round' | 'ceil' },
  depthwise: boolean,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad as 'valid' | 'same' | number | backend_util.ExplicitPadding,
    attrs.dimRoundingMode,
    depthwise,
  );
}

/**
 * Crops or pads the spatial sides of an NHWC tensor so that a stride-`step` window of extent
 * `extent` produces exactly `outSize` positions, starting `before` pixels before the origin.
 * Returns the adjusted tensor; negative padding becomes a slice.
 */
export function fitSpatial(
  x: TensorInfo,
  before: [number, number],
  needed: [number, number],
  backend: WasmBackend,
): TensorInfo {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const afterH = needed[0] - h - before[0];
  const afterW = needed[1] - w - before[1];
  // Slice away what the window never reaches (negative padding), then pad what it needs.
  const cropH = Math.max(0, -afterH);
  const cropW = Math.max(0, -afterW);
  const cropped = cropH || cropW ? slice(x, [0, 0, 0, 0], [n, h - cropH, w - cropW, c], backend) : x;
  const padded =
    before[0] || before[1] || afterH > 0 || afterW > 0
      ? pad(cropped, [[0, 0], [before[0], Math.max(0, afterH)], [before[1], Math.max(0, afterW)], [0, 0]], backend)
      : cropped;
  if (cropped !== x && padded !== cropped) release(backend, cropped);
  return padded === x ? runWasmKernel('Identity', { x }, {}, backend) : padded;
}
