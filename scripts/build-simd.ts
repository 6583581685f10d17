/**
 * Rebuilds src/runtime/wasm-kernels/simd/module.generated.ts from kernels.wat (with the `wabt`
 * package, no downloads). Run after editing kernels.wat: npm run build:simd
 */
import { writeFileSync } from 'node:fs';
import { compileSimdKernels, generatedModuleText } from '../src/runtime/wasm-kernels/simd/compile.ts';

const binaries = await compileSimdKernels();
const target = new URL('../src/runtime/wasm-kernels/simd/module.generated.ts', import.meta.url);
writeFileSync(target, generatedModuleText(binaries));
console.log(`module.generated.ts: ${binaries.plain.length} bytes (plain memory), ${binaries.shared.length} bytes (shared memory)`);
