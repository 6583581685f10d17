/**
 * A fast Conv2DBackpropInput for wasm (the backend's own is a scalar loop, ~8× slower than the
 * forward convolution), in one of four ways:
 *
 * - for dx of fewer than 8 channels (first layers, LeNet-5's second) from dy channels in fours,
 *   stride 1, undilated: a direct loop of our own, each dx value a few dot products over dy's
 *   channels (viaNarrowConv);
 * - for undilated 3×3 filters of stride 1 where Winograd fits: by Winograd over the forward
 *   output's tiles, the forward pass's adjoint (winogradInputGradient3x3), unless the product way
 *   below is cheaper (the adjoint way, inputGradientWay);
 *
 * or, of the other two, whichever does less work:
 *
 * - as a stride-1 forward convolution of dy — spread apart by the stride and padded by (filter
 *   extent − 1 − pad) in one JavaScript pass — with the filter rotated 180° and its in/out
 *   channels swapped, and the forward dilation kept: by Winograd (_winograd.ts) for undilated
 *   3×3 filters over 16 channels and more, else by XNNPACK. Its cost is the input's size times the
 *   filter, however many of the spread canvas's pixels are zeros;
 * - as one XNNPACK product, cols = dy · Wᵀ ([pixels of dy, fh·fw·ci]), whose rows are then added
 *   into dx at the windows they came from (col2im). Its cost is dy's size times the filter, plus
 *   the additions: far less where dy is much smaller than x (strides, valid convolutions of small
 *   images: LeNet-5's last convolution maps 5×5 to 1×1, so the canvas was 96% zeros).
 */
import { backend_util, Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, spreadSpatial } from './_conv_impl.ts';
import { heapF32, makeF32, offsetF32, release, runOriginal, runWasmKernel, sizeOf, view, type KernelArgs, type WasmBackend } from './_impl.ts';
import { chunkRanges } from './_parallel.ts';
import { loopRunner, simdKernels } from './_simd.ts';
import { isUndilated3x3, winogradConv3x3, winogradFits, winogradInputGradient3x3, winogradProducts } from './_winograd.ts';
import { takeUnusedInputGradient } from './UnusedInputGradient.ts';

/** Whether the canvas way's stride-1 convolution (3×3, undilated, from co to ci channels) runs by Winograd. */
export const takesWinograd = (info: backend_util.Conv2DInfo, backend: WasmBackend): boolean =>
  isUndilated3x3(info) && winogradFits(backend, info.outChannels, info.inChannels);

/** w[kh, kw, ci, co] → w'[fh − 1 − kh, fw − 1 − kw, co, ci]. */
export function rotateAndSwap(filter: TensorInfo, backend: WasmBackend): TensorInfo {
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  const out = makeF32(backend, [fh, fw, co, ci]);
  const heap = heapF32(backend);
  const src = offsetF32(backend, filter);
  const dst = offsetF32(backend, out);
  for (let kh = 0; kh < fh; kh++)
    for (let kw = 0; kw < fw; kw++) {
      const s = src + (kh * fw + kw) * ci * co;
      const d = dst + ((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci * co;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) heap[d + o * ci + i] = heap[s + i * co + o]!;
    }
  return out;
}

export function conv2DBackpropInput({ inputs, backend, attrs }: KernelArgs<{ dy: TensorInfo; filter: TensorInfo }, Conv2DBackpropInputAttrs & { dilations?: number | [number, number] }>): TensorInfo {
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropInput supports NHWC only');
  const info = convGeometry(attrs.inputShape, filter.shape as [number, number, number, number], attrs, false);
  if (takeUnusedInputGradient()) {
    const zeros = makeF32(backend, [...attrs.inputShape]);
    heapF32(backend).fill(0, offsetF32(backend, zeros), offsetF32(backend, zeros) + sizeOf(attrs.inputShape));
    return zeros;
  }
  const winograd = takesWinograd(info, backend);
  const way = dy.shape[1] === info.outHeight && dy.shape[2] === info.outWidth ? inputGradientWay(info, backend, winograd) : 'canvas';
  if (way === 'narrow') return viaNarrowConv(dy, filter, info, backend);
  if (way === 'product') return viaProduct(dy, filter, info, backend);
  if (way === 'adjoint') return winogradInputGradient3x3(backend, dy, filter, info.padInfo.top, info.padInfo.left, info.inHeight, info.inWidth);
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, inHeight, inWidth } = info;
  const extentH = (info.filterHeight - 1) * dh + 1;
  const extentW = (info.filterWidth - 1) * dw + 1;
  // A stride-1 window of the filter's extent must yield exactly inHeight × inWidth positions.
  // A dy larger than the forward output (conv2dTranspose accepts one) is read only up to that
  // output's size, as the CPU and WebGL backends read it.
  const top = extentH - 1 - info.padInfo.top;
  const left = extentW - 1 - info.padInfo.left;
  const flipped = rotateAndSwap(filter, backend);
  if (winograd) {
    const out = winogradConv3x3(backend, dy, flipped, { strideH: sh, strideW: sw, top, left, rows: info.outHeight, cols: info.outWidth }, inHeight, inWidth);
    release(backend, flipped);
    return out;
  }
  const canvas = spreadSpatial(dy, sh, sw, top, left, inHeight + extentH - 1, inWidth + extentW - 1, backend, info.outHeight, info.outWidth);
  const out = runOriginal('Conv2D', { x: canvas, filter: flipped }, { strides: 1, pad: 'valid', dilations: [dh, dw], dataFormat: 'NHWC' }, backend);
  release(backend, canvas, flipped);
  return out;
}

/**
 * The two ways' costs in multiply-adds, fitted to measurements (Node wasm, one thread, batch 128,
 * medians of interleaved runs, 2026-12-04). XNNPACK's products fill output channels 8 at a time,
 * so a product with N of them costs as much as one with N rounded up to 8: the canvas way's N is
 * ci, the product way's fh·fw·ci. col2im adds each window row's taps as one run (each tap alone
 * where the filter is dilated), and a run costs about COL2IM_RUN_COST multiply-adds' time besides
 * its additions. Few input channels take the product way (seed 001's first layer, 3×3 over one
 * channel: 5.8 ms against 16.5 on the canvas; LeNet-5's first, 5×5 over one: 4.1 against 7.8; its
 * second: 2.7 against 5.0), same-padded layers of many channels the canvas (the 003 CNN's second:
 * 35.7 against 38.1 ms; 64 → 128 channels on 14×14: 104 against 130).
 */
const COL2IM_RUN_COST = 64;
/**
 * The canvas way's cost by Winograd against XNNPACK's direct convolution: the products do 16/36 of
 * the work, the transforms add some back. Winograd took 0.51–0.74 of XNNPACK's time on the seed
 * layers' forward convolutions (Node, one thread, batch 128, 2026-12-04). With it, the input
 * gradient of the 003 CNN's second layer took 15.9 ms against 30.8 by the product way, 001's second
 * 14.1 against 17.7, while 001's third, 5×5 → 3×3 over 64 channels, was faster by the product
 * (5.2 against 10.1). The adjoint way's products are the forward output's, fewer than the canvas's
 * wherever dx is the larger: interleaved medians, 2026-12-05, adjoint against canvas and product:
 * 001's second 9.6–9.9 against 17.0 and 24.2 ms, its third 4.4–4.9 against 10.8–11.8 and 5.5–6.1,
 * 004's model 3's second 8.6–9.5 against 16.1–17.4, VGG-style's fourth (batch 32) 29.9–34.7
 * against 48.6–56.1; and where they are as many (same padding), it saves building dy's canvas: the
 * 003 CNN's second 14.7–16.1 against 17.1–17.6, VGG-style's second and third (batch 32) 12.1 and
 * 12.8 against 13.1 and 14.2.
 */
const WINOGRAD_COST = 0.6;
const tilesOf8 = (n: number) => Math.ceil(n / 8) * 8;

export type InputGradientWay = 'narrow' | 'product' | 'canvas' | 'adjoint';
let forcedWay: InputGradientWay | undefined;

/** Makes every input gradient that can take `way` take it (undefined: the rule below), so tests reach each way on any shape. */
export function setInputGradientWay(way: InputGradientWay | undefined): void {
  forcedWay = way;
}

/**
 * Which way computes dx, for a dy of the forward output's size (a larger one, which
 * conv2dTranspose accepts, takes the canvas way, which reads only that much of it). Where the
 * canvas way would run by Winograd with stride 1, the adjoint way does the same over the forward
 * output's tiles (winogradInputGradient3x3), and takes its place wherever those are fewer.
 */
export function inputGradientWay(info: backend_util.Conv2DInfo, backend: WasmBackend, winograd = takesWinograd(info, backend)): InputGradientWay {
  const narrow = narrowWayFits(info) && simdKernels(backend) !== undefined;
  const adjointFits = winograd && info.strideHeight === 1 && info.strideWidth === 1;
  if (forcedWay === 'narrow' ? narrow : forcedWay === 'adjoint' ? adjointFits : forcedWay !== undefined) return forcedWay!;
  if (narrow) return 'narrow';
  const tilesScale = adjointFits ? winogradProducts(info.outHeight, info.outWidth) / winogradProducts(info.inHeight, info.inWidth) : 1;
  if (productIsCheaper(info, winograd, Math.min(1, tilesScale))) return 'product';
  return adjointFits && tilesScale <= 1 ? 'adjoint' : 'canvas';
}

/** `canvasScale`: the share of the canvas way's products the adjoint way needs, where that runs instead. */
export function productIsCheaper(info: backend_util.Conv2DInfo, winograd: boolean, canvasScale = 1): boolean {
  const taps = info.filterHeight * info.filterWidth;
  const ci = info.inChannels;
  const runs = info.dilationWidth === 1 ? info.filterHeight : taps;
  const canvas = info.inHeight * info.inWidth * taps * info.outChannels * tilesOf8(ci) * (winograd ? WINOGRAD_COST * canvasScale : 1);
  const product = info.outHeight * info.outWidth * (info.outChannels * tilesOf8(taps * ci) + runs * COL2IM_RUN_COST + taps * ci);
  return product < canvas;
}

/**
 * The narrow way takes dx of up to NARROW_MAX_CHANNELS channels, under XNNPACK's 8-wide tiles
 * (Node wasm, one thread, batch 128, interleaved medians, 2026-12-04, narrow against the better
 * of the other two): seed 001's first layer 4.2–4.4 ms against 4.9, LeNet-5's second 2.7–2.8
 * against 2.9–3.5, 4 → 16 channels 3×3 on 14×14 1.4 against 1.9–2.1. It loses a little on 6 →
 * 16 channels 3×3 (2.1–2.2 against 2.0–2.1) and clearly at 8 (8 → 32: 4.5–4.7 against 3.4–3.6).
 */
export const NARROW_MAX_CHANNELS = 7;
let narrowEnabled = true;

/** Turns the narrow way off (and on again), so tests can still reach the other two ways with few channels. */
export function setNarrowEnabled(on: boolean): void {
  narrowEnabled = on;
}

function narrowWayFits(info: backend_util.Conv2DInfo): boolean {
  return narrowEnabled && info.inChannels <= NARROW_MAX_CHANNELS && info.outChannels % 4 === 0 && info.inWidth >= narrowPixels(info.inChannels)
    && info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/** The loop's four accumulators: one pixel by four channels, two by two, or four pixels by one. */
const narrowPixels = (ci: number) => (ci % 4 === 0 ? 1 : ci % 2 === 0 ? 2 : 4);

/**
 * dx as a direct stride-1 correlation of dy with the filter rotated 180°, each dx value a few
 * dot products over dy's channels (simd/kernels.wat's narrowConv). Writes no [pixels, fh·fw·ci]
 * product: where ci is small, the other ways spend most of their time moving memory, and
 * XNNPACK's products fill 8 output channels at a time. dy goes on a canvas padded left and
 * right only, so that every window row lies inside; rows outside are skipped in the loop.
 */
function viaNarrowConv(dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, backend: WasmBackend): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co, filterHeight: fh, filterWidth: fw } = info;
  // w'[c, kh, kw, o] = W[fh − 1 − kh, fw − 1 − kw, c, o].
  const rotated = makeF32(backend, [ci, fh, fw, co]);
  const heap = heapF32(backend);
  const src = offsetF32(backend, filter);
  const dst = offsetF32(backend, rotated);
  for (let c = 0; c < ci; c++)
    for (let kh = 0; kh < fh; kh++)
      for (let kw = 0; kw < fw; kw++) {
        const s = src + (((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci + c) * co;
        heap.copyWithin(dst + ((c * fh + kh) * fw + kw) * co, s, s + co);
      }
  const canvasWidth = w + fw - 1;
  const left = fw - 1 - info.padInfo.left; // negative where the padding is wider than the filter: dy is cropped
  const canvas = spreadSpatial(dy, 1, 1, 0, left, oh, canvasWidth, backend);
  const dx = makeF32(backend, [n, h, w, ci]);
  const [canvasAt, dxAt] = [offsetF32(backend, canvas), offsetF32(backend, dx)];
  const loops = loopRunner(backend)!;
  loops.run('narrowConv', chunkRanges(n, loops.threads).map(([n0, n1]) => [(canvasAt + n0 * oh * canvasWidth * co) * 4, dst * 4, (dxAt + n0 * h * w * ci) * 4,
    n1 - n0, oh, canvasWidth, co, h, w, ci, fh, fw, fh - 1 - info.padInfo.top, left, ow, narrowPixels(ci)]));
  release(backend, rotated, canvas);
  return dx;
}

function viaProduct(dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, backend: WasmBackend): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co, filterHeight: fh, filterWidth: fw } = info;
  const k = fh * fw * ci;
  const rows = view(dy, [1, n * oh * ow, co], backend);
  const taps = view(filter, [1, k, co], backend);
  const cols = runWasmKernel('BatchMatMul', { a: rows, b: taps }, { transposeA: false, transposeB: true }, backend);
  release(backend, rows, taps);
  const dx = makeF32(backend, [n, h, w, ci]);
  col2imAdd(backend, offsetF32(backend, cols), info, offsetF32(backend, dx));
  release(backend, cols);
  return dx;
}

/**
 * dx = 0, then every row (n, oy, ox) of cols, [fh, fw, ci] per row, added at the input pixels its
 * window covers. The same loop runs as SIMD WebAssembly (simd/kernels.wat) where the module loads,
 * adding a window row's taps as one run where the filter is not dilated (twice as fast on few
 * channels: seed 001's first layer 2.6 → 1.4 ms, LeNet-5's second 1.3 → 0.6).
 */
function col2imAdd(backend: WasmBackend, cols: number, info: backend_util.Conv2DInfo, dx: number): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const simd = simdKernels(backend);
  if (simd) {
    simd.col2imAdd(cols * 4, dx * 4, n, h, w, ci, oh, ow, fh, fw, sh, sw, dh, dw, pt, pl);
    return;
  }
  const heap = heapF32(backend);
  heap.fill(0, dx, dx + n * h * w * ci);
  let row = cols;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++, row += fh * fw * ci) {
        for (let kh = 0; kh < fh; kh++) {
          const iy = oy * sh + kh * dh - pt;
          if (iy < 0 || iy >= h) continue;
          for (let kw = 0; kw < fw; kw++) {
            const ix = ox * sw + kw * dw - pl;
            if (ix < 0 || ix >= w) continue;
            const d = dx + ((b * h + iy) * w + ix) * ci;
            const s = row + (kh * fw + kw) * ci;
            for (let c = 0; c < ci; c++) heap[d + c] = heap[d + c]! + heap[s + c]!;
          }
        }
      }
    }
  }
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
