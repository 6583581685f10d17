/**
 * `npm run bench`: training throughput of the seed models, the in-run matmul roofline, where one
 * training step's time goes, and time to accuracy; in headless Chromium against the built site
 * (backends wasm, webgpu, webgl, cpu, through the /bench/ page) and in Node (wasm). Writes
 * bench/results/<time>.json and bench/results/latest.json, prints tables.
 *
 *   npm run bench                          everything (about 20–30 minutes on 2 cores)
 *   npm run bench -- --quick               two models, fewer steps, no time to accuracy
 *   npm run bench -- --backends wasm --accuracy lenet5-mnist --no-node
 *   npm run bench -- --no-browser --transfer-only   the transfer-learning comparison alone (about 10 minutes)
 *   npm run bench -- --no-native           without the native PyTorch baseline
 *   npm run bench -- --breakdown lenet5-002   profile that model's step kernel by kernel (default cnn-003)
 *
 * The Node part also reports tf.memory() after each of five epochs of model.fit per seed model
 * (`memory`: flat when tensors and bytes after epoch 5 are within 1% of after epoch 1).
 *
 * When python3 with torch is installed (Debian: python3-torch), the same seed models also train
 * natively (bench/native/seed_models.py, one thread per core, whatever the browser's wasm used) and
 * the tables give browser wasm ÷ native for each model; without it the bench says so and goes on.
 *
 * The browser part needs the built site (`npm run build`; built here when dist/ lacks the page)
 * and Chromium: /usr/bin/chromium, or CHROME_PATH, or Playwright's own browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeWasm } from '../src/runtime/node/backend.ts';
import { chromiumLaunchOptions } from '../playwright.config.ts';
import { BATCH, kernelBreakdown, matmulGflops, memoryOverFit, seedThroughputs, type KernelTime, type MemoryOverFit, type ThroughputResult } from './measure.ts';
import { SEED_MODELS, seedModel } from './models.ts';
import { NO_TORCH, pythonWithTorch } from './native/python.ts';
import { TRANSFER_BUDGETS } from './transfer.ts';
import { transferInNode, type TransferReport } from './transfer-node.ts';
import { ACCURACY_RUNS, BENCH_BACKENDS, type BackendReport, type BenchBackend } from './browser/protocol.ts';
import type { BenchOptions, BrowserReport } from './browser/page.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    models: { type: 'string' },
    backends: { type: 'string', default: BENCH_BACKENDS.join(',') },
    accuracy: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    'no-node': { type: 'boolean', default: false },
    'no-transfer': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    'transfer-only': { type: 'boolean', default: false },
    breakdown: { type: 'string', default: 'cnn-003' },
    port: { type: 'string', default: '4339' },
  },
});

const quick = values.quick;
const models = values.models?.split(',') ?? (quick ? ['lenet5-002', 'cnn-003'] : SEED_MODELS.map((m) => m.id));
[...models, values.breakdown].forEach(seedModel); // unknown ids fail now, not after the build
const browserBackends = values.backends.split(',').filter((b): b is BenchBackend => (BENCH_BACKENDS as string[]).includes(b));
const accuracy = values.accuracy?.split(',').filter(Boolean) ?? (quick ? [] : ACCURACY_RUNS.map((r) => r.id));
for (const id of accuracy) if (!ACCURACY_RUNS.some((r) => r.id === id)) throw new Error(`unknown accuracy run ${id}; known: ${ACCURACY_RUNS.map((r) => r.id).join(', ')}`);
const steps = quick ? 3 : 5;
/** Slow backends (CPU, software WebGPU) need seconds to minutes per step: a budget keeps the run finite. */
const budgetMs = quick ? 20_000 : 30_000;

interface NodeReport {
  environment: 'node';
  node: string;
  matmulGflops: number;
  training: ThroughputResult[];
  breakdown?: { model: string; kernels: KernelTime[] };
  /** tf.memory() after each of five epochs of model.fit: flat when within 1% (issue: memory flat over a long fit). */
  memory?: MemoryOverFit[];
  /** Transfer learning with course-vgg vs training from scratch (bench/transfer.ts). */
  transfer?: TransferReport[];
}

/** Every target task over three seeds; the documents' sizes with one seed under --quick. */
async function runTransfer(): Promise<TransferReport[]> {
  const seeds = quick ? [1] : [1, 2, 3];
  const budgets = quick ? [TRANSFER_BUDGETS.documentSizes] : Object.values(TRANSFER_BUDGETS);
  const reports: TransferReport[] = [];
  for (const budget of budgets) {
    reports.push(
      await transferInNode(budget, seeds, (r) =>
        console.error(`node wasm transfer (${budget.dataset}, ${budget.trainPerClass * budget.labels.length} images) seed ${r.seed}: scratch ${r.scratch}, feature extraction ${r.featureExtraction}, fine-tuning ${r.fineTuning}`),
      ),
    );
  }
  return reports;
}

async function runInNode(): Promise<NodeReport> {
  await initNodeWasm();
  if (values['transfer-only']) return { environment: 'node', node: process.version, matmulGflops: await matmulGflops(), training: [], transfer: await runTransfer() };
  const { roofline, training } = await seedThroughputs(models.map(seedModel), { steps, budgetMs }, {
    measured: (result) => console.error(`node wasm ${result.model}: ${result.skipped ?? `${result.imagesPerSecond} images/s`}`),
  });
  const breakdown = { model: values.breakdown, kernels: await kernelBreakdown(seedModel(values.breakdown)) };
  const memory: MemoryOverFit[] = [];
  for (const id of models) {
    const result = await memoryOverFit(seedModel(id), { epochs: 5, batches: quick ? 1 : 2 });
    memory.push(result);
    const [first, last] = [result.epochs[0]!, result.epochs.at(-1)!];
    console.error(`node wasm ${id} memory: ${first.numTensors} → ${last.numTensors} tensors, ${first.numBytes} → ${last.numBytes} bytes after epochs 1 → 5 (${result.flat ? 'flat' : 'grows'})`);
  }
  return { environment: 'node', node: process.version, matmulGflops: roofline, training, breakdown, memory, ...(values['no-transfer'] ? {} : { transfer: await runTransfer() }) };
}

interface NativeThroughput {
  model: string;
  params: number;
  nonTrainableParams: number;
  steps: number;
  msPerStep: number;
  imagesPerSecond: number;
}

/** bench/native/seed_models.py's report, or why there is none. */
type NativeReport =
  | { available: true; torch: string; threads: number; blas: string; mkldnn: boolean; matmulGflops: number; training: NativeThroughput[] }
  | { available: false; reason: string };

function runNative(threads: number): NativeReport {
  const python = pythonWithTorch();
  if (!python) return { available: false, reason: NO_TORCH };
  const args = ['bench/native/seed_models.py', '--threads', String(threads), '--steps', String(steps), '--budget', String(budgetMs / 1000), '--models', models.join(',')];
  const run = spawnSync(python, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) }, maxBuffer: 16 << 20 });
  const line = run.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (run.status !== 0 || !line) return { available: false, reason: `seed_models.py failed (exit ${run.status}): ${(run.stderr ?? '').slice(-500)}` };
  const report = JSON.parse(line) as Omit<Extract<NativeReport, { available: true }>, 'available'>;
  // A ratio is only meaningful between the same models: the native ones must count the same parameters.
  for (const r of report.training) {
    const expected = seedModel(r.model);
    if (r.params !== expected.params || r.nonTrainableParams !== expected.nonTrainableParams) {
      throw new Error(`native ${r.model} has ${r.params} parameters (${r.nonTrainableParams} non-trainable); the TF.js model has ${expected.params} (${expected.nonTrainableParams})`);
    }
  }
  return { available: true, ...report };
}

/** Browser wasm images/s ÷ native images/s, per model measured on both. */
function nativeRatios(browser: BrowserReport | undefined, native: NativeReport | undefined): Record<string, number> {
  const wasm = browser?.backends.find((b) => b.backend === 'wasm');
  if (!wasm?.available || !native?.available) return {};
  const ratios: Record<string, number> = {};
  for (const r of wasm.training) {
    const mine = native.training.find((n) => n.model === r.model);
    if (mine && r.imagesPerSecond) ratios[r.model] = Math.round((r.imagesPerSecond / mine.imagesPerSecond) * 100) / 100;
  }
  return ratios;
}

function printNative(native: NativeReport, ratios: Record<string, number>): void {
  if (!native.available) {
    console.log(`
native PyTorch baseline: skipped — ${native.reason}`);
    return;
  }
  console.log(`
native PyTorch ${native.torch} (${native.threads} threads, ${native.blas}, oneDNN ${native.mkldnn ? 'on' : 'off'}) — matmul 1024²: ${native.matmulGflops} GFLOP/s`);
  console.log('  model        ms/step  images/s  browser wasm ÷ native');
  for (const r of native.training) {
    console.log(`  ${r.model.padEnd(12)} ${fixed(r.msPerStep).padStart(7)}  ${fixed(r.imagesPerSecond).padStart(8)}  ${ratios[r.model] === undefined ? '—' : `${ratios[r.model]!.toFixed(2)}×`}`);
  }
}

function ensureBuilt(): void {
  if (existsSync('dist/bench/index.html')) return;
  console.error('dist/ has no benchmark page: building the site (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

async function serve(port: number): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 120; tries++) {
    if (await fetch(`${url}/`).then((r) => r.ok, () => false)) return { url, server };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`astro preview did not answer on ${url}`);
}

async function runInBrowser(): Promise<BrowserReport> {
  ensureBuilt();
  const { url, server } = await serve(Number(values.port));
  // SwiftShader gives WebGPU and WebGL a software adapter on machines without a GPU; a real GPU wins where there is one.
  const browser = await chromium.launch(chromiumLaunchOptions(['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader']));
  try {
    // The site's service worker precaches about 30 MB on a first visit: left to run, it competes with
    // whichever backend is measured first (the threaded wasm build's 1024² matmul fell from 50 to 30
    // GFLOP/s, LeNet-5's step grew from 53 to 105 ms).
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    page.on('console', (message) => console.error(`browser: ${message.text()}`));
    await page.goto(`${url}/bench/`);
    await page.waitForFunction(() => typeof window.runBenchmark === 'function');
    const options: BenchOptions = { backends: browserBackends, models, steps, budgetMs, accuracy, breakdown: values.breakdown };
    return await page.evaluate((o) => window.runBenchmark(o), options);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const fixed = (x: number | undefined, digits = 0) => (x === undefined ? '—' : x.toFixed(digits));

function printTraining(label: string, roofline: number | undefined, rows: ThroughputResult[]): void {
  console.log(`\n${label} — matmul 1024²: ${fixed(roofline, 1)} GFLOP/s`);
  console.log('  model        ms/step  images/s  efficiency');
  for (const r of rows) {
    const cells = r.skipped ? [r.skipped] : [fixed(r.msPerStep).padStart(7), fixed(r.imagesPerSecond).padStart(8), `${fixed(r.efficiency! * 100)}%`.padStart(10)];
    console.log(`  ${r.model.padEnd(12)} ${cells.join('  ')}`);
  }
}

function printKernels(kernels: KernelTime[]): void {
  for (const k of kernels) console.log(`    ${k.kernel.padEnd(32)} ${String(k.ms).padStart(7)}  ×${k.calls}`);
}

function printBackend(report: BackendReport): void {
  const label = `browser ${report.backend}${report.threads ? ` (${report.threads} threads${report.fusedMultiplyAdds ? ', fused multiply-adds' : ''}${report.loopChunks ? `, loop chunks by thread ${report.loopChunks.join('/')}` : ''})` : ''}${report.adapter ? ` [${report.adapter}]` : ''}`;
  if (!report.available) {
    console.log(`\n${label}: unavailable — ${report.reason}`);
    return;
  }
  printTraining(label, report.matmulGflops, report.training);
  if (report.error) console.log(`  error: ${report.error}`);
  if (report.breakdown) {
    console.log(`  one ${report.breakdown.model} step by kernel (ms):`);
    printKernels(report.breakdown.kernels);
  }
  for (const a of report.accuracy) {
    const verdict = a.reached ? `reached in ${a.trainSeconds} s of training (${a.wallSeconds} s with evaluation, ${a.epochs} epochs)` : `not reached in the limit (best ${(a.bestAccuracy * 100).toFixed(2)}%)`;
    console.log(`  time to ${a.target * 100}% (${a.model}, ${a.dataset}): ${verdict}`);
  }
}

function printTransfer(report: TransferReport): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(8);
  console.log(`\ntransfer learning with ${report.model} (node wasm) — ${report.task}`);
  console.log(`  ${report.budget.epochs} epochs each for (a) and (b), then ${report.budget.fineTuneEpochs} of (c) at lr ${report.budget.fineTuneLearningRate}; test accuracy:`);
  console.log('  seed  (a) scratch  (b) features  (c) fine-tuned');
  for (const r of report.runs) console.log(`  ${String(r.seed).padEnd(4)}  ${pct(r.scratch)}     ${pct(r.featureExtraction)}      ${pct(r.fineTuning)}`);
  console.log(`  mean  ${pct(report.mean.scratch)}     ${pct(report.mean.featureExtraction)}      ${pct(report.mean.fineTuning)}`);
}

async function main(): Promise<void> {
  const browser = values['no-browser'] || values['transfer-only'] || browserBackends.length === 0 ? undefined : await runInBrowser();
  // Native gets every core even where the course's wasm takes fewer: the baseline is the machine's best.
  const native = values['no-native'] || values['transfer-only'] ? undefined : runNative(os.cpus().length);
  const ratios = nativeRatios(browser, native);
  const node = values['no-node'] ? undefined : await runInNode();
  const report = {
    date: new Date().toISOString(),
    machine: { os: `${os.type()} ${os.release()}`, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length },
    tfjs: tf.version_core,
    batchSize: BATCH,
    data: 'throughput: synthetic batches (a step does not depend on pixel values); time to accuracy: the course datasets, full train and test splits',
    browser,
    native,
    /** Browser wasm images/s ÷ native PyTorch images/s, per seed model. */
    nativeRatios: ratios,
    node,
  };
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2);
  writeFileSync(new URL(`${report.date.replace(/[:.]/g, '-')}.json`, dir), json);
  writeFileSync(new URL('latest.json', dir), json);

  if (browser) {
    console.log(`Chromium ${browser.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? ''}, cross-origin isolated: ${browser.crossOriginIsolated}, ${browser.cores} cores`);
    browser.backends.forEach(printBackend);
  }
  if (native) printNative(native, ratios);
  if (node) {
    if (node.training.length > 0) printTraining(`node ${node.node} wasm`, node.matmulGflops, node.training);
    if (node.breakdown) {
      console.log(`  one ${node.breakdown.model} step by kernel (ms):`);
      printKernels(node.breakdown.kernels);
    }
    if (node.memory?.length) {
      console.log('  tf.memory() over five epochs of model.fit (tensors, bytes: after epoch 1 → after epoch 5):');
      for (const m of node.memory) {
        const [first, last] = [m.epochs[0]!, m.epochs.at(-1)!];
        console.log(`    ${m.model.padEnd(12)} ${first.numTensors} → ${last.numTensors}, ${first.numBytes} → ${last.numBytes}  ${m.flat ? 'flat (within 1%)' : `grows ${(m.growth.tensors * 100).toFixed(1)}% / ${(m.growth.bytes * 100).toFixed(1)}%`}`);
      }
    }
    node.transfer?.forEach(printTransfer);
  }
  console.log(`\nwritten: bench/results/latest.json`);
}

await main();
