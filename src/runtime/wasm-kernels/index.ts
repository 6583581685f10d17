export { registerWasmTrainingKernels } from './register_all_kernels.ts';
export { startLoopHelpers } from './_simd.ts';
