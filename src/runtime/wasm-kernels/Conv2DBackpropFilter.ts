/**
 * Conv2DBackpropFilter, which tfjs-backend-wasm lacks, as one matrix product:
 *
 *   dW[(kh,kw,ci), co] = Σ_p colsᵀ[(kh,kw,ci), p] · dy[p, co],   p = (n, oh, ow)
 *
 * where colsᵀ is the transposed im2col matrix of x and dy is used as it is, [n·oh·ow, co]. The
 * product's rows are already the [fh, fw, ci, co] filter layout, so nothing is transposed.
 * (Computing it instead as a forward convolution of x with dy as the filter runs XNNPACK's
 * convolution with a huge kernel and a tiny output, at about half the speed; for a one-channel
 * input it was 12× slower.) Images are taken in chunks, so that what the product re-reads is
 * still in the core's cache. The product is computed one of two ways:
 *
 * - The course's own SIMD loop (filterGradient in simd/kernels.wat), which reads dy where it is
 *   and adds each chunk's sums into the result. For inputs of up to 32 channels it reads the taps
 *   straight from x, with no im2col; wider inputs get colsᵀ first. On one thread it beat
 *   XNNPACK's product (with its im2col) at every seed-model layer (Node, 2026-12-03, a batch of
 *   128, medians of interleaved runs): first layers 3–5× (the 003 CNN's 11.5 → 2.2 ms, LeNet-5's
 *   4.8 → 1.4 ms), LeNet-5's second layer 4.6 → 1.9 ms, the 3×3 layers on 32 channels 1.15–1.5×
 *   (the 003 CNN's second 36 → 27 ms), and the wider ones by 3–12%. XNNPACK packs dy anew for
 *   every product, and a first layer's 9 or 25 rows against 100k inner columns are a poor shape
 *   for its tiles.
 * - XNNPACK's product, over chunks of about a megabyte of colsᵀ. It is the one that uses XNNPACK's
 *   threads, so where there are several it keeps the layers with more than OWN_LOOP_MAX_K rows;
 *   the own loop keeps the rest, where it is 3–5× faster than one XNNPACK thread. (Chunking took
 *   this product from 61 to 41 ms of a seed-003 step in Node, against one 29 MB chunk per batch.)
 *
 * Undilated 3×3 filters of stride 1 over 16 channels and more, with at most two XNNPACK threads,
 * go by Winograd instead (_winograd.ts): F(2×2, 3×3)'s 16 products over 2×2 tiles where the direct
 * product spends 36 multiply-adds, or F(4×4, 3×3)'s 36 over 4×4 tiles, each by the own loop. Node,
 * one thread, batch 128, 2026-12-04, before → after F(2×2, 3×3):
 * the 003 CNN's second layer 27.3 → 17.3 ms, 001's second 17.2 → 11.3, VGG-style's second
 * 108.9 → 71.9, its third 167.8 → 76.4, its fourth 320.8 → 215.9 (F(4×4, 3×3): winogradTile).
 */
import { Conv2DBackpropFilter, type backend_util, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, im2colTransposed, tapSource } from './_conv_impl.ts';
import { copyRows, heapF32, makeF32, offsetF32, overReadFits, release, runOriginal, runWasmKernel, sizeOf, view, xnnpackThreads, type KernelArgs, type WasmBackend } from './_impl.ts';
import { CHUNKS_PER_THREAD, type LoopRunner } from './_parallel.ts';
import { loopRunner, simdKernels, type SimdKernels } from './_simd.ts';
import { isUndilated3x3, winogradFilterGradient3x3, winogradFits } from './_winograd.ts';

/** With XNNPACK threads, rows k = fh·fw·cin up to which the own loop still computes the product. */
export const OWN_LOOP_MAX_K = 32;
/** Input channels up to which the own loop reads taps from x itself; wider inputs get a transposed im2col first. */
const DIRECT_MAX_CIN = 32;
/** Floats of dy per chunk of the own loop (256 KB): each of its passes re-reads the chunk, from L2. */
const OWN_LOOP_DY_FLOATS = 1 << 16;
/** Target size of one chunk of colsᵀ for XNNPACK's product, in floats (1 MB): about a core's L2 cache. */
const CHUNK_FLOATS = 1 << 18;

let ownLoopEnabled = true;

/** Sends every filter gradient to XNNPACK's product (and back), so tests cover the path builds with XNNPACK threads take. */
export function setOwnLoopEnabled(on: boolean): void {
  ownLoopEnabled = on;
}

export function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo; dy: TensorInfo }, Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] }>): TensorInfo {
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports NHWC only');
  const info = convGeometry(x.shape as [number, number, number, number], attrs.filterShape, attrs, false);
  if (windowCoversInput(info) && sizeOf(dy.shape) === info.batchSize * info.outChannels) return productOfWholeImages(backend, x, dy, attrs.filterShape);
  const simd = simdKernels(backend);
  if (simd && ownLoopEnabled && takesWinograd(backend, dy, info)) return winogradFilterGradient3x3(backend, x, dy, info.padInfo.top, info.padInfo.left);
  if (simd && ownLoopEnabled && takesOwnLoop(backend, dy, info)) return productByOwnLoop(simd, backend, x, dy, info, attrs.filterShape);
  return productByXnnpack(backend, x, dy, info, attrs.filterShape);
}

/**
 * A valid window as large as the input (LeNet-5's last convolution, 5×5 over a 5×5 map) has one
 * output pixel per image: the layer is a dense one, and x as it lies in memory, [n, h·w·ci], is
 * already its im2col matrix.
 */
export function windowCoversInput(info: backend_util.Conv2DInfo): boolean {
  const { top, bottom, left, right } = info.padInfo;
  return info.outHeight === 1 && info.outWidth === 1 && top === 0 && bottom === 0 && left === 0 && right === 0
    && info.filterHeight === info.inHeight && info.filterWidth === info.inWidth && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/**
 * dW = xᵀ · dy as one BatchMatMul ([n, h·w·ci]ᵀ · [n, co], whose rows are the filter's
 * [fh, fw, ci] order): 0.41 ms for LeNet-5's last layer against 0.95 by the own loop (Node wasm,
 * one thread, batch 128, 2026-12-04).
 */
function productOfWholeImages(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, filterShape: readonly number[]): TensorInfo {
  const [n, co] = [x.shape[0]!, filterShape[3]!];
  const k = sizeOf(x.shape) / n;
  const rows = view(x, [1, n, k], backend);
  const grads = view(dy, [1, n, co], backend);
  const product = runWasmKernel('BatchMatMul', { a: rows, b: grads }, { transposeA: true, transposeB: false }, backend);
  const out = view(product, [...filterShape], backend);
  release(backend, rows, grads, product);
  return out;
}

/**
 * Whether Winograd computes this gradient (_winograd.ts): undilated 3×3 filters of
 * stride 1 over 16 channels and more, where XNNPACK has at most WINOGRAD_MAX_THREADS threads. Its
 * products are the own loop's; on one thread the own loop beat XNNPACK's product by 1.15–1.5× on
 * these layers and Winograd beats the own loop by 1.5–2×, so XNNPACK's product catches up from
 * about three threads (an estimate, made while the own loop ran on one thread: this machine has
 * two cores; the loop now runs on the loop helpers too, _parallel.ts).
 */
const WINOGRAD_MAX_THREADS = 2;

export function takesWinograd(backend: WasmBackend, dy: TensorInfo, info: backend_util.Conv2DInfo, threads = xnnpackThreads(backend)): boolean {
  const stride1 = info.strideHeight === 1 && info.strideWidth === 1;
  const matches = dy.shape[1] === info.outHeight && dy.shape[2] === info.outWidth;
  return isUndilated3x3(info) && stride1 && matches && threads <= WINOGRAD_MAX_THREADS && winogradFits(backend, info.inChannels, info.outChannels);
}

/**
 * Whether the own loop computes this gradient (given the SIMD module). Besides the thread rule
 * above: it reads up to 7 floats past dy's end, harmless only inside the memory; a dy larger than
 * the forward output (conv2dTranspose allows one) is left to the general path; and one image's dy
 * must fit the cache its passes re-read it from (chunks are whole images).
 */
export function takesOwnLoop(backend: WasmBackend, dy: TensorInfo, info: backend_util.Conv2DInfo, threads = xnnpackThreads(backend)): boolean {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const perImage = info.outHeight * info.outWidth * info.outChannels;
  const dyFloats = info.batchSize * perImage;
  return (
    (k <= OWN_LOOP_MAX_K || threads === 1) &&
    perImage <= 4 * OWN_LOOP_DY_FLOATS &&
    sizeOf(dy.shape) === dyFloats &&
    overReadFits(backend, dy, dyFloats)
  );
}

function productByOwnLoop(simd: SimdKernels, backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo, filterShape: readonly number[]): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: co, inChannels: cin } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const perImage = oh * ow * co;
  const imagesPerChunk = Math.max(1, Math.min(n, Math.floor(OWN_LOOP_DY_FLOATS / perImage)));
  const out = makeF32(backend, [...filterShape]);
  const scratch = makeF32(backend, [24]);
  const temporaries = [scratch];
  const at = { out: offsetF32(backend, out), dy: offsetF32(backend, dy), scratch: offsetF32(backend, scratch) };
  heapF32(backend).fill(0, at.out, at.out + fh * fw * cin * co);
  const dyAt = (n0: number) => (at.dy + n0 * perImage) * 4;
  if (cin <= DIRECT_MAX_CIN) {
    const source = tapSource(x, info, backend);
    if (source.canvas) temporaries.push(source.canvas);
    const { hp, wp } = source;
    const xAt = (image: number, row: number) => (source.at + (image * hp + row * sh) * wp * cin) * 4;
    const call = (part: OwnLoopPart, outAt: number, scratchAt: number) =>
      [xAt(part.image, part.row), part.images, hp, wp, cin, fh, fw, sh, sw, dh, dw, dyAt(part.image) + part.row * ow * co * 4, part.rows, ow, co, outAt * 4, scratchAt * 4];
    const loops = loopRunner(backend)!;
    const size = fh * fw * cin * co;
    const parallelParts = loops.threads > 1 ? ownLoopParts(info, Math.min(imagesPerChunk, Math.ceil(n / (loops.threads * CHUNKS_PER_THREAD)))) : [];
    if (parallelParts.length > 1 && parallelParts.length * size <= PARALLEL_SUMS_FLOATS) {
      temporaries.push(...sumPartsInParallel(backend, loops, parallelParts, size, call, at.out));
    } else {
      for (const part of ownLoopParts(info, imagesPerChunk)) simd.filterGradient(...(call(part, at.out, at.scratch) as Parameters<SimdKernels['filterGradient']>));
    }
  } else {
    // Taps from colsᵀ, where each filter row is one contiguous run (wide inputs' taps are far
    // apart in x, and re-reading them pass after pass cost more than this im2col). The same loop
    // reads it as one image k rows high and `cols` pixels wide, one channel, a k×1 filter: filter
    // row t is then row t of colsᵀ, and pixel p its column p.
    const k = fh * fw * cin;
    const colsT = makeF32(backend, [k, imagesPerChunk * oh * ow]);
    temporaries.push(colsT);
    const colsAt = offsetF32(backend, colsT);
    for (let n0 = 0; n0 < n; n0 += imagesPerChunk) {
      const n1 = Math.min(n, n0 + imagesPerChunk);
      const cols = (n1 - n0) * oh * ow;
      im2colTransposed(backend, offsetF32(backend, x), info, n0, n1, colsAt);
      simd.filterGradient(colsAt * 4, 1, k, cols, 1, k, 1, 1, 1, 1, 1, dyAt(n0), 1, cols, co, at.out * 4, at.scratch * 4);
    }
  }
  release(backend, ...temporaries);
  return out;
}

/**
 * Floats of per-part sums the loop may write when it runs on several threads. Each part adds into
 * its own sums, which are then added in part order (the same order on every run, whichever thread
 * ran which part); a layer whose parts would need more (bands of large images) runs on one thread.
 */
const PARALLEL_SUMS_FLOATS = 1 << 20;

/** Runs the parts on the loop threads, each into its own sums, and adds those into `outAt` in order; returns the temporaries to release. */
function sumPartsInParallel(backend: WasmBackend, loops: LoopRunner, parts: readonly OwnLoopPart[], size: number,
  call: (part: OwnLoopPart, outAt: number, scratchAt: number) => number[], outAt: number): TensorInfo[] {
  const sums = makeF32(backend, [parts.length, size]);
  const scratch = makeF32(backend, [parts.length, 24]);
  const [sumsAt, scratchAt] = [offsetF32(backend, sums), offsetF32(backend, scratch)];
  heapF32(backend).fill(0, sumsAt, sumsAt + parts.length * size);
  loops.run('filterGradient', parts.map((part, i) => call(part, sumsAt + i * size, scratchAt + i * 24)));
  const heap = heapF32(backend);
  heap.copyWithin(outAt, sumsAt, sumsAt + size);
  for (let p = 1; p < parts.length; p++) {
    const from = sumsAt + p * size;
    for (let j = 0; j < size; j++) heap[outAt + j] = heap[outAt + j]! + heap[from + j]!;
  }
  return [sums, scratch];
}

/** One call of the own loop: `images` whole images from `image` on, or rows [row, row + rows) of image `image`. */
interface OwnLoopPart {
  image: number;
  images: number;
  row: number;
  rows: number;
}

/**
 * How the own loop's work is cut into calls. Each call makes one pass over its pixels per block of
 * 3 filter rows and 8 channels, and every pass touches about a cache line of dy and one of x per
 * pixel. Where there are many passes (a layer on many channels: the 003 CNN's second has 768), a
 * call gets only as many pixels as keep one pass's lines in the core's L1 cache (PASS_BYTES), a
 * band of image rows if an image is larger: the 003 CNN's second layer took 25 ms instead of 33
 * (001's 16 instead of 19, VGG-style's second 94 instead of 99; Node, one thread, medians of 9
 * interleaved runs, 2026-12-04). Few passes (first layers) keep chunks of whole images, where
 * L1-sized calls cost more in calls than they save (1.6 against 1.75 ms).
 */
const PASS_BYTES = 24 * 1024;
const MANY_PASSES = 256;

export function ownLoopParts(info: backend_util.Conv2DInfo, imagesPerChunk: number): OwnLoopPart[] {
  const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: co, inChannels: cin } = info;
  const passes = Math.ceil((info.filterHeight * info.filterWidth * cin) / 3) * Math.ceil(co / 8);
  const parts: OwnLoopPart[] = [];
  const passPixels = Math.floor(PASS_BYTES / (4 * (Math.min(co, 16) + Math.min(cin, 16))));
  if (passes < MANY_PASSES || oh * ow <= passPixels) {
    const per = passes < MANY_PASSES ? imagesPerChunk : Math.min(imagesPerChunk, Math.floor(passPixels / (oh * ow)));
    for (let image = 0; image < n; image += per) parts.push({ image, images: Math.min(n, image + per) - image, row: 0, rows: oh });
    return parts;
  }
  const bands = Math.ceil(oh / Math.max(1, Math.floor(passPixels / ow)));
  const rowsPerBand = Math.ceil(oh / bands);
  for (let image = 0; image < n; image++) {
    for (let row = 0; row < oh; row += rowsPerBand) parts.push({ image, images: 1, row, rows: Math.min(oh, row + rowsPerBand) - row });
  }
  return parts;
}

function productByXnnpack(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo, filterShape: readonly number[]): TensorInfo {
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
  return { dataId: total!.dataId, shape: [...filterShape], dtype: 'float32' };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
