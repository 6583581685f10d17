/**
 * The course's own SIMD loops (simd/kernels.wat), instantiated on tfjs-backend-wasm's memory so
 * they work in place on its tensors. JavaScript loops over the heap are scalar; these process
 * four floats per instruction. Where WebAssembly SIMD or the backend's Memory object is missing,
 * `simdKernels` returns undefined and each kernel keeps its JavaScript loop.
 */
import { SIMD_KERNELS_PLAIN, SIMD_KERNELS_PLAIN_FUSED, SIMD_KERNELS_SHARED, SIMD_KERNELS_SHARED_FUSED } from './simd/module.generated.ts';
import { wasmMemory, type WasmBackend } from './_impl.ts';
import { LoopPool, SequentialLoops, type LoopHelper, type LoopRunner, type Loops } from './_parallel.ts';

/** Byte addresses in the backend's memory; see kernels.wat for each function's contract. */
export interface SimdKernels {
  maxPoolGrad2x2(x: number, dy: number, dx: number, n: number, h: number, w: number, c: number, oh: number, ow: number): void;
  sumRows(src: number, dst: number, acc: number, rows: number, inner: number, scale: number): void;
  addBias(src: number, bias: number, dst: number, rows: number, inner: number): void;
  adamUpdate(w: number, g: number, m: number, v: number, wOut: number, mOut: number, vOut: number, count: number,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
    oneMinusAccBeta1: number, oneMinusAccBeta2: number, epsilon: number, negLr: number): void;
  col2imAdd(cols: number, dx: number, n: number, h: number, w: number, ci: number, oh: number, ow: number, fh: number, fw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number): void;
  relu(x: number, out: number, count: number): void;
  maxPool2x2(x: number, out: number, n: number, h: number, w: number, c: number, oh: number, ow: number): void;
  reluGrad(dy: number, x: number, out: number, count: number): void;
  im2colTransposed(x: number, dst: number, n0: number, n1: number, h: number, w: number, cin: number, oh: number, ow: number, fh: number, fw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number): void;
  filterGradient(x: number, n: number, hp: number, wp: number, cin: number, fh: number, fw: number, sh: number, sw: number, dh: number, dw: number,
    dy: number, oh: number, ow: number, co: number, out: number, scratch: number): void;
  winogradInput(src: number, dst: number, n: number, hp: number, wp: number, c: number, th: number, tw: number, tiles: number): void;
  winogradOutput(m: number, y: number, n: number, th: number, tw: number, co: number, oh: number, ow: number, tiles: number): void;
  winogradFilter(filter: number, u: number, ci: number, co: number): void;
  narrowConv(input: number, w: number, out: number, n: number, ih: number, iw: number, cin: number, oh: number, ow: number, cout: number,
    fh: number, fw: number, top: number, left: number, cols: number, pixels: number): void;
  shallowConv(src: number, w: number, out: number, n: number, hp: number, wp: number, ci: number, oh: number, ow: number, co: number,
    fh: number, fw: number, sh: number, sw: number, dh: number, dw: number): void;
  padColumns(src: number, dst: number, rows: number, w: number, c: number, left: number, wp: number): void;
  winograd4Input(src: number, dst: number, n: number, hp: number, wp: number, c: number, th: number, tw: number, tiles: number): void;
  winograd4Output(m: number, y: number, n: number, th: number, tw: number, co: number, oh: number, ow: number, tiles: number): void;
  winograd4Filter(filter: number, u: number, ci: number, co: number): void;
  winogradOutputGrad(dy: number, dst: number, n: number, oh: number, ow: number, co: number, th: number, tw: number, tiles: number): void;
  winograd4OutputGrad(dy: number, dst: number, n: number, oh: number, ow: number, co: number, th: number, tw: number, tiles: number): void;
  winogradInputGrad(products: number, canvas: number, n: number, hp: number, wp: number, c: number, th: number, tw: number, tiles: number): void;
  winograd4InputGrad(products: number, canvas: number, n: number, hp: number, wp: number, c: number, th: number, tw: number, tiles: number): void;
  winogradFilterGrad(du: number, dw: number, pairs: number): void;
  winograd4FilterGrad(du: number, dw: number, pairs: number): void;
}

interface Instance {
  kernels: SimdKernels;
  fused: boolean;
  /** Where the memory is shared and helpers were asked for (`startLoopHelpers`). */
  pool?: LoopPool;
}

const instances = new WeakMap<WebAssembly.Memory, Instance | null>();
let enabled = true;
let fusedAllowed = true;

/** Turns the SIMD loops off (and on again), so tests can check the JavaScript loops engines without SIMD get. */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

/**
 * Turns the fused multiply-adds off (and on again) for memories the loops have not yet been
 * instantiated on, so tests can compare the two builds of the loops on one engine.
 */
export function setFusedMultiplyAddAllowed(on: boolean): void {
  fusedAllowed = on;
}

let helpers: { count: number; spawn: () => LoopHelper } | undefined;

/**
 * Instantiates the SIMD loops on this backend's memory with `count` helper workers besides the
 * kernel's own thread, each made by `spawn` (_parallel.ts), and resolves with how many serve
 * within `timeoutMs`. Only a shared memory gets helpers (0 otherwise), and only where the loops
 * are not yet instantiated on it: call it right after the backend starts.
 */
export async function startLoopHelpers(backend: WasmBackend, count: number, spawn: () => LoopHelper, timeoutMs = 10_000): Promise<number> {
  helpers = count > 0 ? { count, spawn } : undefined;
  try {
    const pool = instanceFor(backend)?.pool;
    return pool ? await pool.ready(timeoutMs) : 0;
  } finally {
    helpers = undefined;
  }
}

let pretendThreads = 1;

/** Without a pool, has the kernels cut their loops' work for `threads` threads and run it in turn (tests of the chunked paths). */
export function setPretendLoopThreads(threads: number): void {
  pretendThreads = threads;
}

/** What runs the kernels' chunked loops on this backend: the pool, or the kernel's own thread. */
export function loopRunner(backend: WasmBackend): LoopRunner | undefined {
  const instance = instanceFor(backend);
  if (!instance) return undefined;
  return instance.pool ?? new SequentialLoops(instance.kernels as unknown as Loops, pretendThreads);
}

/** Chunks each thread of this backend's pool has run, the kernel's own first; undefined without a pool. */
export function loopChunksRun(backend: WasmBackend): number[] | undefined {
  return instanceFor(backend)?.pool?.chunksRun();
}

function instanceFor(backend: WasmBackend): Instance | undefined {
  const memory = enabled ? wasmMemory(backend) : undefined;
  if (!memory) return undefined;
  let instance = instances.get(memory);
  if (instance === undefined) {
    instance = instantiate(memory);
    instances.set(memory, instance);
  }
  return instance ?? undefined;
}

export function simdKernels(backend: WasmBackend): SimdKernels | undefined {
  return instanceFor(backend)?.kernels;
}

/** Whether the loops on this backend's memory run relaxed SIMD's fused multiply-adds (simd/fused-multiply-add.ts). */
export function fusedMultiplyAdds(backend: WasmBackend): boolean {
  return instanceFor(backend)?.fused ?? false;
}

const decoded = new Map<string, Uint8Array<ArrayBuffer>>();

/** A build's bytes, decoded once (a plain loop: Uint8Array.from with a callback took 4–19 ms for 38 KB). */
function decode(b64: string): Uint8Array<ArrayBuffer> {
  let bytes = decoded.get(b64);
  if (!bytes) {
    const text = atob(b64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    decoded.set(b64, bytes);
  }
  return bytes;
}

let relaxedSimd: boolean | undefined;

/** Whether this engine has relaxed SIMD, so that the loops' fused build validates. */
export function engineHasRelaxedSimd(): boolean {
  relaxedSimd ??= WebAssembly.validate(decode(SIMD_KERNELS_PLAIN_FUSED));
  return relaxedSimd;
}

/** A pool with `helpers.count` helpers, or none where a helper cannot be made (a context without workers). */
function poolOf(loops: Loops, memory: WebAssembly.Memory, module: WebAssembly.Module, helpers: { count: number; spawn: () => LoopHelper }): LoopPool | undefined {
  try {
    return new LoopPool(loops, memory, module, Array.from({ length: helpers.count }, () => helpers.spawn()));
  } catch {
    return undefined;
  }
}

/**
 * The fused build where the engine has relaxed SIMD, else (or where that fails to instantiate) the
 * separate one where it has SIMD at all; null where neither works, and the kernels keep their
 * JavaScript loops.
 */
function instantiate(memory: WebAssembly.Memory): Instance | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const separate = { fused: false, b64: shared ? SIMD_KERNELS_SHARED : SIMD_KERNELS_PLAIN };
  const fused = { fused: true, b64: shared ? SIMD_KERNELS_SHARED_FUSED : SIMD_KERNELS_PLAIN_FUSED };
  for (const build of fusedAllowed && engineHasRelaxedSimd() ? [fused, separate] : [separate]) {
    try {
      // Synchronous, as the kernels are: compiling and instantiating the 38 KB module took 0.4–1 ms in Node.
      const module = new WebAssembly.Module(decode(build.b64));
      const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
      const pool = shared && helpers ? poolOf(exports as unknown as Loops, memory, module, helpers) : undefined;
      return { kernels: exports as unknown as SimdKernels, fused: build.fused, ...(pool ? { pool } : {}) };
    } catch {
      // an engine without SIMD, or a context that refuses to compile: try the next build
    }
  }
  return null;
}
