/**
 * The vocabulary of graders: what a check sees and how an exercise's grader is declared. The
 * results and reports a check produces are wire types (src/runtime/protocol.ts).
 */
import type * as tfCore from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { CheckResult, DatasetName, GraderCall, ModelSummary } from '../src/runtime/protocol.ts';

export type { CheckResult, GraderCall };

/** A labelled set the grader loads itself (from the test split, learner code never sees it). */
export interface HeldOutSet {
  xs: tfCore.Tensor4D;
  ys: tfCore.Tensor1D;
  count: number;
}

export interface GradingContext {
  tf: typeof tfCore;
  /** The learner's model, rebuilt from its serialized topology and weights (model and train exercises). */
  model?: LayersModel;
  summary?: ModelSummary;
  /** Values returned by the learner's functions (values exercises), keyed by each call's key. */
  values?: Record<string, unknown>;
  /** Loads `count` images of a dataset's test split (the grader's own data). */
  loadTestSet(name: DatasetName, count: number): Promise<HeldOutSet>;
  /**
   * Loads the first `count` images of a dataset's train split after the seeded shuffle: the same
   * images a call argument `{ $trainingImages: { dataset, count, seed } }` hands learner code.
   */
  loadTrainingSet(name: DatasetName, count: number, seed: number): Promise<HeldOutSet>;
  /**
   * Loads a pretrained model the site serves (`course-vgg`, or one a user placed in public/models),
   * a new copy each call, from the same files learner code's `course.loadPretrained` reads.
   */
  loadPretrained(name: string, options?: { includeTop?: boolean }): Promise<LayersModel>;
  /** True in the fast CI mode (`check:exercises` without `--full`): accuracy checks use their small budget. */
  quick: boolean;
}

/**
 * What a check needs: `structure` checks look only at the model as built (layers, parameter
 * counts, configs), so they run right after `buildModel()`, before any training; `result` checks
 * need the finished submission (a trained model's accuracy, a function's values).
 */
export type CheckNeeds = 'structure' | 'result';

export interface Check {
  id: string;
  title: string;
  needs: CheckNeeds;
  /** The learner calls this check reads (values exercises); the runner makes exactly the calls the checks declare. */
  calls?: readonly GraderCall[];
  /** Whether this check can report a result with this id (wrong variants name the result they must fail). */
  reports(resultId: string): boolean;
  run(context: GradingContext): Promise<CheckResult[]> | CheckResult[];
}

export interface GraderSpec {
  checks: readonly Check[];
  /** Every call the checks declare, once each. */
  calls: readonly GraderCall[];
}

/** One call of a learner function; `key` is where its result is kept, so one function can be called for many cases. */
export function call(key: string, name: string, args: readonly unknown[]): GraderCall {
  return { key, name, args };
}

/** The result every grading reports first when the learner's code does not run (syntax error, an exception, a shape TF.js refuses). */
export const RUN_RESULT_ID = 'run';

export class GraderDefinitionError extends Error {}

/** The grader of an exercise: its checks, and the calls they declare (a key is written once, where the check is). */
export function defineGrader(spec: { checks: readonly Check[] }): GraderSpec {
  const ids = new Set<string>();
  const calls = new Map<string, GraderCall>();
  for (const check of spec.checks) {
    if (ids.has(check.id)) throw new GraderDefinitionError(`채점기의 검사 id '${check.id}'가 두 번 쓰였습니다.`);
    ids.add(check.id);
    for (const c of check.calls ?? []) {
      const known = calls.get(c.key);
      if (known && known !== c && (known.name !== c.name || JSON.stringify(known.args) !== JSON.stringify(c.args))) {
        throw new GraderDefinitionError(`호출 키 '${c.key}'가 서로 다른 호출 두 개에 쓰였습니다. 키마다 호출 하나만 두세요.`);
      }
      calls.set(c.key, known ?? c);
    }
  }
  return { checks: spec.checks, calls: [...calls.values()] };
}

/** An ungraded exercise (no grader.ts): a run without an error is all it asks. */
export const UNGRADED: GraderSpec = { checks: [], calls: [] };
