/**
 * The one protocol between the page (host) and the exercise worker (runner).
 *
 * Every message is a member of a discriminated union keyed on `type` and carries the `requestId`
 * of the run it belongs to, so a late message from a stopped run is never mistaken for the
 * current one. After `init`, messages travel only over a private MessagePort handed to the
 * worker; whatever learner code posts on the worker's global scope is ignored by the host.
 */

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
/** `auto` lets the runtime choose: a hardware WebGPU adapter, else WASM, else CPU. */
export type BackendChoice = 'auto' | BackendName;

/** How the runtime drives the learner's module after evaluating it. */
export type ExerciseKind =
  /** Evaluate the file only (free-form code: print, plot, show images). */
  | 'script'
  /** Call `buildModel()`; show its summary; hand the model to the grader. */
  | 'model'
  /** Load data, call `buildModel()` then `train(model, data, context)`; hand the trained model to the grader. */
  | 'train'
  /** Call the exported functions the grader lists with the grader's inputs; hand the values to the grader. */
  | 'values';

export interface DatasetBudget {
  /** Dataset name under public/data/ (`mnist`, `fashion-mnist`). */
  name: string;
  /** How many training images the learner gets (first n after the seeded shuffle). */
  trainSize: number;
  /** How many images are held out from the training split for validation. */
  validationSize: number;
  /** Seed of the shuffle, so every run sees the same subset. */
  seed: number;
}

export interface RunSpec {
  exerciseId: string;
  kind: ExerciseKind;
  /** The learner's TypeScript source. */
  code: string;
  backend: BackendChoice;
  dataset?: DatasetBudget;
  /** Functions a `values` exercise calls, with their arguments (plain JSON) and the key each result is kept under. */
  calls?: { name: string; args: unknown[]; key?: string }[];
  /** Site base URL ('/' or '/sub-path/'), to find datasets and wasm files. */
  baseUrl: string;
}

// ---- host → runner --------------------------------------------------------------------------

export type HostMessage =
  | { type: 'run'; requestId: number; spec: RunSpec }
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

export interface EpochMetrics {
  epoch: number;
  /** Metric name → value, as Keras logs them (`loss`, `acc`, `val_loss`, `val_acc`). */
  logs: Record<string, number>;
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
  | { type: 'artifact'; requestId: number; model?: ModelArtifact; values?: Record<string, unknown> }
  | {
      type: 'error';
      requestId: number;
      /** What failed: the learner's syntax, their code at run time, or the runtime itself. */
      phase: 'syntax' | 'runtime' | 'contract' | 'internal';
      message: string;
      location?: SourceLocation;
    }
  | { type: 'done'; requestId: number; elapsedMs: number };

export type RunnerMessageType = RunnerMessage['type'];

// ---- page → grader worker, and back ----------------------------------------------------------
// The grader worker never runs learner code: it receives only the artifact the runner produced.

export interface GradeRequest {
  type: 'grade';
  requestId: number;
  exerciseId: string;
  points: number;
  submission: { model?: ModelArtifact; values?: Record<string, unknown> };
  baseUrl: string;
}

export interface GradeCheckResult {
  id: string;
  title: string;
  passed: boolean;
  expected?: string;
  actual?: string;
  message: string;
  hint?: string;
}

export type GradeResponse =
  | {
      type: 'graded';
      requestId: number;
      report: { exerciseId: string; passed: boolean; score: number; points: number; results: GradeCheckResult[]; elapsedMs: number };
      backend: BackendName;
    }
  | { type: 'grade-error'; requestId: number; message: string };
