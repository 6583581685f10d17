/**
 * The TF.js backend in Node, for the sandboxed runner and the grading process alike: WASM with
 * the course's training kernels when it starts, else CPU.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../wasm-kernels/index.ts';

export type NodeBackend = 'cpu' | 'wasm';

/** The folder of tfjs-backend-wasm's .wasm files, resolved from this module. */
export function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist`;
}

/** `wasmDir`: where the .wasm files are, for code bundled away from node_modules (the sandbox). */
export async function initNodeWasm(wasmDir: string = wasmDistDir()): Promise<void> {
  setWasmPaths(`${wasmDir}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  registerWasmTrainingKernels();
}

/** Starts `preferred`, falling back to CPU; returns the backend in use. */
export async function startNodeBackend(preferred: NodeBackend, wasmDir?: string): Promise<NodeBackend> {
  if (preferred === 'wasm') {
    try {
      await initNodeWasm(wasmDir);
      return 'wasm';
    } catch {
      // fall through to cpu
    }
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
