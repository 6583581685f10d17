/**
 * Chooses and initializes the TF.js backend inside the worker.
 *
 * Automatic order: WebGPU on a hardware adapter → WASM (SIMD, one thread per core when the page
 * is cross-origin isolated) → CPU. Software WebGPU adapters (SwiftShader) are skipped: a small
 * CNN's training step took 9.5 s there against 0.31 s on threaded WASM. An explicit choice is
 * honoured even on a software adapter. Every backend is imported lazily, so only the one in use
 * is downloaded.
 */
import * as tf from '@tensorflow/tfjs-core';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendName } from '../protocol.ts';

export interface ActiveBackend {
  name: BackendName;
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

/** `threaded`: the multi-threaded build where the page allows it; false keeps the single-threaded SIMD build. */
async function initWasm(threaded = self.crossOriginIsolated): Promise<ActiveBackend> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!threaded) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  if (threaded) wasm.setThreadsCount(cores);
  // TF.js 4.22 sizes XNNPACK's pool as min(threads asked for, hardwareConcurrency / 2), which
  // leaves a 2-core machine with one thread. Reporting twice the cores while the backend starts
  // makes the pool the count asked for (one thread per core). Training results are unchanged:
  // each output element is still computed by one thread, in the same order.
  const started = await whileReportingCores(threaded ? cores * 2 : cores, () => tf.setBackend('wasm'));
  if (!started) throw new Error('wasm init failed');
  const { registerWasmTrainingKernels } = await import('../wasm-kernels/index.ts');
  registerWasmTrainingKernels();
  return { name: 'wasm', threads: wasm.getThreadsCount() };
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

const INIT: Record<BackendName, () => Promise<ActiveBackend>> = { webgpu: initWebGpu, wasm: initWasm, cpu: initCpu };

/** The single-threaded SIMD build even in a cross-origin-isolated page (the benchmark compares it with the threaded one). */
export function startWasmWithoutThreads(): Promise<ActiveBackend> {
  return initWasm(false);
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
