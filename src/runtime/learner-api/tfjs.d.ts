// What learner code gets from `import * as tf from '@tensorflow/tfjs'`: the core ops and the
// layers API (the runtime's `require` hands over exactly these two packages).
// The chained-op augmentations (`x.expandDims()`) are registered by tfjs-core's side effects at run time;
// their types must be pulled in explicitly.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
