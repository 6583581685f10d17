/**
 * BatchMatMul for wasm. The backend sends only untransposed, batch-1 products to XNNPACK; every
 * transposed or batched one takes a scalar loop (the dense-layer gradients x·dyᵀ and dy·Wᵀ took
 * 250 ms per seed-003 step against 8 ms for the forward product). Here transposed operands are
 * transposed in memory first (a tiled JavaScript pass, cheap next to the product), a batch of a
 * against one shared b is folded into the rows, and other batches run one XNNPACK product per
 * batch entry.
 *
 * aᵀ·b, every dense layer's weight gradient xᵀ·dy, takes the course's own SIMD loop where XNNPACK
 * has one thread: it is Conv2DBackpropFilter's loop for a 1×1 filter over k pixels (a's rows), so
 * a is read where it is, with no transposition. In Node (2026-12-03, medians of 11) the 003 CNN's
 * [128, 3136]ᵀ·[128, 100] took 5.8 ms against 11.3 ms for a transposition and XNNPACK's product,
 * [128, 9216]ᵀ·[128, 128] 16.7 against 32.6 ms. With more than OWN_LOOP_MAX_N columns in b,
 * XNNPACK's was as fast or faster ([128, 9216]ᵀ·[128, 256]: 48.6 against 54.8 ms), so those keep it.
 */
import { BatchMatMul, broadcast_util, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { copyRows, heapF32, makeF32, offsetF32, overReadFits, release, runOriginal, sizeOf, transposeLastTwo, view, xnnpackThreads, type KernelArgs, type WasmBackend } from './_impl.ts';
import { simdKernels } from './_simd.ts';

/** Columns of b up to which aᵀ·b takes the own loop. */
const OWN_LOOP_MAX_N = 128;

/** Below this many multiply-adds per batch entry, the per-entry XNNPACK setup costs more than the scalar loop. */
const PER_ENTRY_MIN_MACS = 1 << 15;

function fast(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean, backend: WasmBackend): TensorInfo {
  const a2 = transposeA ? transposeLastTwo(a, backend) : a;
  const b2 = transposeB ? transposeLastTwo(b, backend) : b;
  const out = runOriginal(BatchMatMul, { a: a2, b: b2 }, { transposeA: false, transposeB: false }, backend);
  if (a2 !== a) release(backend, a2);
  if (b2 !== b) release(backend, b2);
  return out;
}

export function batchMatMul({ inputs, backend, attrs }: KernelArgs<{ a: TensorInfo; b: TensorInfo }, BatchMatMulAttrs>): TensorInfo {
  const { a, b } = inputs;
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  const original = () => runOriginal(BatchMatMul, inputs, attrs as unknown as Record<string, unknown>, backend);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return original();
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const m = transposeA ? a.shape[aRank - 1]! : a.shape[aRank - 2]!;
  const k = transposeA ? a.shape[aRank - 2]! : a.shape[aRank - 1]!;
  const kb = transposeB ? b.shape[bRank - 1]! : b.shape[bRank - 2]!;
  const n = transposeB ? b.shape[bRank - 2]! : b.shape[bRank - 1]!;
  if (k !== kb) return original(); // let the backend raise its usual error
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  const outShape = [...broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)), m, n];
  if (m * k * n === 0) return original();

  if (batchA === 1 && batchB === 1) {
    if (transposeA && !transposeB && n <= OWN_LOOP_MAX_N) {
      const product = ownTransposedProduct(a, b, m, k, n, backend);
      if (product) return withShape(product, outShape);
    }
    return withShape(fast(a, b, transposeA, transposeB, backend), outShape);
  }
  if (batchB === 1 && !transposeA) {
    // Every entry of a meets the same b: stack a's rows into one product.
    const rows = view(a, [1, batchA * m, k], backend);
    const out = fast(rows, b, false, transposeB, backend);
    release(backend, rows);
    return withShape(out, outShape);
  }
  const batch = Math.max(batchA, batchB);
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1) || m * k * n < PER_ENTRY_MIN_MACS) return original();
  const out = makeF32(backend, outShape);
  const aShape = [1, a.shape[aRank - 2]!, a.shape[aRank - 1]!];
  const bShape = [1, b.shape[bRank - 2]!, b.shape[bRank - 1]!];
  for (let i = 0; i < batch; i++) {
    const ai = copyRows(a, m * k, batchA === 1 ? 0 : i, 1, aShape, backend);
    const bi = copyRows(b, k * n, batchB === 1 ? 0 : i, 1, bShape, backend);
    const part = fast(ai, bi, transposeA, transposeB, backend);
    const heap = heapF32(backend);
    const from = offsetF32(backend, part);
    heap.copyWithin(offsetF32(backend, out) + i * m * n, from, from + m * n);
    release(backend, ai, bi, part);
  }
  return out;
}

/**
 * aᵀ·b for a = [k, m], b = [k, n] by the filter-gradient loop (simd/kernels.wat): filter rows are
 * a's m columns, pixels its k rows, channels b's n columns. Undefined where the loop does not
 * apply: no SIMD module, XNNPACK threads to use instead (the product has m rows to share out), or b too close to the memory's end for
 * the loop's reads of up to 7 floats past it.
 */
function ownTransposedProduct(a: TensorInfo, b: TensorInfo, m: number, k: number, n: number, backend: WasmBackend): TensorInfo | undefined {
  const simd = simdKernels(backend);
  if (!simd || xnnpackThreads(backend) !== 1 || !overReadFits(backend, b, k * n)) return undefined;
  const out = makeF32(backend, [1, m, n]);
  const scratch = makeF32(backend, [24]);
  const outAt = offsetF32(backend, out);
  heapF32(backend).fill(0, outAt, outAt + m * n);
  simd.filterGradient(offsetF32(backend, a) * 4, 1, 1, k, m, 1, 1, 1, 1, 1, 1, offsetF32(backend, b) * 4, 1, k, n, outAt * 4, offsetF32(backend, scratch) * 4);
  release(backend, scratch);
  return out;
}

/** The backend's product is [batch, m, n]; the op's output has the broadcast batch dimensions. */
function withShape(out: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: out.dataId, shape, dtype: out.dtype };
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
