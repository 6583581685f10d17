/** The WASM backend in Node, with the course's training kernels registered. */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../wasm-kernels/index.ts';

export async function initNodeWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  registerWasmTrainingKernels();
}
