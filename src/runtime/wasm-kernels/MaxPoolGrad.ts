/**
 * MaxPoolGrad for wasm. The backend's kernel loops, for every input pixel, over every window
 * that could contain it and recomputes each window's maximum (about 190 ms of a 770 ms training
 * step of the seed-003 CNN); this one finds each window's maximum once and adds dy there.
 * Ties go to the first maximum in row-major window order, as on the CPU backend.
 */
import { backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { heapF32, makeF32, offsetF32, type KernelArgs } from './_impl.ts';

export function maxPoolGrad({ inputs, backend, attrs }: KernelArgs<{ dy: TensorInfo; input: TensorInfo; output: TensorInfo }, MaxPoolGradAttrs>): TensorInfo {
  const { dy, input } = inputs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const dx = makeF32(backend, input.shape);
  const heap = heapF32(backend);
  const x0 = offsetF32(backend, input);
  const dy0 = offsetF32(backend, dy);
  const dx0 = offsetF32(backend, dx);
  heap.fill(0, dx0, dx0 + n * h * w * c);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const r0 = Math.max(0, y * sh - pt);
      const r1 = Math.min(h, y * sh - pt + fh);
      for (let x = 0; x < ow; x++) {
        const c0 = Math.max(0, x * sw - pl);
        const c1 = Math.min(w, x * sw - pl + fw);
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = r0; r < r1; r++) {
          for (let col = c0; col < c1; col++) {
            const p = ((b * h + r) * w + col) * c;
            for (let k = 0; k < c; k++) {
              const v = heap[x0 + p + k]!;
              if (v > best[k]!) {
                best[k] = v;
                where[k] = p + k;
              }
            }
          }
        }
        const g = dy0 + ((b * oh + y) * ow + x) * c;
        for (let k = 0; k < c; k++) {
          const at = where[k]!;
          if (at >= 0) heap[dx0 + at] = heap[dx0 + at]! + heap[g + k]!;
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
