/** Sum for wasm: contiguous-axes reductions in one pass (see _reduce_impl.ts), the rest as before. */
import { Sum } from '@tensorflow/tfjs-core';
import { contiguousReductionConfig } from './_reduce_impl.ts';

export const sumConfig = contiguousReductionConfig(Sum);
