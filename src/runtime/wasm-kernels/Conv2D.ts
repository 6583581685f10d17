/**
 * Conv2D and FusedConv2D for wasm: stride-1, undilated 3×3 convolutions over enough channels by
 * Winograd's F(2×2, 3×3) (_winograd.ts), every other one by the backend's own XNNPACK
 * convolution. Layers with an activation train through Conv2D, a bias Add and the activation;
 * layers without one (seed 001's), and inference, go through FusedConv2D, whose bias and ReLU are
 * added here after the convolution.
 */
import { Conv2D, FusedConv2D, type Conv2DAttrs, type FusedConv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry } from './_conv_impl.ts';
import { offsetF32, release, runOriginal, runWasmKernel, sizeOf, type KernelArgs, type WasmBackend } from './_impl.ts';
import { simdKernels, type SimdKernels } from './_simd.ts';
import { isUndilated3x3, winogradConv3x3, winogradFits } from './_winograd.ts';

/** The convolution by Winograd, or undefined where it does not apply. */
function byWinograd(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs, backend: WasmBackend): TensorInfo | undefined {
  if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return undefined;
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  if (x.shape[3] !== ci || !winogradFits(backend, ci, co)) return undefined;
  const info = convGeometry(x.shape as [number, number, number, number], [fh, fw, ci, co], attrs, false);
  if (!isUndilated3x3(info) || info.strideHeight !== 1 || info.strideWidth !== 1) return undefined;
  if (info.outHeight <= 0 || info.outWidth <= 0 || info.batchSize === 0) return undefined;
  const spread = { strideH: 1, strideW: 1, top: info.padInfo.top, left: info.padInfo.left };
  return winogradConv3x3(backend, x, filter, spread, info.outHeight, info.outWidth);
}

export function conv2D({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo; filter: TensorInfo }, Conv2DAttrs>): TensorInfo {
  return byWinograd(inputs.x, inputs.filter, attrs, backend) ?? runOriginal(Conv2D, inputs, attrs as unknown as Record<string, unknown>, backend);
}

type FusedInputs = { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };

export function fusedConv2D({ inputs, backend, attrs }: KernelArgs<FusedInputs, FusedConv2DAttrs>): TensorInfo {
  const { x, filter, bias, preluActivationWeights } = inputs;
  const original = () => runOriginal(FusedConv2D, inputs as Record<string, TensorInfo>, attrs as unknown as Record<string, unknown>, backend);
  const co = filter.shape[3]!;
  const simd = simdKernels(backend);
  const activation = attrs.activation ?? 'linear';
  const biasFits = !bias || (bias.dtype === 'float32' && sizeOf(bias.shape) === co);
  if (!simd || preluActivationWeights || (activation !== 'linear' && activation !== 'relu') || !biasFits) return original();
  const out = byWinograd(x, filter, attrs, backend);
  if (!out) return original();
  if (bias) addBiasInPlace(simd, backend, out, bias, co);
  if (activation === 'linear') return out;
  const activated = runWasmKernel('Relu', { x: out }, {}, backend);
  release(backend, out);
  return activated;
}

function addBiasInPlace(simd: SimdKernels, backend: WasmBackend, out: TensorInfo, bias: TensorInfo, co: number): void {
  const at = offsetF32(backend, out) * 4;
  simd.addBias(at, offsetF32(backend, bias) * 4, at, sizeOf(out.shape) / co, co);
}

export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2D as unknown as KernelFunc,
};

export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'wasm',
  kernelFunc: fusedConv2D as unknown as KernelFunc,
};
