/**
 * ReLU's gradient on wasm in one pass. TF.js computes it as mul(dy, cast(step(x))): three kernels
 * and two temporaries per ReLU layer, about 5 ms of a seed-003 step in Node (Step, Cast and
 * Multiply over its two ReLU layers) where one SIMD pass (`reluGrad` in simd/kernels.wat) takes
 * about a fifth of that. The pass computes exactly what the composition does, NaN and −0 included.
 *
 * Gradients are not kernels, so this replaces the registered gradient of Relu with one that runs
 * the kernel CourseReluGrad on wasm (float32, with the SIMD module) and TF.js's own gradient
 * everywhere else.
 */
import { engine, getGradient, Relu, registerGradient, zerosLike, type GradConfig, type KernelConfig, type KernelFunc, type NamedTensorMap, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { makeF32, offsetF32, sizeOf, type KernelArgs, type WasmBackend } from './_impl.ts';
import { runOverFloats } from './_parallel.ts';
import { loopRunner, simdKernels } from './_simd.ts';

export const RELU_GRAD = 'CourseReluGrad';

function reluGrad({ inputs, backend }: KernelArgs<{ dy: TensorInfo; x: TensorInfo }, Record<string, never>>): TensorInfo {
  const { dy, x } = inputs;
  if (!simdKernels(backend)) throw new Error(`${RELU_GRAD} needs the SIMD module`); // the gradient below checks first
  const out = makeF32(backend, [...x.shape]);
  runOverFloats(loopRunner(backend)!, 'reluGrad', [dy, x, out].map((t) => offsetF32(backend, t) * 4), sizeOf(x.shape));
  return out;
}

export const reluGradConfig: KernelConfig = {
  kernelName: RELU_GRAD,
  backendName: 'wasm',
  kernelFunc: reluGrad as unknown as KernelFunc,
};

const runReluGrad = (dy: Tensor, x: Tensor): Tensor => engine().runKernel(RELU_GRAD, { dy, x } as unknown as NamedTensorMap) as Tensor;

/** A second derivative through the fused kernel: it is linear in dy with the same mask, and flat in x. */
const reluGradGradConfig: GradConfig = {
  kernelName: RELU_GRAD,
  inputsToSave: ['x'],
  gradFunc: (g, saved) => {
    const [x] = saved as [Tensor];
    return { dy: () => runReluGrad(g as Tensor, x), x: () => zerosLike(x) };
  },
};

let stock: GradConfig | undefined;

/**
 * Installs the fused gradient; idempotent. It wraps the stock gradient, so it does nothing while
 * none is registered yet (tfjs-layers registers them all on import, which the course's runtimes
 * do before their backend starts; one registered later simply replaces this one again).
 */
export function fuseReluGradOnWasm(): void {
  if (stock) return;
  stock = getGradient(Relu);
  if (!stock) return;
  const original = stock;
  registerGradient(reluGradGradConfig);
  registerGradient({
    kernelName: Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [Tensor];
      const fused = engine().backendName === 'wasm' && !Array.isArray(dy) && dy.dtype === 'float32' && x.dtype === 'float32' && simdKernels(engine().backend as unknown as WasmBackend);
      return fused ? { x: () => runReluGrad(dy, x) } : original.gradFunc(dy, saved, attrs);
    },
  });
}

/** Puts the stock gradient back (tests compare the two). */
export function unfuseReluGrad(): void {
  if (stock) registerGradient(stock);
  stock = undefined;
}
