/** Mean for wasm (batch-norm moments in training): contiguous-axes reductions in one pass, the rest as before. */
import { Mean, type KernelConfig, type KernelFunc, type MeanAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runOriginal, type KernelArgs } from './_impl.ts';
import { reduceContiguous } from './_reduce_impl.ts';

export function mean({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, MeanAttrs>): TensorInfo {
  return reduceContiguous(inputs.x, attrs.axis, attrs.keepDims, true, backend) ?? runOriginal(Mean, inputs, attrs as unknown as Record<string, unknown>, backend);
}

export const meanConfig: KernelConfig = {
  kernelName: Mean,
  backendName: 'wasm',
  kernelFunc: mean as unknown as KernelFunc,
};
