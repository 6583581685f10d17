/**
 * Tile for wasm. Batch-norm gradients tile per-channel statistics to the full activation shape
 * (TF.js's FusedBatchNorm gradient), and the backend's scalar kernel spent ~190 ms per call on a
 * [128, 28, 28, 32] output. Here every input row is placed once and then whole blocks are
 * duplicated with copyWithin (memmove), innermost dimension first.
 */
import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs-core';
import { heapI32, offsetF32, runOriginal, sizeOf, type KernelArgs } from './_impl.ts';

/** Copies `count` 32-bit words; short runs element by element (a copyWithin call costs more than a few words). */
function copyWords(heap: Int32Array, dst: number, src: number, count: number): void {
  if (count < 16) for (let i = 0; i < count; i++) heap[dst + i] = heap[src + i]!;
  else heap.copyWithin(dst, src, src + count);
}

export function tile({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, TileAttrs>): TensorInfo {
  const { x } = inputs;
  const reps = attrs.reps;
  const rank = x.shape.length;
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || rank === 0 || sizeOf(x.shape) === 0) return runOriginal(Tile, inputs, attrs as unknown as Record<string, unknown>, backend);
  const s = x.shape;
  const o = s.map((d, i) => d * (reps[i] ?? 1));
  const out = backend.makeOutput(o, x.dtype);
  if (sizeOf(o) === 0) return out;
  const heap = heapI32(backend);
  const inStride = new Array<number>(rank);
  const outStride = new Array<number>(rank);
  for (let d = rank - 1, a = 1, b = 1; d >= 0; d--) {
    inStride[d] = a;
    outStride[d] = b;
    a *= s[d]!;
    b *= o[d]!;
  }
  const src = offsetF32(backend, x);
  const dst = offsetF32(backend, out);
  const walk = (d: number, limit: number, inOff: number, outOff: number, visit: (inOff: number, outOff: number) => void): void => {
    if (d === limit) {
      visit(inOff, outOff);
      return;
    }
    for (let i = 0; i < s[d]!; i++) walk(d + 1, limit, inOff + i * inStride[d]!, outOff + i * outStride[d]!, visit);
  };
  const last = rank - 1;
  const row = s[last]!;
  walk(0, last, src, dst, (inOff, outOff) => {
    copyWords(heap, outOff, inOff, row);
    for (let k = 1; k < reps[last]!; k++) copyWords(heap, outOff + k * row, outOff, row);
  });
  for (let d = last - 1; d >= 0; d--) {
    const block = s[d]! * outStride[d]!;
    if (reps[d]! === 1) continue;
    walk(0, d, src, dst, (_, outOff) => {
      for (let k = 1; k < reps[d]!; k++) copyWords(heap, outOff + k * block, outOff, block);
    });
  }
  return out;
}

export const tileConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'wasm',
  kernelFunc: tile as unknown as KernelFunc,
};
