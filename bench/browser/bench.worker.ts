/**
 * Runs the benchmark on one backend, in a worker like the exercises' runner (so WASM gets its
 * threads and the page stays responsive). One worker per backend: each starts from a fresh heap.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../../src/data/loader.ts';
import { fusedMultiplyAdds, loopChunksRun } from '../../src/runtime/wasm-kernels/_simd.ts';
import type { WasmBackend } from '../../src/runtime/wasm-kernels/_impl.ts';
import { startBackend, startWasmOnEveryCore, startWasmWithoutThreads } from '../../src/runtime/worker/backend.ts';
import { kernelBreakdown, seedThroughputs, timeToAccuracy, type LabelledSet } from '../measure.ts';
import { seedModel } from '../models.ts';
import { ACCURACY_RUNS, type BackendReport, type BenchBackend, type BenchMessage, type BenchRequest } from './protocol.ts';

const post = (message: BenchMessage) => self.postMessage(message);
const status = (text: string) => post({ type: 'status', text });

async function gpuAdapterName(): Promise<string | undefined> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
  const info = (await gpu?.requestAdapter().catch(() => null))?.info;
  return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown' : undefined;
}

function webglRenderer(): string | undefined {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return undefined;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function start(backend: BenchBackend): Promise<Pick<BackendReport, 'threads' | 'adapter' | 'fusedMultiplyAdds'>> {
  if (backend === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
    if (!(await tf.setBackend('webgl'))) throw new Error('WebGL 백엔드를 시작하지 못했습니다');
    const adapter = webglRenderer();
    return adapter ? { adapter } : {};
  }
  const active = backend === 'wasm-simd' ? await startWasmWithoutThreads() : backend === 'wasm-threads' ? await startWasmOnEveryCore() : await startBackend(backend);
  const adapter = backend === 'webgpu' ? await gpuAdapterName() : undefined;
  if (adapter) return { adapter };
  return active.name === 'wasm' ? { threads: active.threads, fusedMultiplyAdds: fusedMultiplyAdds(tf.backend() as unknown as WasmBackend) } : { threads: active.threads };
}

async function labelledSet(dataset: string, split: 'train' | 'test', baseUrl: string): Promise<LabelledSet> {
  const { xs, ys } = await loadDataset(dataset, { split, baseUrl: `${baseUrl}data/` });
  const floats = tf.cast(ys, 'float32') as tf.Tensor1D;
  ys.dispose();
  return { xs, ys: floats };
}

async function run(request: BenchRequest): Promise<BackendReport> {
  const report: BackendReport = { backend: request.backend, available: false, training: [], accuracy: [] };
  try {
    Object.assign(report, await start(request.backend));
    report.available = true;
  } catch (error) {
    report.reason = (error as Error).message;
    return report;
  }
  try {
    status(`${request.backend}: 행렬 곱 속도 측정`);
    const throughputs = await seedThroughputs(request.models.map(seedModel), { steps: request.steps, budgetMs: request.budgetMs }, {
      starting: (id) => status(`${request.backend}: ${id} 학습 속도 측정`),
    });
    report.matmulGflops = throughputs.roofline;
    report.training = throughputs.training;
    const loopChunks = tf.getBackend() === 'wasm' ? loopChunksRun(tf.backend() as unknown as WasmBackend) : undefined;
    if (loopChunks) report.loopChunks = loopChunks;
    // A breakdown profiles one more step: not worth it where a step of that model is over budget.
    const measured = report.training.find((t) => t.model === request.breakdown);
    if (request.breakdown && !measured?.skipped) {
      status(`${request.backend}: ${request.breakdown} 한 단계의 커널별 시간`);
      report.breakdown = { model: request.breakdown, kernels: await kernelBreakdown(seedModel(request.breakdown)) };
    }
    for (const id of request.accuracy) {
      const spec = ACCURACY_RUNS.find((r) => r.id === id);
      if (!spec) throw new Error(`정확도 측정 '${id}'가 없습니다`);
      status(`${request.backend}: ${spec.dataset} 데이터 불러오는 중`);
      const train = await labelledSet(spec.dataset, 'train', request.baseUrl);
      const test = await labelledSet(spec.dataset, 'test', request.baseUrl);
      status(`${request.backend}: ${spec.model}이(가) ${spec.dataset} 테스트 정확도 ${spec.target * 100}%에 닿을 때까지 학습`);
      try {
        report.accuracy.push(await timeToAccuracy({ ...spec, seed: seedModel(spec.model) }, train, test));
      } finally {
        tf.dispose([train.xs, train.ys, test.xs, test.ys]);
      }
    }
  } catch (error) {
    report.error = (error as Error).message;
  }
  return report;
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  post({ type: 'report', report: await run(event.data) });
};
