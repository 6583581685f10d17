/**
 * Identity for wasm without the copy: the backend's kernel copies the whole tensor, and
 * tfjs-layers runs Identity after every layer (about 20 ms per training step of the seed-003
 * CNN). TF.js tensors are immutable, so sharing the data with a reference count is what the CPU
 * backend and the wasm Reshape already do.
 */
import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { runOriginal, type KernelArgs } from './_impl.ts';

export function identity({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo }, Record<string, never>>): TensorInfo {
  const { x } = inputs;
  if (x.dtype === 'string') return runOriginal(Identity, { x }, attrs, backend);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};
