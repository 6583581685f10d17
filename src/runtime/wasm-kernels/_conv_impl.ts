/** Convolution geometry and the layout changes the convolution gradients are built from. */
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import { heapF32, makeF32, offsetF32, type WasmBackend } from './_impl.ts';
import { simdKernels } from './_simd.ts';

export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Convolution geometry from a gradient kernel's attributes (the same computation the forward op made). */
export function convGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: ConvAttrs,
  depthwise: boolean,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(xShape, filterShape, attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, depthwise);
}

/**
 * Spreads an NHWC tensor onto a zero canvas [n, outH, outW, c]: input pixel (i, j) lands at
 * (top + i·strideH, left + j·strideW); pixels that land outside are dropped (negative `top`
 * or `left` crop). This one pass is both the zero-dilation of a strided convolution's output
 * gradient and the padding that turns its transpose into a plain stride-1 convolution.
 * `rows` × `cols` (default: all of x) limits the pixels read to x's top-left corner.
 */
export function spreadSpatial(
  x: TensorInfo,
  strideH: number,
  strideW: number,
  top: number,
  left: number,
  outH: number,
  outW: number,
  backend: WasmBackend,
  rows?: number,
  cols?: number,
): TensorInfo {
  const [n, xh, w, c] = x.shape as [number, number, number, number];
  const h = Math.min(rows ?? xh, xh);
  const out = makeF32(backend, [n, outH, outW, c]);
  const heap = heapF32(backend);
  const src = offsetF32(backend, x);
  const dst = offsetF32(backend, out);
  // The input columns whose target column lies on the canvas.
  const jLo = Math.max(0, Math.ceil(-left / strideW));
  const jHi = Math.min(cols ?? w, w, Math.floor((outW - 1 - left) / strideW) + 1);
  const simd = simdKernels(backend);
  if (simd && strideH === 1 && strideW === 1 && jLo === 0 && jHi === w && top >= 0 && top + h <= outH) {
    // Plain padding, every pixel kept: per image, zero rows above and below, and the rows between
    // as zeros, x's row, zeros in one SIMD pass (padColumns), not a fill of the whole canvas
    // followed by a copy per row.
    const image = outH * outW * c;
    for (let b = 0; b < n; b++) {
      const d = dst + b * image;
      heap.fill(0, d, d + top * outW * c);
      simd.padColumns((src + b * xh * w * c) * 4, (d + top * outW * c) * 4, h, w, c, left, outW);
      heap.fill(0, d + (top + h) * outW * c, d + image);
    }
    return out;
  }
  heap.fill(0, dst, dst + n * outH * outW * c);
  if (jHi <= jLo) return out;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      const row = top + i * strideH;
      if (row < 0 || row >= outH) continue;
      const s = src + ((b * xh + i) * w) * c;
      const d = dst + ((b * outH + row) * outW + left) * c;
      if (strideW === 1) {
        heap.copyWithin(d + jLo * c, s + jLo * c, s + jHi * c);
      } else {
        for (let j = jLo; j < jHi; j++) {
          const sj = s + j * c;
          const dj = d + j * strideW * c;
          for (let k = 0; k < c; k++) heap[dj + k] = heap[sj + k]!;
        }
      }
    }
  }
  return out;
}

/**
 * x as the course's direct SIMD loops read it: every tap of every output pixel inside, with no
 * bounds checks. A padded convolution's x goes on a zero canvas just large enough ([n, hp, wp,
 * cin], `canvas` for the caller to release); an unpadded one is x itself.
 */
export function tapSource(x: TensorInfo, info: backend_util.Conv2DInfo, backend: WasmBackend): { at: number; hp: number; wp: number; canvas?: TensorInfo } {
  const { outHeight: oh, outWidth: ow, inHeight: h, inWidth: w, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const [reachH, reachW] = [(oh - 1) * sh + (fh - 1) * dh + 1, (ow - 1) * sw + (fw - 1) * dw + 1];
  const { top, left } = info.padInfo;
  if (top === 0 && left === 0 && reachH <= h && reachW <= w) return { at: offsetF32(backend, x), hp: h, wp: w };
  const canvas = spreadSpatial(x, 1, 1, top, left, reachH, reachW, backend);
  return { at: offsetF32(backend, canvas), hp: reachH, wp: reachW, canvas };
}

/**
 * Writes the transposed im2col matrix of images [n0, n1) of NHWC `x` at `dst`:
 * row (kh·fw + kw)·cin + ci, column ((n − n0)·outH + oh)·outW + ow holds
 * x[n, oh·sh + kh·dh − padTop, ow·sw + kw·dw − padLeft, ci], or 0 in the padding.
 * Rows are ordered like a [fh, fw, cin, cout] filter, so (this matrix) · dy is the filter gradient.
 * Loops run image row by image row so the fh input rows being read stay in L1 while every
 * filter tap writes one contiguous run. The same loop runs as WebAssembly (simd/kernels.wat)
 * where the module loads.
 */
export function im2colTransposed(backend: WasmBackend, xOff: number, info: backend_util.Conv2DInfo, n0: number, n1: number, dst: number): void {
  const { inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const simd = simdKernels(backend);
  if (simd) {
    simd.im2colTransposed(xOff * 4, dst * 4, n0, n1, h, w, cin, oh, ow, fh, fw, sh, sw, dh, dw, pt, pl);
    return;
  }
  const heap = heapF32(backend);
  const cols = (n1 - n0) * oh * ow;
  // Per tap column: the output columns whose input column is inside the image.
  const lo = new Int32Array(fw);
  const hi = new Int32Array(fw);
  for (let kw = 0; kw < fw; kw++) {
    lo[kw] = Math.min(ow, Math.max(0, Math.ceil((pl - kw * dw) / sw)));
    hi[kw] = Math.max(lo[kw]!, Math.min(ow, Math.floor((w - 1 + pl - kw * dw) / sw) + 1));
  }
  const step = sw * cin;
  for (let n = n0; n < n1; n++) {
    for (let y = 0; y < oh; y++) {
      const col = ((n - n0) * oh + y) * ow;
      for (let kh = 0; kh < fh; kh++) {
        const ih = y * sh + kh * dh - pt;
        const inside = ih >= 0 && ih < h;
        const xRow = xOff + (n * h + ih) * w * cin;
        for (let kw = 0; kw < fw; kw++) {
          const l = lo[kw]!;
          const r = hi[kw]!;
          for (let ci = 0; ci < cin; ci++) {
            const d = dst + ((kh * fw + kw) * cin + ci) * cols + col;
            if (!inside) {
              for (let x = 0; x < ow; x++) heap[d + x] = 0;
              continue;
            }
            for (let x = 0; x < l; x++) heap[d + x] = 0;
            let s = xRow + (l * sw + kw * dw - pl) * cin + ci;
            for (let x = l; x < r; x++, s += step) heap[d + x] = heap[s]!;
            for (let x = r; x < ow; x++) heap[d + x] = 0;
          }
        }
      }
    }
  }
}
