import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../src/runtime/node/backend.ts';
import { seedModel } from './models.ts';
await initNodeWasm();
const seed = seedModel(process.argv[2] ?? 'lenet5-002');
const model = seed.build();
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
const xs = tf.randomUniform([128, ...seed.inputShape], 0, 1, 'float32', 1);
const ys = tf.cast(tf.randomUniform([128], 0, seed.classes, 'int32', 2), 'float32');
const times: number[] = [];
const t0 = performance.now();
for (let i = 0; i < Number(process.argv[3] ?? 80); i++) {
  const s = performance.now();
  await model.trainOnBatch(xs, ys);
  times.push(Math.round(performance.now() - s));
}
console.log(times.join(' '), 'total', Math.round(performance.now() - t0));
