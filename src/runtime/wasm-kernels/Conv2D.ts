/**
 * Conv2D and FusedConv2D for wasm: stride-1, undilated 3×3 convolutions over enough channels by
 * Winograd's F(4×4, 3×3) or F(2×2, 3×3) (_winograd.ts); of the others, those over few input
 * channels (first layers; up to 16 where the SIMD loops fuse their multiply-adds) by a direct
 * loop of our own (shallowConv), every other one by the backend's own XNNPACK convolution. Layers
 * with an activation train through Conv2D, a bias Add and the activation; layers without one (seed
 * 001's), and inference, go through FusedConv2D, whose bias and ReLU are added here after the
 * convolution.
 */
import { type backend_util, Conv2D, FusedConv2D, type Conv2DAttrs, type FusedConv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { convGeometry, tapSource } from './_conv_impl.ts';
import { heapF32, makeF32, offsetF32, release, runOriginal, runWasmKernel, sizeOf, type KernelArgs, type WasmBackend } from './_impl.ts';
import { addBiasRows } from './Add.ts';
import { chunkRanges } from './_parallel.ts';
import { fusedMultiplyAdds, loopRunner, simdKernels } from './_simd.ts';
import { isUndilated3x3, winogradConv3x3, winogradFits } from './_winograd.ts';

/** Whether Winograd computes this convolution (which it does before the other ways are asked). */
export function takesWinograd(info: backend_util.Conv2DInfo, backend: WasmBackend): boolean {
  return winogradFits(backend, info.inChannels, info.outChannels) && isUndilated3x3(info) && info.strideHeight === 1 && info.strideWidth === 1
    && info.outHeight > 0 && info.outWidth > 0 && info.batchSize > 0;
}

/** The convolution by Winograd, or undefined where it does not apply. */
function byWinograd(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs, backend: WasmBackend): TensorInfo | undefined {
  if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return undefined;
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  if (x.shape[3] !== ci) return undefined;
  const info = convGeometry(x.shape as [number, number, number, number], [fh, fw, ci, co], attrs, false);
  if (!takesWinograd(info, backend)) return undefined;
  const spread = { strideH: 1, strideW: 1, top: info.padInfo.top, left: info.padInfo.left };
  return winogradConv3x3(backend, x, filter, spread, info.outHeight, info.outWidth);
}

/**
 * The shallow way takes inputs of up to SHALLOW_MAX_CHANNELS channels: `separate` where the SIMD
 * loops multiply and add separately, `fused` where they run fused multiply-adds (_simd.ts). With
 * so little work per output pixel, XNNPACK's per-pixel bookkeeping dominates there: LeNet-5's
 * first layer (5×5 over one channel to 6) took 1.7–2.2 ms by the shallow loop against 2.5–2.9 by
 * XNNPACK; seed 001's (3×3, one channel to 32) was even, 2.8–3.3 against 2.9–3.3. From two
 * channels XNNPACK was as fast or faster (3×3 to 32 on 28×28: 5.1–5.5 against 4.8–4.9 ms; 6 → 16
 * channels 5×5 on 14×14 2.1 against 1.8). Node wasm, one thread, batch 128, interleaved medians,
 * 2026-12-04. Fused, the loop does half the arithmetic and beat XNNPACK from 2 to 16 channels
 * wherever Winograd does not apply (Node 20 with relaxed SIMD, batch 128, 2026-12-05, two
 * interleaved medians each): LeNet-5's second layer 1.90 against 2.15 ms, 3 → 32 channels 3×3 on
 * 32×32 (CIFAR-10's first layers) 11.1–17.6 against 12.2–18.7, 5×5 19.0–19.3 against 25.3–26.0,
 * 8 → 32 3×3 on 14×14 3.6 against 4.1–5.0, 16 → 32 5×5 8.2–8.6 against 9.4–9.9.
 */
export const SHALLOW_MAX_CHANNELS = { separate: 1, fused: 16 } as const;

/** The most input channels the shallow loop takes on this backend. */
export function shallowMaxChannels(backend: WasmBackend): number {
  return fusedMultiplyAdds(backend) ? SHALLOW_MAX_CHANNELS.fused : SHALLOW_MAX_CHANNELS.separate;
}
let shallowEnabled = true;

/** Turns the shallow way off (and on again), so tests can compare it with XNNPACK. */
export function setShallowEnabled(on: boolean): void {
  shallowEnabled = on;
}

/** Whether the shallow loop computes this convolution: up to shallowMaxChannels input channels, output rows of 4 pixels or more (its group). */
export function takesShallowLoop(info: backend_util.Conv2DInfo, backend: WasmBackend): boolean {
  return shallowEnabled && info.inChannels <= shallowMaxChannels(backend) && info.outWidth >= 4 && info.outHeight > 0 && info.batchSize > 0
    && simdKernels(backend) !== undefined;
}

/** The convolution plus bias by the shallow loop, or undefined where it does not apply. */
function byShallowLoop(x: TensorInfo, filter: TensorInfo, bias: TensorInfo | undefined, attrs: Conv2DAttrs, backend: WasmBackend): TensorInfo | undefined {
  if (attrs.dataFormat === 'NCHW' || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) return undefined;
  const [fh, fw, ci, co] = filter.shape as [number, number, number, number];
  if (x.shape[3] !== ci) return undefined;
  const info = convGeometry(x.shape as [number, number, number, number], [fh, fw, ci, co], attrs, false);
  const simd = simdKernels(backend);
  if (!simd || !takesShallowLoop(info, backend)) return undefined;
  // [fh, fw, ci, coP] with zeros past co, then the bias (or zeros): the loop reads 8 channels at a time.
  const coP = Math.ceil(co / 8) * 8;
  const rows = fh * fw * ci;
  const packed = makeF32(backend, [rows + 1, coP]);
  const heap = heapF32(backend);
  const dst = offsetF32(backend, packed);
  const src = offsetF32(backend, filter);
  heap.fill(0, dst, dst + (rows + 1) * coP);
  for (let r = 0; r < rows; r++) heap.copyWithin(dst + r * coP, src + r * co, src + (r + 1) * co);
  if (bias) heap.copyWithin(dst + rows * coP, offsetF32(backend, bias), offsetF32(backend, bias) + co);
  const { at, hp, wp, canvas } = tapSource(x, info, backend);
  const out = makeF32(backend, [info.batchSize, info.outHeight, info.outWidth, co]);
  const { outHeight: oh, outWidth: ow } = info;
  const outAt = offsetF32(backend, out);
  const loops = loopRunner(backend)!;
  loops.run('shallowConv', chunkRanges(info.batchSize, loops.threads).map(([n0, n1]) => [(at + n0 * hp * wp * ci) * 4, dst * 4, (outAt + n0 * oh * ow * co) * 4,
    n1 - n0, hp, wp, ci, oh, ow, co, fh, fw, info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth]));
  release(backend, packed, ...(canvas ? [canvas] : []));
  return out;
}

export function conv2D({ inputs, backend, attrs }: KernelArgs<{ x: TensorInfo; filter: TensorInfo }, Conv2DAttrs>): TensorInfo {
  const { x, filter } = inputs;
  return byWinograd(x, filter, attrs, backend) ?? byShallowLoop(x, filter, undefined, attrs, backend)
    ?? runOriginal(Conv2D, inputs, attrs as unknown as Record<string, unknown>, backend);
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
  let out = byWinograd(x, filter, attrs, backend);
  if (out) {
    if (bias) addBiasRows(backend, out, bias, out);
  } else {
    out = byShallowLoop(x, filter, bias, attrs, backend);
    if (!out) return original();
  }
  if (activation === 'linear') return out;
  const activated = runWasmKernel('Relu', { x: out }, {}, backend);
  release(backend, out);
  return activated;
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
