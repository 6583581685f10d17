/** What the benchmark page asks its worker for, and what comes back. */
import type { AccuracyResult, AccuracyTarget, KernelTime, ThroughputResult } from '../measure.ts';

/**
 * `wasm`: what the course's runtime starts (XNNPACK's threads by `wasmThreadsFor`, the course's
 * loops' by `loopHelpersFor`). `wasm-simd`: the SIMD build without threads. `wasm-threads`: the
 * threaded build with XNNPACK on every core, where the page is cross-origin isolated. The last
 * two put the builds side by side in one run.
 */
export type BenchBackend = 'wasm' | 'wasm-simd' | 'wasm-threads' | 'cpu' | 'webgl' | 'webgpu';
export const BENCH_BACKENDS: readonly BenchBackend[] = ['wasm', 'wasm-simd', 'wasm-threads', 'webgpu', 'webgl', 'cpu'];

/** A time-to-accuracy run: which seed model, which dataset, which target (the goals). */
export interface AccuracyRunSpec extends Omit<AccuracyTarget, 'seed' | 'dataset'> {
  id: string;
  /** Id of the seed model (bench/models.ts). */
  model: string;
  dataset: 'mnist' | 'fashion-mnist';
}

export const ACCURACY_RUNS: readonly AccuracyRunSpec[] = [
  { id: 'lenet5-mnist', model: 'lenet5-002', dataset: 'mnist', target: 0.985, batchSize: 64, learningRate: 0.003, decayImages: 60_000, evaluateEvery: 100, timeLimitMs: 120_000 }, // issue 16's goal: ≤ 10 s of training
  { id: 'cnn003-fashion', model: 'cnn-003', dataset: 'fashion-mnist', target: 0.9, batchSize: 128, learningRate: 0.002, decayImages: 180_000, evaluateEvery: 100, timeLimitMs: 900_000 }, // issue 16's goal: ≤ 100 s
];

export interface BenchRequest {
  backend: BenchBackend;
  models: string[];
  steps: number;
  budgetMs: number;
  /** Model whose training step is broken down by kernel, if any. */
  breakdown?: string;
  accuracy: string[];
  /** The site's base URL ending in '/', where data/ lives. */
  baseUrl: string;
}

export interface BackendReport {
  backend: BenchBackend;
  available: boolean;
  /** Why the backend did not start, when it did not. */
  reason?: string;
  threads?: number;
  /** wasm: whether the course's SIMD loops run fused multiply-adds (the engine has relaxed SIMD). */
  fusedMultiplyAdds?: boolean;
  /** wasm: chunks of the course's SIMD loops each loop thread ran (the training worker's first); absent without loop helpers. */
  loopChunks?: number[];
  /** The GPU adapter as the browser describes it (WebGPU), e.g. SwiftShader or a real GPU. */
  adapter?: string;
  matmulGflops?: number;
  training: ThroughputResult[];
  breakdown?: { model: string; kernels: KernelTime[] };
  accuracy: AccuracyResult[];
  /** A failure after the backend started (out of memory, a missing kernel). */
  error?: string;
}

export type BenchMessage = { type: 'status'; text: string } | { type: 'report'; report: BackendReport };
