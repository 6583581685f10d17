export { registerWasmTrainingKernels } from './register_all_kernels.ts';
