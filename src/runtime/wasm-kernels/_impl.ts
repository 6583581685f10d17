/**
 * Shared plumbing of the course's WASM training kernels.
 *
 * Two kinds of kernels live here. Compute-heavy ones compose the backend's own XNNPACK kernels
 * (Conv2D, BatchMatMul), because those are SIMD and, in a cross-origin-isolated page, use every
 * thread; they are called as plain kernel functions on TensorInfos, so no tensors, tape or engine
 * bookkeeping are involved. Memory-bound ones (pooling gradients, reductions, layout changes) are
 * loops of our own over the WASM heap, in a good memory order: the hottest as SIMD WebAssembly
 * (simd/kernels.wat, loaded by _simd.ts), the rest, and every loop where that module cannot load,
 * in JavaScript. The backend's versions are scalar C++ loops that are often slower than either.
 */
import { getKernel, type DataType, type KernelBackend, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: DataType;
  refCount: number;
}

/** The part of tfjs-backend-wasm's BackendWasm these kernels use (kept structural: its module types are not public). */
export interface WasmBackend extends KernelBackend {
  wasm: {
    HEAPU8: Uint8Array;
    tfjs: { getThreadsCount(): number; disposeData(id: number): void };
    cwrap(name: string, returnType: null, argTypes: string[]): (...args: unknown[]) => void;
  };
  dataIdMap: { get(dataId: object): WasmTensorData | undefined; delete(dataId: object): boolean };
  /** `memoryOffset` (bytes): a tensor over memory that is already allocated, instead of new memory. */
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
}

export interface KernelArgs<I extends Record<string, TensorInfo>, A> {
  inputs: I;
  backend: WasmBackend;
  attrs: A;
}

/**
 * The backend's own kernels, captured before ours replace them, so an override can fall back to
 * (or build on) the original. Filled by `rememberOriginal` during registration.
 */
const originals = new Map<string, KernelConfig>();

export function rememberOriginal(name: string): KernelConfig | undefined {
  if (!originals.has(name)) {
    const kernel = getKernel(name, 'wasm');
    if (kernel) originals.set(name, kernel);
  }
  return originals.get(name);
}

/** Runs the backend's original kernel `name`, even where this module has replaced it. */
export function runOriginal(name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>, backend: WasmBackend): TensorInfo {
  const kernel = originals.get(name) ?? getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend }) as TensorInfo;
}

/** Runs whatever kernel is registered now (ours where we replaced one). */
export function runWasmKernel(name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>, backend: WasmBackend): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend }) as TensorInfo;
}

export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

interface MemoryHolder {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
}

/**
 * A Float32Array over the whole WASM memory. Taken fresh after every allocation: growing the
 * memory detaches the old buffer (single-threaded build), and in the threaded build the
 * module's cached HEAP views can lag behind a growth made by another thread.
 */
export function heapF32(backend: WasmBackend): Float32Array {
  return new Float32Array(heapBuffer(backend));
}

/** The same memory as 32-bit words, for copies that must keep every bit (int32 data, NaN payloads). */
export function heapI32(backend: WasmBackend): Int32Array {
  return new Int32Array(heapBuffer(backend));
}

function heapBuffer(backend: WasmBackend): ArrayBufferLike {
  return wasmMemory(backend)?.buffer ?? backend.wasm.HEAPU8.buffer;
}

/** The threads XNNPACK runs on in this backend (1 in the single-threaded builds). */
export const xnnpackThreads = (backend: WasmBackend): number => backend.wasm.tfjs.getThreadsCount();

/** The backend's WebAssembly.Memory, where its build exposes it. */
export function wasmMemory(backend: WasmBackend): WebAssembly.Memory | undefined {
  const holder = backend.wasm as MemoryHolder;
  return holder.wasmMemory ?? holder.asm?.memory;
}

/**
 * Whether `floats` floats of `info` and the 8 after them lie inside the memory: the SIMD
 * filter-gradient loop reads eight channels at a time, up to 7 floats past its operand's end.
 */
export function overReadFits(backend: WasmBackend, info: TensorInfo, floats: number): boolean {
  return offsetF32(backend, info) + floats + 8 <= heapF32(backend).length;
}

/** Index of a 32-bit tensor's first element in `heapF32` / `heapI32`. */
export function offsetF32(backend: WasmBackend, info: TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('tensor is not on the wasm backend');
  return data.memoryOffset >>> 2;
}

export function makeF32(backend: WasmBackend, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A new tensor sharing `x`'s memory under another shape (what the backend's Reshape does). */
export function view(x: TensorInfo, shape: number[], backend: WasmBackend): TensorInfo {
  if (sizeOf(shape) !== sizeOf(x.shape)) throw new Error(`cannot view ${x.shape} as ${shape}`);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/** A copy of rows [start, start + count) of a tensor seen as [rows, rowSize]. */
export function copyRows(x: TensorInfo, rowSize: number, start: number, count: number, shape: number[], backend: WasmBackend): TensorInfo {
  const out = makeF32(backend, shape);
  const heap = heapF32(backend);
  const src = offsetF32(backend, x) + start * rowSize;
  heap.copyWithin(offsetF32(backend, out), src, src + count * rowSize);
  return out;
}

/**
 * dst[c, r] = src[r, c] for a rows × cols matrix, in 32 × 32 tiles so that both the reads and the
 * writes stay within a few cache lines per tile.
 */
export function transpose2d(heap: Float32Array, src: number, dst: number, rows: number, cols: number): void {
  const T = 32;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(r0 + T, rows);
    for (let c0 = 0; c0 < cols; c0 += T) {
      const c1 = Math.min(c0 + T, cols);
      for (let r = r0; r < r1; r++) {
        const s = src + r * cols;
        for (let c = c0; c < c1; c++) heap[dst + c * rows + r] = heap[s + c]!;
      }
    }
  }
}

/** The transpose of a float32 matrix (the last two dimensions of `x`, per batch), as a new tensor. */
export function transposeLastTwo(x: TensorInfo, backend: WasmBackend): TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2]!;
  const cols = x.shape[rank - 1]!;
  const batch = sizeOf(x.shape.slice(0, -2));
  const out = makeF32(backend, [...x.shape.slice(0, -2), cols, rows]);
  const heap = heapF32(backend);
  const src = offsetF32(backend, x);
  const dst = offsetF32(backend, out);
  for (let b = 0; b < batch; b++) transpose2d(heap, src + b * rows * cols, dst + b * rows * cols, rows, cols);
  return out;
}

export const transpose = (x: TensorInfo, perm: number[], backend: WasmBackend) => runWasmKernel('Transpose', { x }, { perm }, backend);
export const reshape = (x: TensorInfo, shape: number[], backend: WasmBackend) => runWasmKernel('Reshape', { x }, { shape }, backend);
export const reverse = (x: TensorInfo, dims: number[], backend: WasmBackend) => runWasmKernel('Reverse', { x }, { dims }, backend);

export function pad(x: TensorInfo, paddings: [number, number][], backend: WasmBackend): TensorInfo {
  return runWasmKernel('PadV2', { x }, { paddings, constantValue: 0 }, backend);
}

export function slice(x: TensorInfo, begin: number[], size: number[], backend: WasmBackend): TensorInfo {
  return runWasmKernel('Slice', { x }, { begin, size }, backend);
}

/** Normalizes a reduction's `axis` attribute to sorted, non-negative, distinct axes. */
export function normalizeAxes(axis: number | number[] | null | undefined, rank: number): number[] {
  const list = axis == null ? [...Array(rank).keys()] : Array.isArray(axis) ? axis : [axis];
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
}
