/**
 * Which build of the course's SIMD loops the backend gets: the fused multiply-adds wherever the
 * engine has relaxed SIMD. `npm test` runs this folder's tests twice: in plain Node 20, which
 * lacks relaxed SIMD, and with WASM_FUSED=1 (vitest.config.ts), where every kernel test then
 * checks the fused loops against the CPU backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeWasm } from '../node/backend.ts';
import type { WasmBackend } from './_impl.ts';
import { engineHasRelaxedSimd, fusedMultiplyAdds, setFusedMultiplyAddAllowed, simdKernels } from './_simd.ts';

beforeAll(async () => {
  await initNodeWasm();
});

describe('the SIMD loops’ build', () => {
  it('is the fused one exactly where the engine has relaxed SIMD', () => {
    if (process.env.WASM_FUSED === '1') expect(engineHasRelaxedSimd(), 'WASM_FUSED=1: the test process lacks relaxed SIMD').toBe(true);
    const backend = tf.findBackend('wasm') as unknown as WasmBackend;
    expect(simdKernels(backend)).toBeDefined();
    expect(fusedMultiplyAdds(backend)).toBe(engineHasRelaxedSimd());
  });

  it('is the separate one on a new memory while fused loops are not allowed', () => {
    setFusedMultiplyAddAllowed(false);
    try {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const backend = { wasm: { HEAPU8: new Uint8Array(memory.buffer), asm: { memory } } } as unknown as WasmBackend;
      expect(simdKernels(backend)).toBeDefined();
      expect(fusedMultiplyAdds(backend)).toBe(false);
    } finally {
      setFusedMultiplyAddAllowed(true);
    }
  });
});
