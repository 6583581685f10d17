import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSimdKernels, generatedModuleText } from './compile.ts';

describe('the SIMD kernels module', () => {
  it('is compiled from the kernels.wat in the tree (run npm run build:simd after editing it)', async () => {
    const committed = readFileSync(new URL('./module.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generatedModuleText(await compileSimdKernels()));
  });
});
