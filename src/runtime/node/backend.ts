/**
 * The TF.js backend in Node, for the runner thread and the grading process alike: WASM with the
 * course's training kernels when it starts, else CPU.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../wasm-kernels/index.ts';

export type NodeBackend = 'cpu' | 'wasm';

export async function initNodeWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  registerWasmTrainingKernels();
}

/** Starts `preferred`, falling back to CPU; returns the backend in use. */
export async function startNodeBackend(preferred: NodeBackend): Promise<NodeBackend> {
  if (preferred === 'wasm') {
    try {
      await initNodeWasm();
      return 'wasm';
    } catch {
      // fall through to cpu
    }
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
