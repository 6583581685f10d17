/** Sum for wasm: contiguous-axes reductions in one pass (see _reduce_impl.ts), the rest as before. */
import { Sum, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runOriginal, type KernelArgs } from './_impl.ts';
import { reduceContiguous } from './_reduce_impl.ts';

export function sum({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, SumAttrs>): TensorInfo {
  return reduceContiguous(inputs.x, attrs.axis, attrs.keepDims, false, backend) ?? runOriginal(Sum, inputs, attrs as unknown as Record<string, unknown>, backend);
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelFunc,
};
