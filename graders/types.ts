/**
 * The vocabulary of grading: what a check returns, what it sees, and how an exercise's grader
 * is declared. Shared by the grader worker in the browser and the Node CLI.
 */
import type * as tfCore from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelSummary } from '../src/runtime/protocol.ts';

export interface CheckResult {
  /** Stable id of the check within its exercise, e.g. `params.total` or `layer.3.outputShape`. */
  id: string;
  /** What is checked, in Korean, as the checklist shows it. */
  title: string;
  passed: boolean;
  expected?: string;
  actual?: string;
  /** Why it failed (or a short confirmation), in Korean, naming the layer at fault. */
  message: string;
  hint?: string;
}

/** A labelled set the grader loads itself (from the test split, learner code never sees it). */
export interface HeldOutSet {
  xs: tfCore.Tensor4D;
  ys: tfCore.Tensor1D;
  count: number;
}

export interface GradingContext {
  tf: typeof tfCore;
  /** The learner's model, rebuilt from its serialized topology and weights (model exercises). */
  model?: LayersModel;
  summary?: ModelSummary;
  /** Values returned by the learner's functions (values exercises), keyed by each call's key (default: function name). */
  values?: Record<string, unknown>;
  /** Loads `count` images of a dataset's test split (the grader's own data). */
  loadTestSet(name: string, count: number): Promise<HeldOutSet>;
  /**
   * Loads the first `count` images of a dataset's train split after the seeded shuffle: the same
   * images a call argument `{ $trainingImages: { dataset, count, seed } }` hands learner code.
   */
  loadTrainingSet(name: string, count: number, seed: number): Promise<HeldOutSet>;
  /** True in the fast CI mode (`check:exercises` without `--full`): accuracy checks use their small budget. */
  quick: boolean;
}

export interface Check {
  id: string;
  title: string;
  run(context: GradingContext): Promise<CheckResult[]> | CheckResult[];
}

/** A call the runner makes for a `values` exercise; arguments are plain JSON (tensors as `{shape, values}`). */
export interface GraderCall {
  name: string;
  args: unknown[];
  /** Where the result is kept in `values` (default: the function name), so one function can be called for many cases. */
  key?: string;
}

export interface GraderSpec {
  /** Functions the runner calls for `values` exercises, with the grader's inputs. */
  calls?: GraderCall[];
  checks: Check[];
}

export function defineGrader(spec: GraderSpec): GraderSpec {
  const ids = new Set<string>();
  for (const check of spec.checks) {
    if (ids.has(check.id)) throw new Error(`채점기의 검사 id '${check.id}'가 두 번 쓰였습니다.`);
    ids.add(check.id);
  }
  return spec;
}
