/** Every training kernel the course adds to (or replaces in) tfjs-backend-wasm. */
import { registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { rememberOriginal } from './_impl.ts';
import { addConfig } from './Add.ts';
import { batchMatMulConfig } from './BatchMatMul.ts';
import { conv2DConfig, fusedConv2DConfig } from './Conv2D.ts';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './DepthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './DepthwiseConv2dNativeBackpropInput.ts';
import { fuseAdamOnWasm } from './FusedAdam.ts';
import { identityConfig } from './Identity.ts';
import { maxPoolConfig } from './MaxPool.ts';
import { maxPoolGradConfig } from './MaxPoolGrad.ts';
import { meanConfig } from './Mean.ts';
import { reluConfig } from './Relu.ts';
import { fuseReluGradOnWasm, reluGradConfig } from './ReluGrad.ts';
import { sumConfig } from './Sum.ts';
import { tileConfig } from './Tile.ts';
import { skipUnusedInputGradients } from './UnusedInputGradient.ts';

export const wasmTrainingKernelConfigs: readonly KernelConfig[] = [
  conv2DConfig,
  fusedConv2DConfig,
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  batchMatMulConfig,
  sumConfig,
  meanConfig,
  tileConfig,
  identityConfig,
  addConfig,
  reluConfig,
  reluGradConfig,
];

let registered = false;

/**
 * Registers the kernels for backend 'wasm', replacing the backend's own where it has one, the
 * fused Adam update (FusedAdam.ts), ReLU's fused gradient (ReluGrad.ts) and the fused convolution's
 * skipped input gradient (UnusedInputGradient.ts); idempotent. Call it
 * once tfjs-backend-wasm is imported (its kernels are registered at import) and TF.js's
 * gradients are registered (tfjs-layers registers them on import).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  for (const config of wasmTrainingKernelConfigs) {
    const original = rememberOriginal(config.kernelName);
    if (original) unregisterKernel(config.kernelName, 'wasm');
    // The original's setup binds its C++ function when the backend starts; keep it running, so the
    // overrides can call the original even if the backend starts after this registration.
    registerKernel({
      ...config,
      ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
      ...(original?.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
    });
  }
  fuseAdamOnWasm();
  fuseReluGradOnWasm();
  skipUnusedInputGradients();
  registered = true;
}
