/**
 * Relu for wasm as one SIMD pass (simd/kernels.wat's relu), cut among the loop threads
 * (_parallel.ts): every layer with a ReLU runs it on every forward pass, LeNet-5's first on 600k
 * floats, where the backend's own kernel runs on one thread. Bit for bit the CPU backend's.
 */
import { Relu, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { makeF32, offsetF32, runOriginal, sizeOf, type KernelArgs } from './_impl.ts';
import { runOverFloats } from './_parallel.ts';
import { loopRunner } from './_simd.ts';

export function relu({ inputs, backend }: KernelArgs<{ x: TensorInfo }, Record<string, never>>): TensorInfo {
  const { x } = inputs;
  const loops = x.dtype === 'float32' ? loopRunner(backend) : undefined;
  if (!loops) return runOriginal(Relu, inputs, {}, backend);
  const out = makeF32(backend, [...x.shape]);
  runOverFloats(loops, 'relu', [offsetF32(backend, x) * 4, offsetF32(backend, out) * 4], sizeOf(x.shape));
  return out;
}

export const reluConfig: KernelConfig = {
  kernelName: Relu,
  backendName: 'wasm',
  kernelFunc: relu as unknown as KernelFunc,
};
