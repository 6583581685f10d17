/**
 * MaxPoolGrad for wasm. The backend's kernel loops, for every input pixel, over every window
 * that could contain it and recomputes each window's maximum (about 190 ms of a 770 ms training
 * step of the seed-003 CNN); this one finds each window's maximum once and adds dy there.
 * Ties go to the first maximum in row-major window order, as on the CPU backend.
 */
import { backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { heapF32, makeF32, offsetF32, type KernelArgs } from './_impl.ts';
import { chunkRanges, threadsForPass, type LoopRunner } from './_parallel.ts';
import { loopRunner } from './_simd.ts';

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
  if (fh === sh && fw === sw && pt === 0 && pl === 0 && oh * fh <= h && ow * fw <= w) {
    tiledMaxPoolGrad(heap, loopRunner(backend), x0, dy0, dx0, n, h, w, c, oh, ow, fh, fw);
    return dx;
  }
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

/**
 * Windows that tile the input without overlap and lie wholly inside it (the usual 2×2, stride 2,
 * `valid`, or `same` on even sizes): every input pixel is in at most one window, so dx is written once, dy at each window's first maximum and 0 elsewhere, with
 * no zero-fill pass and no read-modify-write. Rows and columns no window covers are zeroed.
 */
function tiledMaxPoolGrad(heap: Float32Array, loops: LoopRunner | undefined, x0: number, dy0: number, dx0: number, n: number, h: number, w: number, c: number, oh: number, ow: number, fh: number, fw: number): void {
  if (oh * fh !== h || ow * fw !== w) heap.fill(0, dx0, dx0 + n * h * w * c);
  const rowStride = w * c;
  if (fh === 2 && fw === 2) {
    if (loops && c >= 4) {
      const image = h * w * c;
      loops.run('maxPoolGrad2x2', chunkRanges(n, threadsForPass(loops, n * image)).map(([b0, b1]) =>
        [(x0 + b0 * image) * 4, (dy0 + b0 * oh * ow * c) * 4, (dx0 + b0 * image) * 4, b1 - b0, h, w, c, oh, ow]));
    } else {
      twoByTwo(heap, x0, dy0, dx0, n, h, w, c, oh, ow);
    }
    return;
  }
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const corner = ((b * h + y * fh) * w + x * fw) * c;
        const g = dy0 + ((b * oh + y) * ow + x) * c;
        for (let k = 0; k < c; k++) {
          let best = -Infinity;
          let at = -1;
          for (let r = 0; r < fh; r++) {
            for (let col = 0; col < fw; col++) {
              const p = corner + r * rowStride + col * c + k;
              const v = heap[x0 + p]!;
              if (v > best) {
                best = v;
                at = p;
              }
              heap[dx0 + p] = 0;
            }
          }
          if (at >= 0) heap[dx0 + at] = heap[g + k]!;
        }
      }
    }
  }
}

/**
 * The 2×2 case of `tiledMaxPoolGrad`, unrolled: four reads, one comparison chain, four writes per
 * channel. The same loop runs as SIMD WebAssembly (simd/kernels.wat) where there are four channels or more.
 */
function twoByTwo(heap: Float32Array, x0: number, dy0: number, dx0: number, n: number, h: number, w: number, c: number, oh: number, ow: number): void {
  const rowStride = w * c;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const p0 = ((b * h + 2 * y) * w + 2 * x) * c;
        const p2 = p0 + rowStride;
        const g = dy0 + ((b * oh + y) * ow + x) * c;
        for (let k = 0; k < c; k++) {
          const v0 = heap[x0 + p0 + k]!;
          const v1 = heap[x0 + p0 + c + k]!;
          const v2 = heap[x0 + p2 + k]!;
          const v3 = heap[x0 + p2 + c + k]!;
          // The first maximum in row-major order wins ties; a window of NaNs gets no gradient.
          let best = v0 > -Infinity ? 0 : -1;
          let top = v0 > -Infinity ? v0 : -Infinity;
          if (v1 > top) {
            best = 1;
            top = v1;
          }
          if (v2 > top) {
            best = 2;
            top = v2;
          }
          if (v3 > top) best = 3;
          const grad = heap[g + k]!;
          heap[dx0 + p0 + k] = best === 0 ? grad : 0;
          heap[dx0 + p0 + c + k] = best === 1 ? grad : 0;
          heap[dx0 + p2 + k] = best === 2 ? grad : 0;
          heap[dx0 + p2 + c + k] = best === 3 ? grad : 0;
        }
      }
    }
  }
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
