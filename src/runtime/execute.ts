/**
 * Runs one learner program, the same way in the browser's exercise worker and in the Node CLI:
 * evaluate the module, drive it according to the exercise kind, and emit the summary, progress,
 * and the artifact the grader will check. It never grades: grading happens elsewhere, on the
 * serialized artifact only.
 */
import * as tfCore from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import { installChainedOps } from './chained-ops.ts';
import { createCourseApi, formatLine, type Emit, type TrainingData } from './course-api.ts';
import { evaluateModule, locateInLearnerCode, LearnerCodeError, requireExport } from './learner-module.ts';
import { modelFromTopology, modelTopology, serializeModel } from './model-artifacts.ts';
import { summarizeModel } from './model-summary.ts';
import { describeDenial } from './sandbox-errors.ts';
import { DatasetError } from '../data/loader.ts';
import type { ModelSource } from '../pretrained/loader.ts';
import type { DatasetBudget, DatasetName, GraderCall, PlainTensor, RunSpec, Submission, TensorArg, ModelArg, TrainingImagesArg } from './protocol.ts';

installChainedOps();

/** What learner code gets as `@tensorflow/tfjs`; frozen so it cannot be patched for later code. */
const tf = Object.freeze({ ...tfCore, ...tfLayers });
const now = () => performance.now();

export interface ExecuteOptions {
  emit: Emit;
  loadTrainingData: (budget: DatasetBudget) => Promise<TrainingData>;
  /** The runtime's own fetch (learner code may have replaced the global one), for a calls URL. */
  fetch?: typeof fetch;
  /** Where a paused run (`pauseAfterBuild`) learns whether to go on training. */
  waitForResume?: () => Promise<boolean>;
  /** Where `course.loadPretrained` finds models: the site's `models/` folder, or public/models on disk. */
  models: ModelSource;
}

/** The calls of a values exercise, from the spec or the URL it names. */
async function resolveCalls(spec: RunSpec, fetchImpl: typeof fetch = fetch): Promise<GraderCall[]> {
  if (!spec.calls) return [];
  if ('inline' in spec.calls) return spec.calls.inline;
  const response = await fetchImpl(spec.calls.url);
  if (!response.ok) throw new Error(`채점 입력(${spec.calls.url})을 불러오지 못했습니다: HTTP ${response.status}`);
  return (await response.json()) as GraderCall[];
}

/** The emit of the run in progress: `fit` progress and stray errors are reported through it. */
let currentEmit: Emit | undefined;

export function currentRunEmit(): Emit | undefined {
  return currentEmit;
}

export async function executeRun(spec: RunSpec, { emit, loadTrainingData, fetch: fetchImpl, waitForResume, models }: ExecuteOptions): Promise<void> {
  const started = now();
  currentEmit = emit;
  const consoleMethods = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const log = (level: 'log' | 'warn' | 'error') => (...values: unknown[]) => emit({ type: 'log', level, text: formatLine(values) });
  // Learner console output goes to the output panel.
  Object.assign(console, { log: log('log'), info: log('log'), warn: log('warn'), error: log('error') });
  try {
    let data: Promise<TrainingData> | undefined;
    const trainingData = () => {
      if (!spec.dataset) throw new LearnerCodeError('이 실습에는 학습 데이터가 없습니다.', 'contract');
      data ??= loadTrainingData(spec.dataset);
      return data;
    };
    const course = createCourseApi(emit, trainingData, models);
    const exports = await evaluateModule(spec.code, { '@tensorflow/tfjs': tf, course });

    let submission: Submission = { kind: 'none' };
    if (spec.kind === 'model' || spec.kind === 'train') {
      const model = await Promise.resolve(requireExport<() => unknown>(exports, 'buildModel')());
      if (!(model instanceof tfLayers.LayersModel)) {
        throw new LearnerCodeError('buildModel()은 tf.sequential() 또는 tf.model()로 만든 모델을 반환해야 합니다.', 'contract');
      }
      emit({ type: 'summary', summary: summarizeModel(model) });
      if (spec.kind === 'train') {
        const train = requireExport<(m: tfLayers.LayersModel, d: TrainingData) => unknown>(exports, 'train');
        if (spec.pauseAfterBuild && waitForResume) {
          emit({ type: 'built', model: await serializeModel(model) });
          // The host ends the worker when the structure failed; a false answer only guards against that not happening.
          if (!(await waitForResume())) return;
        }
        await train(model, await trainingData());
      }
      submission = { kind: 'model', model: await serializeModel(model) };
    } else if (spec.kind === 'values') {
      const values: Record<string, unknown> = {};
      for (const call of await resolveCalls(spec, fetchImpl)) {
        const fn = requireExport<(...args: unknown[]) => unknown>(exports, call.name);
        const args = await Promise.all(call.args.map((arg) => fromPlain(arg, loadTrainingData)));
        values[call.key] = await toPlain(await Promise.resolve(fn(...args)));
      }
      submission = { kind: 'values', values };
    }
    emit({ type: 'submission', submission });
    emit({ type: 'done', elapsedMs: now() - started });
  } catch (error) {
    emit(datasetUnavailable(error) ?? describeError(error));
  } finally {
    currentEmit = undefined;
    Object.assign(console, consoleMethods);
  }
}

/**
 * An opt-in dataset that is not on this site ends the run as unavailable, not as an error of the
 * learner's code: the runtime's loader threw it (for `train`, a call's arguments or
 * `course.loadTrainingData()`), and learner code has no way to make this class of error itself.
 */
function datasetUnavailable(error: unknown): Extract<Parameters<Emit>[0], { type: 'unavailable' }> | undefined {
  if (!(error instanceof DatasetError) || error.code !== 'missing' || !error.dataset) return undefined;
  return { type: 'unavailable', dataset: error.dataset as DatasetName, message: error.message };
}

export function describeError(error: unknown): Extract<Parameters<Emit>[0], { type: 'error' }> {
  if (error instanceof LearnerCodeError) {
    return { type: 'error', phase: error.phase, message: error.message, ...(error.location ? { location: error.location } : {}) };
  }
  const location = locateInLearnerCode(error);
  // A sandbox's refusal (the test split, the network, Node modules) or an allocation too large says why, not only what failed.
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : undefined;
  const tooLarge = describeAllocationFailure(error);
  const text = describeDenial(error) ?? (tooLarge ? `${tooLarge} (${raw})` : (raw ?? `값 ${formatLine([error])}이(가) throw되었습니다.`));
  return { type: 'error', phase: 'runtime', message: location ? `${location.line}번째 줄에서 오류: ${text}` : text, ...(location ? { location } : {}) };
}

/**
 * A tensor too large to allocate surfaces as a bare RangeError from the typed array behind it;
 * say in Korean what was asked for. The element count is in V8's message (Chrome, Edge, Node).
 */
function describeAllocationFailure(error: unknown): string | undefined {
  if (!(error instanceof RangeError)) return undefined;
  const length = /Invalid typed array length: (\d+)/.exec(error.message);
  if (length) {
    const elements = Number(length[1]);
    const gigabytes = (elements * 4) / 1e9;
    return `텐서가 너무 큽니다: 원소 ${elements.toLocaleString('ko-KR')}개(float32로 약 ${gigabytes.toLocaleString('ko-KR', { maximumFractionDigits: 1 })} GB)를 한 번에 만들려고 했습니다. 브라우저가 만들 수 있는 배열의 크기를 넘으니 텐서의 모양(shape)을 확인하세요.`;
  }
  if (/Array buffer allocation failed/.test(error.message)) {
    return '메모리가 모자라 텐서를 만들지 못했습니다: 텐서가 너무 큽니다. 텐서의 모양(shape)이나 배치 크기를 줄여 보세요.';
  }
  return undefined;
}

/**
 * Reports batch and epoch progress of every `fit` call, whatever callbacks the learner passes:
 * the runtime's callback is appended to theirs. Installed once on the prototype (Sequential.fit
 * delegates to it), before any learner code runs.
 */
export function reportFitProgress(): void {
  const fit = tfLayers.LayersModel.prototype.fit;
  tfLayers.LayersModel.prototype.fit = function (this: tfLayers.LayersModel, x, y, args = {}) {
    const emit = currentEmit;
    if (!emit) return fit.call(this, x, y, args);
    let epochStart = 0;
    let batches = 0;
    const batchSize = args.batchSize ?? 32;
    const samples = (Array.isArray(x) ? x[0]?.shape[0] : (x as tfCore.Tensor).shape[0]) ?? 0;
    const total = Math.ceil((samples * (1 - (args.validationSplit ?? 0))) / batchSize);
    const progress = new tfLayers.CustomCallback({
      onEpochBegin: async () => {
        epochStart = now();
        batches = 0;
      },
      onBatchEnd: async (_batch, logs) => {
        batches += 1;
        const seconds = Math.max((now() - epochStart) / 1000, 1e-3);
        emit({ type: 'progress', stage: 'batch', done: batches, total, ...(logs ? { logs: { ...logs } } : {}), imagesPerSecond: (batches * batchSize) / seconds });
      },
      onEpochEnd: async (epoch, logs) => {
        emit({ type: 'epoch', metrics: { epoch: epoch + 1, logs: { ...(logs ?? {}) } } });
        emit({ type: 'progress', stage: 'epoch', done: epoch + 1, total: args.epochs ?? 1, epoch: epoch + 1 });
        if (logs && Object.values(logs).some((v) => Number.isNaN(v))) {
          emit({ type: 'log', level: 'warn', text: `${epoch + 1}번째 에포크의 손실이 NaN이 되었습니다. 학습률을 낮추거나 입력 값의 범위(0~1)를 확인하세요.` });
        }
      },
    });
    // TF.js hangs when plain callback objects and BaseCallback instances share one list, so every
    // learner callback becomes a BaseCallback first.
    const learnerCallbacks = (args.callbacks === undefined ? [] : Array.isArray(args.callbacks) ? args.callbacks : [args.callbacks]).map((c) =>
      c instanceof tfLayers.Callback || c instanceof tfLayers.CustomCallback ? c : new tfLayers.CustomCallback(c as tfLayers.CustomCallbackArgs),
    );
    return fit.call(this, x, y, { ...args, callbacks: [...learnerCallbacks, progress] });
  };
}

/**
 * A grader's argument as learner code receives it: `{ $tensor: {shape, values} }` becomes a tensor,
 * `{ $model: <Keras topology JSON> }` a model built from it (seeded initializers make its weights
 * the same in the runner and in the grader), `{ $trainingImages: {...} }` images of the course's
 * own data (too many to send as JSON), anything else stays plain JSON.
 */
async function fromPlain(arg: unknown, loadTrainingData: ExecuteOptions['loadTrainingData']): Promise<unknown> {
  const wrapped = arg as Partial<TensorArg & ModelArg & TrainingImagesArg> | null;
  if (wrapped?.$tensor) return tfCore.tensor(wrapped.$tensor.values as number[], wrapped.$tensor.shape);
  if (wrapped?.$model) return modelFromTopology(wrapped.$model);
  if (wrapped?.$trainingImages) {
    const { dataset, count, seed, repeat = 1 } = wrapped.$trainingImages;
    const data = await loadTrainingData({ name: dataset, trainSize: count, validationSize: 0, seed });
    tfCore.dispose([data.train.ys, data.validation.xs, data.validation.ys]);
    if (repeat === 1) return data.train.xs;
    const tiled = tfCore.tile(data.train.xs, [repeat, 1, 1, 1]);
    data.train.xs.dispose();
    return tiled;
  }
  return arg;
}

/**
 * Tensors become `{shape, values}` with a typed array the worker can transfer; a model becomes
 * `{ $model: topology }` (its structure, no weights: graders rebuild it with `modelFromTopology`);
 * other values must survive structured clone.
 */
async function toPlain(value: unknown): Promise<unknown> {
  if (value instanceof tfLayers.LayersModel) return { $model: modelTopology(value) } satisfies ModelArg;
  if (value instanceof tfCore.Tensor) {
    // A copy: some backends hand out their own storage, which transferring would detach.
    const data = await value.data();
    const values: PlainTensor['values'] = data instanceof Float32Array ? data.slice() : Int32Array.from(data as Int32Array | Uint8Array);
    return { shape: value.shape, values } satisfies PlainTensor;
  }
  if (Array.isArray(value)) return Promise.all(value.map(toPlain));
  return value;
}
