/**
 * The exercise pipeline's wire types, declared once: what the page (or the CLI) asks the runner,
 * what the runner reports, what the grader receives and what it answers. The runner worker, the
 * Node sandbox runner, the grader worker, the CLI and the output panel all import them from here.
 *
 * Every runner message carries the `requestId` of the run it belongs to, so a late message from
 * a stopped run is never mistaken for the current one. After `init`, messages travel only over a
 * private MessagePort handed to the worker; whatever learner code posts on the worker's global
 * scope is ignored by the host.
 */
import type { SubsetSource } from '../data/loader.ts';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
/** `auto` lets the runtime choose: a hardware WebGPU adapter, else WASM, else CPU. */
export type BackendChoice = 'auto' | BackendName;

/**
 * How the runtime drives the learner's module after evaluating it:
 * `script` evaluates the file only (print, plot, show images); `model` calls `buildModel()` and
 * hands the model to the grader; `train` also loads data and calls `train(model, data)`; `values`
 * calls the functions the grader's checks name, with the grader's inputs.
 */
export const EXERCISE_KINDS = ['script', 'model', 'train', 'values'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

export const DATASET_NAMES = ['mnist', 'fashion-mnist', 'cifar10'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetBudget {
  /** Dataset folder under public/data/. */
  name: DatasetName;
  /** How many training images the learner gets (first n after the seeded shuffle). */
  trainSize: number;
  /** How many images are held out from the training split for validation. */
  validationSize: number;
  /** Seed of the shuffle, so every run sees the same subset. */
  seed: number;
  /**
   * Where the subset is drawn from (src/data/loader.ts, `SubsetSource`): 'leading-shards' downloads
   * only the shards that hold trainSize + validationSize images; 'whole-split' (the default) the
   * whole split, keeping the images a lesson's figures were measured on before the shards.
   */
  subsetFrom?: SubsetSource | undefined;
}

/** What the pipeline needs to know of an exercise to run and grade it (from its metadata). */
export interface ExerciseSettings {
  id: string;
  kind: ExerciseKind;
  points: number;
  /** One run's wall-clock limit. */
  timeLimitMs: number;
  /** One grading's wall-clock limit; past it the grader is replaced and the check says so. */
  gradeTimeLimitMs: number;
  dataset?: DatasetBudget;
}

// ---- values: tensors and calls ---------------------------------------------------------------

/** A tensor as a plain object whose buffer can be transferred between workers. */
export interface PlainTensor {
  shape: number[];
  values: Float32Array | Int32Array;
}

/** A call argument that reaches learner code as a tensor. */
export interface TensorArg {
  $tensor: { shape: number[]; values: Float32Array | Int32Array | readonly number[] };
}

/** A call argument that reaches learner code as a model built from a (seeded) Keras topology. */
export interface ModelArg {
  $model: object;
}

/** Training images a grader hands learner code, `repeat` times over: the grader loads the same ones itself. */
export interface TrainingImagesArg {
  $trainingImages: { dataset: DatasetName; count: number; seed: number; repeat?: number };
}

/** One call the runner makes for a `values` exercise; its result is kept under `key`. */
export interface GraderCall {
  key: string;
  /** The exported function to call. */
  name: string;
  /** Plain data, or the wrappers `TensorArg`, `ModelArg`, `TrainingImagesArg`. */
  args: readonly unknown[];
}

// ---- host → runner --------------------------------------------------------------------------

export interface RunSpec {
  exerciseId: string;
  kind: ExerciseKind;
  /** The learner's TypeScript source. */
  code: string;
  backend: BackendChoice;
  dataset?: DatasetBudget;
  /**
   * The calls of a `values` exercise: inline (the CLI) or a URL the runner fetches when it needs
   * them (the site, so that lesson pages do not carry the grader's inputs).
   */
  calls?: { inline: GraderCall[] } | { url: string };
  /**
   * Report the built model (`built`) and wait for `resume` before training, so a structural
   * mistake is graded in seconds instead of after the training budget.
   */
  pauseAfterBuild?: boolean;
  /** Site base URL ('/' or '/sub-path/'), to find datasets, calls and wasm files. */
  baseUrl: string;
}

export type HostMessage =
  | { type: 'run'; requestId: number; spec: RunSpec }
  | { type: 'resume'; requestId: number; proceed: boolean }
  | { type: 'ping'; requestId: number };

/**
 * Sent on the worker's global scope once, transferring the private port. The worker starts its
 * backend right away, so a worker warmed up ahead of time runs learner code without delay.
 */
export interface InitMessage {
  type: 'init';
  port: MessagePort;
  backend: BackendChoice;
}

// ---- runner → host --------------------------------------------------------------------------

export interface SourceLocation {
  /** 1-based line in the learner's file. */
  line: number;
  column?: number;
}

export interface LayerSummaryRow {
  name: string;
  className: string;
  /** Output shape with `null` for the batch dimension, e.g. `[null, 26, 26, 32]`. */
  outputShape: (number | null)[] | (number | null)[][];
  params: number;
}

export interface ModelSummary {
  rows: LayerSummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

/** A serialized tf.io model: topology and weights, as `tf.io.withSaveHandler` receives it. */
export interface ModelArtifact {
  modelTopology: object | ArrayBuffer;
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  weightData: ArrayBuffer;
}

/**
 * An opt-in dataset (src/data/opt-in.ts) that is not on this site: what needs it is neither run to
 * the end nor graded, and is reported as unavailable, never as the learner's failure or a pass.
 */
export interface DatasetUnavailable {
  dataset: DatasetName;
  /** Korean, with how to import the dataset. */
  message: string;
}

/** What a run hands the grader: never code, only a model or values. */
export type Submission =
  | { kind: 'model'; model: ModelArtifact }
  /** Each call's result under its key: plain data, tensors as `PlainTensor`, models as `ModelArg` (topology only). */
  | { kind: 'values'; values: Record<string, unknown> }
  | { kind: 'none' }
  /** The run stopped because its dataset is not on this site: the checks that need its result are reported unavailable. */
  | { kind: 'unavailable'; dataset: DatasetName };

export interface EpochMetrics {
  epoch: number;
  /** Metric name → value, as Keras logs them (`loss`, `acc`, `val_loss`, `val_acc`). */
  logs: Record<string, number>;
}

/** Why a run ended without a submission: the learner's syntax, their code at run time, the exercise's contract, or the runtime. */
export interface RunError {
  phase: 'syntax' | 'runtime' | 'contract' | 'internal';
  message: string;
  location?: SourceLocation;
}

export type RunnerMessage =
  | { type: 'ready'; requestId: number; backend: BackendName; threads: number; isolated: boolean }
  | { type: 'pong'; requestId: number }
  | { type: 'log'; requestId: number; level: 'log' | 'warn' | 'error'; text: string }
  | {
      type: 'progress';
      requestId: number;
      stage: 'dataset' | 'epoch' | 'batch';
      /** Units done and total (bytes for the dataset, batches within an epoch, epochs). */
      done: number;
      total: number;
      epoch?: number;
      logs?: Record<string, number>;
      imagesPerSecond?: number;
    }
  | { type: 'epoch'; requestId: number; metrics: EpochMetrics }
  | { type: 'summary'; requestId: number; summary: ModelSummary }
  | { type: 'plot'; requestId: number; title: string; series: { name: string; values: number[] }[]; xLabel?: string }
  | {
      type: 'image';
      requestId: number;
      title: string;
      /** Grayscale or RGB images, each `width × height × channels` bytes. */
      images: { width: number; height: number; channels: 1 | 3; pixels: Uint8ClampedArray; label?: string }[];
      columns: number;
    }
  /** The model right after `buildModel()`, before training (only when the spec asked to pause). */
  | { type: 'built'; requestId: number; model: ModelArtifact }
  | { type: 'submission'; requestId: number; submission: Submission }
  | ({ type: 'error'; requestId: number } & RunError)
  /** The run's dataset is not on this site (an opt-in dataset not imported); the run ends here. */
  | ({ type: 'unavailable'; requestId: number } & DatasetUnavailable)
  | { type: 'done'; requestId: number; elapsedMs: number };

/** How a run ended, the same union in the browser and in Node. */
export type RunOutcome =
  | { status: 'done'; elapsedMs: number; submission: Submission }
  | { status: 'failed'; error: RunError }
  | { status: 'timeout'; limitMs: number }
  /** Ended on request: by the learner's 중지, or by the pipeline after a failed structure check. */
  | { status: 'stopped' }
  | { status: 'crashed'; reason: string }
  /** The data the run needs is not on this site: not the learner's failure. */
  | ({ status: 'unavailable' } & DatasetUnavailable);

/** The buffers of a message worth transferring instead of copying (weights, images, tensor values). */
export function transferablesOf(message: RunnerMessage | Submission | GraderCall[]): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (value instanceof ArrayBuffer) buffers.add(value);
    else if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) buffers.add(value.buffer);
    } else if (Array.isArray(value)) {
      // Plain number arrays hold no buffers; only look inside arrays of objects.
      if (typeof value[0] === 'object') for (const item of value) visit(item, depth + 1);
    } else for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(message, 0);
  return [...buffers];
}

// ---- grading --------------------------------------------------------------------------------
// The grader never runs learner code: it receives only a submission.

export interface CheckResult {
  /** Stable id of the result within its exercise, e.g. `params.total` or `layer.3.outputShape`. */
  id: string;
  /** What is checked, in Korean, as the checklist shows it. */
  title: string;
  passed: boolean;
  expected?: string;
  actual?: string;
  /** Why it failed (or a short confirmation), in Korean, naming the layer at fault. */
  message: string;
  hint?: string;
  /**
   * Staged hints after `hint`, each nearer the answer than the one before (a nudge first, the
   * learner's own numbers in the lesson's formula last). The browser opens them one at a time.
   */
  laterHints?: string[];
  /**
   * The check could not be graded here: the data it needs is this opt-in dataset, which the site
   * does not have. `passed` is false (it earns nothing), but it is not the learner's mistake either.
   */
  unavailable?: DatasetName;
}

export interface GradeReport {
  exerciseId: string;
  passed: boolean;
  /** Points earned: all of the exercise's points when every check passes, else none. */
  score: number;
  points: number;
  results: CheckResult[];
  elapsedMs: number;
}

/**
 * `structure` runs only the checks that need no training (layers, parameters, configs), on the
 * model as built; `all` runs every check on the final submission.
 */
export type GradePhase = 'structure' | 'all';

export interface GradeRequest {
  type: 'grade';
  requestId: number;
  exerciseId: string;
  points: number;
  phase: GradePhase;
  submission: Submission;
  baseUrl: string;
}

export type GradeResponse =
  | {
      type: 'graded';
      requestId: number;
      report: GradeReport;
      backend: BackendName;
      /** The grader worker's TF.js memory after the grading: it must not grow from one grading to the next. */
      memory: { numTensors: number; numBytes: number };
    }
  | { type: 'grade-error'; requestId: number; message: string };
