/**
 * 3×3 stride-1 convolutions by Winograd's minimal filtering (Lavin & Gray, "Fast Algorithms for
 * Convolutional Neural Networks", 2016), F(2×2, 3×3) or F(4×4, 3×3). For F(2×2, 3×3), each 4×4
 * tile of the input and each 3×3 filter are transformed into 16 values (simd/kernels.wat:
 * winogradInput, winogradFilter); the tile's 2×2 outputs are then 16 independent products over
 * the channels, one [tiles, ci]·[ci, co] matrix product per value, run by XNNPACK, and a transform
 * back (winogradOutput). That is 16 multiply-adds per 4 outputs and channel pair where the direct
 * convolution spends 36, so the products do 2.25× less work; the transforms are additions over
 * memory. F(4×4, 3×3) reads 6×6 tiles into 36 values for 4×4 outputs (the winograd4 loops): 36
 * multiply-adds per 16 outputs, 4× less than direct, at the price of transforms with
 * multiplications and a larger rounding error (1.1·10⁻⁵ of the largest output over 128 channels
 * against the CPU backend, where F(2×2, 3×3) stays under 10⁻⁵). Every convolution here takes
 * whichever needs fewer products for its output (winogradTile): the forward pass, the input
 * gradient over the same tiles (winogradInputGradient3x3, the forward pass's adjoint) or over a
 * canvas of dy (the forward pass again), and the filter gradient.
 *
 * Images are taken in chunks so that the transformed tiles stay in cache between the transform
 * and the products.
 */
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { spreadSpatial } from './_conv_impl.ts';
import { heapF32, makeF32, offsetF32, release, transposeLastTwo, view, type WasmBackend } from './_impl.ts';
import { runOverImages } from './_parallel.ts';
import { loopRunner, simdKernels, type SimdKernels } from './_simd.ts';

/**
 * Floats of transformed input and products per chunk (4 MB). Chunks of 1 to 64 MB ran within
 * noise of each other on the seed layers (Node, 2026-12-04); 256 KB was slower on the narrow
 * ones.
 */
const CHUNK_FLOATS = 1 << 20;

/**
 * Input channels from which the transforms pay for themselves. Node wasm, one thread, batch 128,
 * 2026-12-04, XNNPACK's direct convolution against this: 14×14, 16 → 16 channels, same padding:
 * 4.3 against 4.4 ms (even); the 003 CNN's second layer, 32 → 64: 33.6 against 22.3; VGG-style's
 * fourth, 128 → 256 on 14×14, valid: 290 against 148.
 */
export const WINOGRAD_MIN_CHANNELS = 16;

/**
 * How x is laid out on the zero canvas the tiles are read from: input pixel (i, j) lands at
 * (top + i·strideH, left + j·strideW), as spreadSpatial places it; `rows` × `cols` limit the
 * pixels read to x's top-left corner. A forward convolution spreads with stride 1 and its padding;
 * an input gradient spreads dy by the forward stride.
 */
export interface Spread {
  strideH: number;
  strideW: number;
  top: number;
  left: number;
  rows?: number;
  cols?: number;
}

let enabled = true;

/** Turns Winograd off (and on again), so tests can still reach the loops it replaces on these layers. */
export function setWinogradEnabled(on: boolean): void {
  enabled = on;
}

/** Whether a convolution's filter is 3×3 and undilated, the filters Winograd's F(2×2, 3×3) and F(4×4, 3×3) are for. */
export const isUndilated3x3 = (info: backend_util.Conv2DInfo): boolean =>
  info.filterHeight === 3 && info.filterWidth === 3 && info.dilationHeight === 1 && info.dilationWidth === 1;

/** Whether a stride-1, undilated 3×3 convolution from ci to co channels can run here. */
export function winogradFits(backend: WasmBackend, ci: number, co: number): boolean {
  return enabled && ci % 4 === 0 && co % 4 === 0 && ci >= WINOGRAD_MIN_CHANNELS && simdKernels(backend) !== undefined;
}

/** Output tile sizes: F(2×2, 3×3) reads 4×4 tiles, F(4×4, 3×3) 6×6. */
export type TileSize = 2 | 4;

/** A tile size tests fix for every convolution; undefined: winogradTile's rule. */
let forcedTile: TileSize | undefined;

/** Makes the forward convolution use one tile size (undefined: the default), so tests can check both. */
export function setWinogradTile(tile: TileSize | undefined): void {
  forcedTile = tile;
}

/**
 * The tile size for an oh × ow output. F(4×4, 3×3) spends 36 multiply-adds per 16 outputs where
 * F(2×2, 3×3) spends 16 per 4, but its tiles cover an output whose sides are not multiples of 4
 * with more waste. Forward, F(4×4) against F(2×2) (Node wasm, one thread, batch 128, interleaved
 * medians, 2026-12-04): seed 001's second layer 9.4–9.7 against 13.0 ms, the 003 CNN's second
 * 16.2–16.4 against 17.4–17.6, VGG-style's second 48.7–48.9 against 68.5–68.9, its fourth 110–113
 * against 169–176; as the input gradient's canvas way, 001's second 16.8–17.7 against 17.9–18.0
 * and VGG-style's fourth 203–210 against 237–238. The filter gradient, F(4×4) against F(2×2)
 * (2026-12-05): 001's second 7.8 against 12.0 ms, its third 3.2 against 5.0, VGG-style's second
 * 10.4 against 16.3 (batch 32), its fourth 28.2 against 42.6 (batch 32).
 */
export function winogradTile(oh: number, ow: number): TileSize {
  if (forcedTile) return forcedTile;
  return tileProducts(4, oh, ow) < tileProducts(2, oh, ow) ? 4 : 2;
}

/** Products per (ci, co) pair and image of one tile size over an oh × ow output. */
const tileProducts = (tile: TileSize, oh: number, ow: number) => (tile + 2) ** 2 * Math.ceil(oh / tile) * Math.ceil(ow / tile);

/** Products per channel pair and image of a Winograd convolution with an oh × ow output, at winogradTile's size. */
export const winogradProducts = (oh: number, ow: number): number => tileProducts(winogradTile(oh, ow), oh, ow);

/** The tiles over an oh × ow output at winogradTile's size: th × tw of them, `values` transformed values each. */
function tileGrid(oh: number, ow: number): { tile: TileSize; values: number; th: number; tw: number } {
  const tile = winogradTile(oh, ow);
  return { tile, values: (tile + 2) ** 2, th: Math.ceil(oh / tile), tw: Math.ceil(ow / tile) };
}

/**
 * Calls `chunk` for the n images imagesPerChunk at a time: the first image, how many, their tiles,
 * and the distance between the chunk's transformed matrices (oddStride).
 */
function forEachChunk(n: number, imagesPerChunk: number, tilesPerImage: number, chunk: (b0: number, images: number, tiles: number, stride: number) => void): void {
  for (let b0 = 0; b0 < n; b0 += imagesPerChunk) {
    const images = Math.min(imagesPerChunk, n - b0);
    const tiles = images * tilesPerImage;
    chunk(b0, images, tiles, oddStride(tiles));
  }
}

/**
 * The [n, oh, ow, co] output of a stride-1, undilated convolution with the [3, 3, ci, co] filter
 * over x spread as `spread` says. The caller checks `winogradFits`.
 */
export function winogradConv3x3(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, spread: Spread, oh: number, ow: number): TensorInfo {
  const simd = simdKernels(backend) as SimdKernels;
  const [n, , , ci] = x.shape as [number, number, number, number];
  const co = filter.shape[3]!;
  const { tile, values, th, tw } = tileGrid(oh, ow);
  const { at: source, hp, wp, canvas } = tileSource(backend, x, spread, th, tw, tile);
  const transformFilter = tile === 4 ? simd.winograd4Filter : simd.winogradFilter;
  const [transformInput, transformOutput] = tile === 4 ? (['winograd4Input', 'winograd4Output'] as const) : (['winogradInput', 'winogradOutput'] as const);
  const loops = loopRunner(backend)!;

  const u = makeF32(backend, [values, ci, co]);
  transformFilter(offsetF32(backend, filter) * 4, offsetF32(backend, u) * 4, ci, co);
  const tilesPerImage = th * tw;
  const imagesPerChunk = Math.max(1, Math.min(n, Math.floor(CHUNK_FLOATS / (values * tilesPerImage * (ci + co)))));
  const v = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * ci]);
  const m = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * co]);
  const out = makeF32(backend, [n, oh, ow, co]);
  const [uAt, vAt, mAt, outAt] = [u, v, m, out].map((t) => offsetF32(backend, t)) as [number, number, number, number];
  // The [ci, co] matrices stay the same over the chunks, so XNNPACK packs each once.
  const weights = Array.from({ length: values }, (_, xi) => subTensor(backend, uAt + xi * ci * co, [1, ci, co]));
  forEachChunk(n, imagesPerChunk, tilesPerImage, (b0, images, tiles, stride) => {
    runOverImages(loops, transformInput, (source + b0 * hp * wp * ci) * 4, hp * wp * ci, vAt * 4, tilesPerImage * ci, images, [hp, wp, ci, th, tw, stride]);
    productsPerValue(backend, vAt, mAt, weights, tiles, stride);
    runOverImages(loops, transformOutput, mAt * 4, tilesPerImage * co, (outAt + b0 * oh * ow * co) * 4, oh * ow * co, images, [th, tw, co, oh, ow, stride]);
  });
  dropSubTensor(backend, ...weights);
  release(backend, u, v, m);
  if (canvas) release(backend, canvas);
  return out;
}

/**
 * The [n, h, w, ci] input gradient of a stride-1, undilated 3×3 convolution whose x sits at
 * (top, left) of its padding, from its [n, oh, ow, co] output gradient dy, over the forward pass's
 * own tiles. Per tile the forward pass is y = Aᵀ·[Σ_ci U ⊙ (Bᵀ·d·B)]·A, so the tile's d gets
 * B·[Σ_co U ⊙ (A·dY·Aᵀ)]·Bᵀ, and overlapping tiles add up. That is as many products as the forward
 * convolution, where the canvas way (a forward convolution over dy padded to dx's size plus two)
 * does dx's size in tiles: for a valid convolution dx is the larger, 13×13 against 11×11 on seed
 * 001's second layer (16 tiles of 36 products against 9). The tiles land on a zeroed canvas of the
 * padded input, which is then cropped to dx.
 */
export function winogradInputGradient3x3(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, top: number, left: number, h: number, w: number): TensorInfo {
  const simd = simdKernels(backend) as SimdKernels;
  const [n, oh, ow, co] = dy.shape as [number, number, number, number];
  const ci = filter.shape[2]!;
  const { tile, values, th, tw } = tileGrid(oh, ow);
  const [hp, wp] = [tile * th + 2, tile * tw + 2];
  const transformFilter = tile === 4 ? simd.winograd4Filter : simd.winogradFilter;
  const [transformGradient, transformBack] = tile === 4 ? (['winograd4OutputGrad', 'winograd4InputGrad'] as const) : (['winogradOutputGrad', 'winogradInputGrad'] as const);
  const loops = loopRunner(backend)!;

  // U with its channels swapped, [values, co, ci], so each product is D[ξ]·U[ξ]ᵀ as XNNPACK takes it.
  const taps = view(filter, [9, ci, co], backend);
  const swapped = transposeLastTwo(taps, backend);
  const u = makeF32(backend, [values, co, ci]);
  transformFilter(offsetF32(backend, swapped) * 4, offsetF32(backend, u) * 4, co, ci);
  release(backend, taps, swapped);
  const tilesPerImage = th * tw;
  const imagesPerChunk = Math.max(1, Math.min(n, Math.floor(CHUNK_FLOATS / (values * tilesPerImage * (ci + co) + hp * wp * ci))));
  const d = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * co]);
  const p = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * ci]);
  const canvas = makeF32(backend, [imagesPerChunk, hp, wp, ci]);
  const dx = makeF32(backend, [n, h, w, ci]);
  const [uAt, dAt, pAt, canvasAt, dyAt, dxAt] = [u, d, p, canvas, dy, dx].map((t) => offsetF32(backend, t)) as [number, number, number, number, number, number];
  const weights = Array.from({ length: values }, (_, xi) => subTensor(backend, uAt + xi * co * ci, [1, co, ci]));
  const rowFloats = w * ci;
  forEachChunk(n, imagesPerChunk, tilesPerImage, (b0, images, tiles, stride) => {
    runOverImages(loops, transformGradient, (dyAt + b0 * oh * ow * co) * 4, oh * ow * co, dAt * 4, tilesPerImage * co, images, [oh, ow, co, th, tw, stride]);
    productsPerValue(backend, dAt, pAt, weights, tiles, stride);
    // Taken after the products: XNNPACK may grow the memory, which detaches an earlier view.
    const heap = heapF32(backend);
    heap.fill(0, canvasAt, canvasAt + images * hp * wp * ci);
    runOverImages(loops, transformBack, pAt * 4, tilesPerImage * ci, canvasAt * 4, hp * wp * ci, images, [hp, wp, ci, th, tw, stride]);
    for (let b = 0; b < images; b++)
      for (let i = 0; i < h; i++) {
        const from = canvasAt + ((b * hp + top + i) * wp + left) * ci;
        heap.copyWithin(dxAt + ((b0 + b) * h + i) * rowFloats, from, from + rowFloats);
      }
  });
  dropSubTensor(backend, ...weights);
  release(backend, u, d, p, canvas);
  return dx;
}

/**
 * out[ξ] = a[ξ]·weights[ξ] for every transformed value ξ, one XNNPACK product [tiles, k]·[k, n]
 * each, where weights[ξ] is [1, k, n] and the ξ-th matrices of a and out start ξ·stride rows
 * after aAt and outAt (floats).
 */
function productsPerValue(backend: WasmBackend, aAt: number, outAt: number, weights: TensorInfo[], tiles: number, stride: number): void {
  weights.forEach((weight, xi) => {
    const [, k, n] = weight.shape as [number, number, number];
    const a = subTensor(backend, aAt + xi * stride * k, [1, tiles, k]);
    const product = subTensor(backend, outAt + xi * stride * n, [1, tiles, n]);
    xnnpackProduct(backend, a, weight, product);
    dropSubTensor(backend, a, product);
  });
}

/**
 * The distance, in tiles, between the transformed values' matrices: an odd number, so that the
 * 16 or 36 matrices a tile's transform writes (and reads back) do not start a multiple of 4 KB
 * apart, where they would share the L1 cache's sets. 288 tiles of 32 channels, 9 × 4 KB apart,
 * made F(4×4, 3×3)'s input transform of the 003 CNN's second layer 5× slower.
 */
const oddStride = (tiles: number) => tiles | 1;

/**
 * Where th × tw tiles of `tile` + 2 pixels a side, `tile` apart, read x from: rows 0 … tile·th + 1
 * and columns 0 … tile·tw + 1 of a zero canvas holding x as `spread` places it (`canvas`, for the
 * caller to release), or x itself where it already is that canvas.
 */
function tileSource(backend: WasmBackend, x: TensorInfo, spread: Spread, th: number, tw: number, tile: TileSize): { at: number; hp: number; wp: number; canvas?: TensorInfo } {
  const [, h, w] = x.shape as [number, number, number, number];
  const [hp, wp] = [tile * th + 2, tile * tw + 2];
  const direct = spread.strideH === 1 && spread.strideW === 1 && spread.top === 0 && spread.left === 0 &&
    (spread.rows ?? h) >= h && (spread.cols ?? w) >= w && h >= hp && w >= wp;
  if (direct) return { at: offsetF32(backend, x), hp: h, wp: w };
  const canvas = spreadSpatial(x, spread.strideH, spread.strideW, spread.top, spread.left, hp, wp, backend, spread.rows, spread.cols);
  return { at: offsetF32(backend, canvas), hp, wp, canvas };
}

/**
 * The [3, 3, ci, co] filter gradient of a stride-1, undilated convolution whose x ([n, h, w, ci])
 * sits at (top, left) of its padding and whose output gradient is dy ([n, oh, ow, co]). The
 * forward pass above is y = Aᵀ·[Σ_ci U ⊙ V]·A per tile, so per tile the gradient of U is
 * V ⊙ (A·dY·Aᵀ) and the filter's is Gᵀ·(that)·G: 16 or 36 products Vᵀ·D over the tiles (the
 * course's filterGradient loop, which adds them up chunk by chunk), then one transform back
 * (winogradFilterGrad, winograd4FilterGrad). The products are one call each on the loop threads
 * (_parallel.ts), each into its own ξ; Conv2DBackpropFilter's takesWinograd weighs them against
 * XNNPACK's threads.
 */
export function winogradFilterGradient3x3(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, top: number, left: number): TensorInfo {
  const simd = simdKernels(backend) as SimdKernels;
  const [n, , , ci] = x.shape as [number, number, number, number];
  const [, oh, ow, co] = dy.shape as [number, number, number, number];
  const { tile, values, th, tw } = tileGrid(oh, ow);
  const { at: source, hp, wp, canvas } = tileSource(backend, x, { strideH: 1, strideW: 1, top, left }, th, tw, tile);
  const [transformInput, transformGradient] = tile === 4 ? (['winograd4Input', 'winograd4OutputGrad'] as const) : (['winogradInput', 'winogradOutputGrad'] as const);
  const loops = loopRunner(backend)!;
  const tilesPerImage = th * tw;
  const imagesPerChunk = Math.max(1, Math.min(n, Math.floor(CHUNK_FLOATS / (values * tilesPerImage * (ci + co)))));
  const v = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * ci]);
  // The loop reads up to 7 floats past a product's last row of D: keep them inside this tensor.
  const d = makeF32(backend, [values * oddStride(imagesPerChunk * tilesPerImage) * co + 8]);
  const du = makeF32(backend, [values, ci, co]);
  const scratch = makeF32(backend, [values, 24]);
  const [vAt, dAt, duAt, scratchAt, dyAt] = [v, d, du, scratch, dy].map((t) => offsetF32(backend, t)) as [number, number, number, number, number];
  heapF32(backend).fill(0, duAt, duAt + values * ci * co);
  forEachChunk(n, imagesPerChunk, tilesPerImage, (b0, images, tiles, stride) => {
    runOverImages(loops, transformInput, (source + b0 * hp * wp * ci) * 4, hp * wp * ci, vAt * 4, tilesPerImage * ci, images, [hp, wp, ci, th, tw, stride]);
    runOverImages(loops, transformGradient, (dyAt + b0 * oh * ow * co) * 4, oh * ow * co, dAt * 4, tilesPerImage * co, images, [oh, ow, co, th, tw, stride]);
    // dU[ξ] += V[ξ]ᵀ·D[ξ]: the loop's 1×1 filter over `tiles` pixels of ci channels; each ξ its own output and scratch.
    loops.run('filterGradient', Array.from({ length: values }, (_, xi) =>
      [(vAt + xi * stride * ci) * 4, 1, 1, tiles, ci, 1, 1, 1, 1, 1, 1, (dAt + xi * stride * co) * 4, 1, tiles, co, (duAt + xi * ci * co) * 4, (scratchAt + xi * 24) * 4]));
  });
  const out = makeF32(backend, [3, 3, ci, co]);
  (tile === 4 ? simd.winograd4FilterGrad : simd.winogradFilterGrad)(duAt * 4, offsetF32(backend, out) * 4, ci * co);
  release(backend, v, d, du, scratch);
  if (canvas) release(backend, canvas);
  return out;
}

/**
 * A tensor over floats [at, at + size) of memory another tensor owns, so XNNPACK can read or
 * write a part of it in place. Dropped with dropSubTensor, never released: the memory is not its own.
 */
function subTensor(backend: WasmBackend, at: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', at * 4);
}

function dropSubTensor(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) {
    const data = backend.dataIdMap.get(info.dataId);
    if (!data) continue;
    // Lets the backend forget the id (and XNNPACK the operators it cached for it) without freeing.
    backend.wasm.tfjs.disposeData(data.id);
    backend.dataIdMap.delete(info.dataId);
  }
}

type ProductFunc = (aId: number, aShape: Uint8Array, aRank: number, bId: number, bShape: Uint8Array, bRank: number, transposeA: number, transposeB: number, outId: number) => void;
const products = new WeakMap<object, ProductFunc>();

/**
 * out = a·b for a = [1, m, k], b = [1, k, n] by the backend's C BatchMatMul (XNNPACK for untransposed
 * batch-1 products) writing into an existing tensor: the kernel function would allocate its output.
 */
function xnnpackProduct(backend: WasmBackend, a: TensorInfo, b: TensorInfo, out: TensorInfo): void {
  let product = products.get(backend.wasm);
  if (!product) {
    product = backend.wasm.cwrap('BatchMatMul', null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']) as ProductFunc;
    products.set(backend.wasm, product);
  }
  const id = (info: TensorInfo) => backend.dataIdMap.get(info.dataId)!.id;
  const shapeBytes = (info: TensorInfo) => new Uint8Array(new Int32Array(info.shape).buffer);
  product(id(a), shapeBytes(a), 3, id(b), shapeBytes(b), 3, 0, 0, id(out));
}
