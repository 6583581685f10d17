/**
 * Conv2DBackpropFilter, which tfjs-backend-wasm lacks, as one XNNPACK matrix product:
 *
 *   dW[(kh,kw,ci), co] = Σ_p colsᵀ[(kh,kw,ci), p] · dy[p, co],   p = (n, oh, ow)
 *
 * where colsᵀ is the transposed im2col matrix of x, written by a JavaScript loop, and dy is used
 * as it is, [n·oh·ow, co]. The product's rows are already the [fh, fw, ci, co] filter layout, so
 * nothing is transposed. (Computing it instead as a forward convolution of x with dy as the
 * filter runs XNNPACK's convolution with a huge kernel and a tiny output, at about half the
 * speed; for a one-channel input it was 12× slower.) Images are taken in chunks of about a
 * megabyte of colsᵀ: each chunk is written and then read by the product while it is still in the
 * core's cache, and XNNPACK, which streams the whole inner dimension for every tile of the
 * output, re-reads a chunk of dy from cache instead of all of dy from memory. In a whole
 * training step of the seed-003 CNN (Node, one thread) this took the product from 61 to 41 ms
 * and the transposed im2col from 20 to 15 ms, against one 29 MB chunk per batch before.
 */
import { Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, im2colTransposed } from './_conv_impl.ts';
import { copyRows, heapF32, makeF32, offsetF32, release, runOriginal, view, type KernelArgs } from './_impl.ts';

/** Target size of one chunk of colsᵀ, in floats (1 MB): about a core's L2 cache. */
const CHUNK_FLOATS = 1 << 18;

export function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo; dy: TensorInfo }, Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] }>): TensorInfo {
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = convGeometry(x.shape as [number, number, number, number], attrs.filterShape, attrs, false);
  const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: co } = info;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const perImage = oh * ow;
  const imagesPerChunk = Math.max(1, Math.min(n, Math.floor(CHUNK_FLOATS / (k * perImage))));

  let total: TensorInfo | undefined;
  for (let n0 = 0; n0 < n; n0 += imagesPerChunk) {
    const n1 = Math.min(n, n0 + imagesPerChunk);
    const cols = (n1 - n0) * perImage;
    const colsT = makeF32(backend, [1, k, cols]);
    im2colTransposed(backend, offsetF32(backend, x), info, n0, n1, offsetF32(backend, colsT));
    // The whole dy is passed as it is; a chunk of it must be a tensor of its own.
    const dyRows = n0 === 0 && n1 === n ? view(dy, [1, cols, co], backend) : copyRows(dy, perImage * co, n0, n1 - n0, [1, cols, co], backend);
    const part = runOriginal('BatchMatMul', { a: colsT, b: dyRows }, { transposeA: false, transposeB: false }, backend);
    release(backend, colsT, dyRows);
    if (!total) {
      total = part;
    } else {
      const heap = heapF32(backend);
      const into = offsetF32(backend, total);
      const from = offsetF32(backend, part);
      for (let i = 0; i < k * co; i++) heap[into + i] = heap[into + i]! + heap[from + i]!;
      release(backend, part);
    }
  }
  return { dataId: total!.dataId, shape: [...attrs.filterShape], dtype: 'float32' };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
