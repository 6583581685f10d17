/**
 * TF.js's Adam optimizer, one WebAssembly call per variable on wasm. The stock update is about
 * fourteen element-wise kernels per variable, each with its scalar operands uploaded and its
 * result allocated: for LeNet-5's ten variables, some 140 kernel calls a step that move
 * almost no data, so their fixed costs dominate. `adamUpdate` (simd/kernels.wat) computes the same
 * float32 operations in the same order, so the weights come out bit for bit the same.
 *
 * There is no kernel to replace (optimizers compose ops), so this swaps AdamOptimizer's
 * applyGradients for one that takes the fused path on wasm and calls the original everywhere
 * else: other backends, other dtypes, engines without the SIMD module.
 */
import { AdamOptimizer, backend as currentBackend, engine, getBackend, mul, tidy, zerosLike, type Tensor, type TensorInfo, type Variable } from '@tensorflow/tfjs-core';
import { heapF32, makeF32, offsetF32, type WasmBackend } from './_impl.ts';
import { simdKernels, type SimdKernels } from './_simd.ts';

type VariableGradients = Parameters<AdamOptimizer['applyGradients']>[0];

/** AdamOptimizer's state, which its typings keep private. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: Variable } | undefined)[];
  incrementIterations(): void;
}

const stockApplyGradients = AdamOptimizer.prototype.applyGradients;

/** Makes every AdamOptimizer take the fused update on wasm; idempotent. */
export function fuseAdamOnWasm(): void {
  AdamOptimizer.prototype.applyGradients = function applyGradients(this: AdamOptimizer, variableGradients: VariableGradients): void {
    const backend = getBackend() === 'wasm' ? (currentBackend() as WasmBackend) : undefined;
    const simd = backend && simdKernels(backend);
    const named = namedGradients(variableGradients);
    if (backend && simd && allFloat32(named)) fusedStep(this as unknown as AdamState, named, simd, backend);
    else stockApplyGradients.call(this, variableGradients);
  };
}

/** The stock applyGradients again (for tests that compare the two). */
export function unfuseAdam(): void {
  AdamOptimizer.prototype.applyGradients = stockApplyGradients;
}

type NamedGradient = { name: string; gradient: Tensor | undefined };

const namedGradients = (gradients: VariableGradients): NamedGradient[] =>
  Array.isArray(gradients)
    ? gradients.map(({ name, tensor }) => ({ name, gradient: tensor }))
    : Object.keys(gradients).map((name) => ({ name, gradient: gradients[name] }));

function allFloat32(gradients: NamedGradient[]): boolean {
  return gradients.every(({ name, gradient }) => engine().registeredVariables[name]?.dtype === 'float32' && (gradient == null || gradient.dtype === 'float32'));
}

/** What the stock applyGradients does, with the per-variable arithmetic in one call. */
function fusedStep(adam: AdamState, gradients: NamedGradient[], simd: SimdKernels, backend: WasmBackend): void {
  const address = (t: TensorInfo) => offsetF32(backend, t) * 4;
  const asTensor = (info: TensorInfo) => engine().makeTensorFromTensorInfo(info, backend);
  tidy(() => {
    const heap = heapF32(backend);
    // 1 − βᵗ, as the stock sub(1, accBeta) rounds it: the difference of two float32s is exact in a double.
    const oneMinusAccBeta1 = Math.fround(1 - heap[offsetF32(backend, adam.accBeta1)]!);
    const oneMinusAccBeta2 = Math.fround(1 - heap[offsetF32(backend, adam.accBeta2)]!);
    gradients.forEach(({ name, gradient }, i) => {
      const value = engine().registeredVariables[name]!;
      // The moments are created as the stock optimizer creates them, so its weights save and load alike.
      adam.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tidy(() => zerosLike(value).variable(false)) };
      adam.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tidy(() => zerosLike(value).variable(false)) };
      if (gradient == null) return;
      const m = adam.accumulatedFirstMoment[i].variable;
      const v = adam.accumulatedSecondMoment[i].variable;
      const [wOut, mOut, vOut] = [makeF32(backend, value.shape), makeF32(backend, value.shape), makeF32(backend, value.shape)];
      // JavaScript numbers become float32 arguments rounded as the stock optimizer's scalar tensors are.
      simd.adamUpdate(address(value), address(gradient), address(m), address(v), address(wOut!), address(mOut!), address(vOut!), value.size,
        adam.beta1, 1 - adam.beta1, adam.beta2, 1 - adam.beta2, oneMinusAccBeta1, oneMinusAccBeta2, adam.epsilon, -adam.learningRate);
      m.assign(asTensor(mOut!));
      v.assign(asTensor(vOut!));
      value.assign(asTensor(wOut!));
    });
    adam.accBeta1.assign(mul(adam.accBeta1, adam.beta1));
    adam.accBeta2.assign(mul(adam.accBeta2, adam.beta2));
  });
  adam.incrementIterations();
}
