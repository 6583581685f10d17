/** Mean for wasm (batch-norm moments in training): contiguous-axes reductions in one pass, the rest as before. */
import { Mean } from '@tensorflow/tfjs-core';
import { contiguousReductionConfig } from './_reduce_impl.ts';

export const meanConfig = contiguousReductionConfig(Mean);
