/**
 * Chooses and initializes the TF.js backend inside the worker.
 *
 * Automatic order: WebGPU on a hardware adapter → WASM (SIMD; where the page is cross-origin
 * isolated and has two or more cores, the threaded build, whose shared memory lets the course's
 * loops run on helper workers, `loopHelpersFor`, and XNNPACK on four or more, `wasmThreadsFor`) → CPU. Software WebGPU
 * adapters (SwiftShader) are skipped: a small CNN's training step took 9.5 s there against
 * 0.31 s on threaded WASM. An explicit choice is honoured even on a software adapter. Every backend is imported lazily, so only the one in use
 * is downloaded.
 */
import * as tf from '@tensorflow/tfjs-core';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendName } from '../protocol.ts';
import type { WasmBackend } from '../wasm-kernels/_impl.ts';

export interface ActiveBackend {
  name: BackendName;
  /** The most threads a training step runs on: XNNPACK's, or the course's loops' (the training worker and its helpers). */
  threads: number;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string };
}

async function hardwareGpuAvailable(): Promise<boolean> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return false;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter || adapter.isFallbackAdapter) return false;
  const info = `${adapter.info?.vendor ?? ''} ${adapter.info?.architecture ?? ''} ${adapter.info?.description ?? ''}`;
  return !/swiftshader|llvmpipe|software/i.test(info);
}

async function initWebGpu(): Promise<ActiveBackend> {
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu init failed');
  return { name: 'webgpu', threads: 1 };
}

/**
 * XNNPACK threads for `cores` logical cores: half of them, TF.js's own rule, and no pool at all
 * (the single-threaded build) below two threads. Every XNNPACK call wakes the pool and waits for
 * each of its threads, and the page, the browser and V8's garbage collector need a core too. On
 * a 2-core machine a pool on both cores (the course's rule until 2026-12-03) made LeNet-5's step
 * 1.3–3.1× slower, each of its ~40 XNNPACK calls waiting 1–3 ms in the slow runs, and bigger
 * models 0.7–1.7× as fast (README.md, "Threads on 2 cores").
 */
export function wasmThreadsFor(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}

/**
 * Helper workers for the course's own SIMD loops on `cores` logical cores (wasm-kernels/_parallel.ts):
 * one per core beyond the training worker's, up to three. Unlike XNNPACK's pool, a helper that
 * wakes late costs nothing but its share of the work, which the training worker then does itself.
 */
export function loopHelpersFor(cores: number): number {
  return Math.min(cores, 4) - 1;
}

const logicalCores = () => Math.max(1, navigator.hardwareConcurrency || 1);

/**
 * XNNPACK threads above one, and loop helpers, need the threaded build (its memory is shared),
 * which needs a cross-origin-isolated page.
 */
async function initWasm(threads: number, loopHelpers = 0): Promise<ActiveBackend> {
  const threaded = (threads > 1 || loopHelpers > 0) && self.crossOriginIsolated;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!threaded) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  if (threaded) wasm.setThreadsCount(threads);
  // TF.js 4.22 sizes XNNPACK's pool as min(threads asked for, hardwareConcurrency / 2). Reporting
  // twice the threads while the backend starts makes the pool the count asked for (the bench
  // asks for one per core). Training results do not depend on it: each output element is still
  // computed by one thread, in the same order.
  const started = await whileReportingCores(threaded ? threads * 2 : logicalCores(), () => tf.setBackend('wasm'));
  if (!started) throw new Error('wasm init failed');
  const { registerWasmTrainingKernels, startLoopHelpers } = await import('../wasm-kernels/index.ts');
  registerWasmTrainingKernels();
  const spawn = () => new Worker(new URL('../wasm-kernels/loop-helper.worker.ts', import.meta.url), { type: 'module', name: 'loop-helper' });
  // The loops wait for their helpers with Atomics.wait, which a page's main thread may not call.
  const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  const serving = threaded && inWorker ? await startLoopHelpers(tf.backend() as unknown as WasmBackend, loopHelpers, spawn) : 0;
  return { name: 'wasm', threads: Math.max(wasm.getThreadsCount(), 1 + serving) };
}

/** Runs `start` while `navigator.hardwareConcurrency` reads `cores`, then restores the real value. */
async function whileReportingCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const real = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  try {
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores, configurable: true });
  } catch {
    return start(); // a frozen navigator: keep TF.js's own count
  }
  try {
    return await start();
  } finally {
    if (real) Object.defineProperty(navigator, 'hardwareConcurrency', real);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

async function initCpu(): Promise<ActiveBackend> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('cpu init failed');
  return { name: 'cpu', threads: 1 };
}

const courseWasm = () => initWasm(wasmThreadsFor(logicalCores()), loopHelpersFor(logicalCores()));
const INIT: Record<BackendName, () => Promise<ActiveBackend>> = { webgpu: initWebGpu, wasm: courseWasm, cpu: initCpu };

/** The single-threaded SIMD build whatever the cores (the benchmark compares the builds). */
export function startWasmWithoutThreads(): Promise<ActiveBackend> {
  return initWasm(1);
}

/** The threaded build with XNNPACK and the loops on every core, where the page allows it (the benchmark's `wasm-threads`). */
export function startWasmOnEveryCore(): Promise<ActiveBackend> {
  return initWasm(logicalCores(), loopHelpersFor(logicalCores()));
}

/** Starts exactly this backend, software adapters included, or throws (the benchmark measures each one). */
export function startBackend(name: BackendName): Promise<ActiveBackend> {
  return INIT[name]();
}

export async function initBackend(choice: BackendChoice, warn: (text: string) => void): Promise<ActiveBackend> {
  const order: BackendName[] =
    choice === 'auto' ? [...((await hardwareGpuAvailable()) ? (['webgpu'] as const) : []), 'wasm', 'cpu'] : [choice, 'wasm', 'cpu'];
  let lastError: unknown;
  for (const name of [...new Set(order)]) {
    try {
      return await INIT[name]();
    } catch (error) {
      lastError = error;
      warn(`${name} 백엔드를 시작하지 못해 다음 백엔드로 넘어갑니다: ${(error as Error).message}`);
    }
  }
  throw lastError;
}
