/**
 * `npm run bench`: training throughput of the seed models on the WASM backend (with the course's
 * kernels) and on the CPU backend in Node, the in-run matmul roofline, and where one training
 * step's time goes. Writes bench/results/<time>.json and bench/results/latest.json, prints a table.
 *
 *   npm run bench                      every model on wasm
 *   npm run bench -- --quick           lenet5-002 and cnn-003 only, fewer steps
 *   npm run bench -- --models lenet5-002 --backends wasm,cpu
 *
 * Batches are synthetic (seeded uniform pixels, random labels): the time of a step does not
 * depend on the pixel values, and the benchmark then needs no dataset.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../src/runtime/node/wasm.ts';
import { SEED_MODELS, trainingFlopsPerImage, type SeedModel } from './models.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    models: { type: 'string' },
    // The CPU backend is a reference, not a contender: 44 s per LeNet-5 step, 6 minutes per seed-003 step.
    backends: { type: 'string', default: 'wasm' },
  },
});

const BATCH = 128;
const quick = values.quick;
const modelIds = values.models?.split(',') ?? (quick ? ['lenet5-002', 'cnn-003'] : SEED_MODELS.map((m) => m.id));
const backends = values.backends.split(',').filter((b): b is 'wasm' | 'cpu' => b === 'wasm' || b === 'cpu');
/** The CPU backend needs minutes per step of the bigger models: a budget keeps the run finite. */
const STEP_BUDGET_MS = quick ? 20_000 : 60_000;

interface TrainingResult {
  model: string;
  backend: string;
  steps: number;
  msPerStep?: number;
  imagesPerSecond?: number;
  flopsPerImage: number;
  efficiency?: number;
  skipped?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (name === 'wasm') await initNodeWasm();
  else await tf.setBackend('cpu');
}

/** GFLOP/s of a 1024² float32 matmul: the best the backend does on dense math, the roofline. */
function matmulGflops(): number {
  const n = 1024;
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  const runs = tf.getBackend() === 'cpu' ? 2 : 5;
  const warmUp = tf.matMul(a, b);
  warmUp.dataSync();
  warmUp.dispose();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    times.push(performance.now() - started);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / (median(times) / 1000) / 1e9;
}

function syntheticBatch(seed: SeedModel): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([BATCH, ...seed.inputShape], 0, 1, 'float32', 1),
    ys: tf.randomUniform([BATCH], 0, seed.classes, 'int32', 2).cast('float32'),
  }));
}

async function trainThroughput(seed: SeedModel, backend: string, roofline: number): Promise<TrainingResult> {
  const model = seed.build();
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const flopsPerImage = trainingFlopsPerImage(model);
  const { xs, ys } = syntheticBatch(seed);
  const step = async () => {
    const started = performance.now();
    await model.trainOnBatch(xs, ys);
    return performance.now() - started;
  };
  try {
    const warmUp = await step();
    if (warmUp > STEP_BUDGET_MS) return { model: seed.id, backend, steps: 1, flopsPerImage, skipped: `one step took ${Math.round(warmUp)} ms, over the budget` };
    const times: number[] = [];
    const wanted = quick ? 3 : 5;
    let spent = 0;
    while (times.length < wanted && spent < STEP_BUDGET_MS) {
      const ms = await step();
      times.push(ms);
      spent += ms;
    }
    const msPerStep = median(times);
    const imagesPerSecond = BATCH / (msPerStep / 1000);
    return { model: seed.id, backend, steps: times.length, msPerStep, imagesPerSecond, flopsPerImage, efficiency: (imagesPerSecond * flopsPerImage) / 1e9 / roofline };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** Per-kernel milliseconds of one training step (the step after a warm-up), largest first. */
async function kernelBreakdown(seed: SeedModel): Promise<{ kernel: string; ms: number; calls: number }[]> {
  const model = seed.build();
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  const { xs, ys } = syntheticBatch(seed);
  await model.trainOnBatch(xs, ys);
  const totals = new Map<string, { ms: number; calls: number }>();
  const profile = await tf.profile(() => model.trainOnBatch(xs, ys) as unknown as tf.TensorContainer);
  for (const kernel of profile.kernels) {
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    const entry = totals.get(kernel.name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    totals.set(kernel.name, entry);
  }
  tf.dispose([xs, ys]);
  model.dispose();
  return [...totals.entries()].map(([kernel, t]) => ({ kernel, ms: Math.round(t.ms * 10) / 10, calls: t.calls })).sort((a, b) => b.ms - a.ms).slice(0, 15);
}

async function main(): Promise<void> {
  const seeds = modelIds.map((id) => {
    const seed = SEED_MODELS.find((m) => m.id === id);
    if (!seed) throw new Error(`unknown model ${id}; known: ${SEED_MODELS.map((m) => m.id).join(', ')}`);
    return seed;
  });
  const rooflines: Record<string, number> = {};
  const training: TrainingResult[] = [];
  let breakdown: Awaited<ReturnType<typeof kernelBreakdown>> = [];
  for (const backend of backends) {
    await useBackend(backend);
    rooflines[backend] = matmulGflops();
    for (const seed of seeds) {
      const result = await trainThroughput(seed, backend, rooflines[backend]!);
      training.push(result);
      console.error(`${backend} ${seed.id}: ${result.skipped ?? `${result.imagesPerSecond!.toFixed(0)} images/s`}`);
    }
    if (backend === 'wasm') breakdown = await kernelBreakdown(seeds.find((s) => s.id === 'cnn-003') ?? seeds[0]!);
  }

  const report = {
    date: new Date().toISOString(),
    environment: 'node',
    machine: { os: `${os.type()} ${os.release()}`, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version },
    tfjs: tf.version_core,
    batchSize: BATCH,
    data: 'synthetic (seeded uniform pixels, random labels)',
    matmulGflops: rooflines,
    training,
    kernelBreakdown: { model: 'cnn-003', backend: 'wasm', kernels: breakdown },
    notInThisRun: 'browser backends (wasm threaded, webgl, webgpu) and time-to-accuracy; see bench/README.md',
  };
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  writeFileSync(new URL(`${report.date.replace(/[:.]/g, '-')}.json`, dir), json);
  writeFileSync(new URL('latest.json', dir), json);

  console.log(`\nmatmul 1024²: ${Object.entries(rooflines).map(([b, g]) => `${b} ${g.toFixed(1)} GFLOP/s`).join(', ')}`);
  console.log('model        backend  ms/step  images/s  efficiency');
  for (const r of training) {
    const cells = r.skipped ? [r.skipped] : [r.msPerStep!.toFixed(0).padStart(7), r.imagesPerSecond!.toFixed(0).padStart(8), `${(r.efficiency! * 100).toFixed(0)}%`.padStart(10)];
    console.log(`${r.model.padEnd(12)} ${r.backend.padEnd(7)} ${cells.join('  ')}`);
  }
  console.log('\ncnn-003 on wasm, one step by kernel (ms):');
  for (const k of breakdown) console.log(`  ${k.kernel.padEnd(28)} ${String(k.ms).padStart(7)}  ×${k.calls}`);
}

await main();
