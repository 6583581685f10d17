/**
 * Rebuilds src/runtime/wasm-kernels/simd/module.generated.ts from kernels.wat (with the `wabt`
 * package, no downloads). Run after editing kernels.wat: npm run build:simd
 */
import { writeFileSync } from 'node:fs';
import { compileSimdKernels, generatedModuleText } from '../src/runtime/wasm-kernels/simd/compile.ts';

const binaries = await compileSimdKernels();
const target = new URL('../src/runtime/wasm-kernels/simd/module.generated.ts', import.meta.url);
writeFileSync(target, generatedModuleText(binaries));
const sizes = (kind: 'plain' | 'shared') => `${binaries[kind].separate.length} bytes (${kind} memory), ${binaries[kind].fused.length} fused`;
console.log(`module.generated.ts: ${sizes('plain')}; ${sizes('shared')}`);
