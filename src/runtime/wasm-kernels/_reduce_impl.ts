/**
 * Sums and means over a contiguous run of axes, the shape every training reduction has (bias
 * gradients reduce [n, h, w] of NHWC, batch norm reduces the leading axes, broadcasting
 * gradients reduce a leading or trailing run). The backend transposes the reduced axes to the
 * end first, a full extra pass over the tensor; here the tensor is read once, in memory order,
 * accumulating in float64 like the CPU backend.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapF32, makeF32, normalizeAxes, offsetF32, release, runOriginal, sizeOf, type KernelArgs, type WasmBackend } from './_impl.ts';
import { simdKernels } from './_simd.ts';

/** Returns undefined where the axes are not one contiguous run (the caller falls back). */
export function reduceContiguous(x: TensorInfo, axis: number | number[] | undefined, keepDims: boolean, mean: boolean, backend: WasmBackend): TensorInfo | undefined {
  const rank = x.shape.length;
  const axes = normalizeAxes(axis, rank);
  if (x.dtype !== 'float32' || sizeOf(x.shape) === 0) return undefined;
  if (axes.length === 0 || axes.some((a, i) => a !== axes[0]! + i)) return undefined;
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  const outer = sizeOf(x.shape.slice(0, first));
  const reduced = sizeOf(x.shape.slice(first, last + 1));
  const inner = sizeOf(x.shape.slice(last + 1));
  const shape = keepDims ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : x.shape.filter((_, i) => i < first || i > last);
  const out = makeF32(backend, shape);
  const heap = heapF32(backend);
  const src = offsetF32(backend, x);
  const dst = offsetF32(backend, out);
  const scale = mean ? 1 / reduced : 1;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let acc = 0;
      const s = src + o * reduced;
      for (let r = 0; r < reduced; r++) acc += heap[s + r]!;
      heap[dst + o] = mean ? acc / reduced : acc;
    }
    return out;
  }
  const simd = simdKernels(backend);
  if (simd) {
    // Four columns per instruction (the rest one by one), the float64 sums in a scratch tensor of the backend's.
    const scratch = makeF32(backend, [2 * inner]);
    const at = offsetF32(backend, scratch) * 4;
    for (let o = 0; o < outer; o++) simd.sumRows((src + o * reduced * inner) * 4, (dst + o * inner) * 4, at, reduced, inner, scale);
    release(backend, scratch);
    return out;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    let s = src + o * reduced * inner;
    for (let r = 0; r < reduced; r++, s += inner) for (let j = 0; j < inner; j++) acc[j] = acc[j]! + heap[s + j]!;
    const d = dst + o * inner;
    for (let j = 0; j < inner; j++) heap[d + j] = acc[j]! * scale;
  }
  return out;
}

/** A Sum or Mean kernel for wasm: contiguous axes in one pass, anything else by the backend's own kernel. */
export function contiguousReductionConfig(kernelName: 'Sum' | 'Mean'): KernelConfig {
  const mean = kernelName === 'Mean';
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, { axis: number | number[]; keepDims: boolean }>): TensorInfo =>
    reduceContiguous(inputs.x, attrs.axis, attrs.keepDims, mean, backend) ?? runOriginal(kernelName, inputs, attrs, backend);
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}
