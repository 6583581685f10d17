/** The backend the Node grading process evaluates models on: WASM when it starts, else CPU. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export async function initGradingBackend(preferred: 'cpu' | 'wasm'): Promise<string> {
  if (preferred === 'wasm') {
    try {
      const { initNodeWasm } = await import('../../src/runtime/node/wasm.ts');
      await initNodeWasm();
      return 'wasm';
    } catch {
      // fall through to cpu
    }
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
