/**
 * Grades one submission: rebuilds the learner's model from its serialized artifact (never from
 * learner code), runs the exercise's checks, and totals the points. The browser's grader worker
 * and the Node CLI both call this.
 */
import type * as tfCore from '@tensorflow/tfjs-core';
import type * as tfLayers from '@tensorflow/tfjs-layers';
import { DatasetError, loadDataset, type LoadOptions } from '../src/data/loader.ts';
import { importInstructions, missingDatasetMessage } from '../src/data/opt-in.ts';
import { loadPretrainedModel, type ModelSource } from '../src/pretrained/loader.ts';
import { summarizeModel } from '../src/runtime/model-summary.ts';
import { modelFromArtifact } from '../src/runtime/model-artifacts.ts';
import type { CheckResult, DatasetName, GradePhase, GradeReport, RunOutcome, Submission } from '../src/runtime/protocol.ts';
import { RUN_RESULT_ID, type GraderSpec, type GradingContext, type HeldOutSet } from './types.ts';

export interface GradingEnvironment {
  tf: typeof tfCore;
  loadTestSet(name: DatasetName, count: number): Promise<HeldOutSet>;
  loadTrainingSet(name: DatasetName, count: number, seed: number): Promise<HeldOutSet>;
  loadPretrained(name: string, options?: { includeTop?: boolean }): Promise<tfLayers.LayersModel>;
  quick: boolean;
}

/** The grading environment's pretrained models: the site's `models/` folder, or public/models on disk. */
export function gradingModels(source: ModelSource): Pick<GradingEnvironment, 'loadPretrained'> {
  return { loadPretrained: async (name, options = {}) => (await loadPretrainedModel(name, options, source)).model };
}

/**
 * The grading environment's datasets: the course's own files under `source.baseUrl`, read with
 * `source.fetch` where given (the Node CLI reads them from disk, or from an instructor's private
 * test set).
 */
export function gradingDatasets(source: Pick<LoadOptions, 'baseUrl' | 'fetch'>): Pick<GradingEnvironment, 'loadTestSet' | 'loadTrainingSet'> {
  const load = async (name: string, options: Omit<LoadOptions, 'baseUrl' | 'fetch'>): Promise<HeldOutSet> => {
    const { xs, ys } = await loadDataset(name, { ...options, ...source });
    return { xs, ys, count: xs.shape[0] };
  };
  return {
    loadTestSet: (name, count) => load(name, { split: 'test', subset: count }),
    loadTrainingSet: (name, count, seed) => load(name, { split: 'train', subset: count, shuffleSeed: seed }),
  };
}

/** The exercise a report belongs to. */
export interface GradedExercise {
  id: string;
  points: number;
}

function report(exercise: GradedExercise, results: CheckResult[], started: number, passed = results.length > 0 && results.every((r) => r.passed)): GradeReport {
  return { exerciseId: exercise.id, passed, score: passed ? exercise.points : 0, points: exercise.points, results, elapsedMs: performance.now() - started };
}

const RUN_TITLE = '코드 실행';

/**
 * A check that cannot be graded here because its data is an opt-in dataset this site lacks: it
 * earns nothing, but it is marked unavailable rather than failed, with how to import the data.
 */
export function unavailableResult(check: { id: string; title: string }, dataset: string): CheckResult {
  return { id: check.id, title: check.title, passed: false, unavailable: dataset as DatasetName, message: `${check.title}: 채점할 수 없습니다 — ${missingDatasetMessage(dataset)}`, hint: importInstructions(dataset) };
}

/** The first result of a report that could not be graded for want of data, if any: the report is unavailable, not failed. */
export function unavailableResultOf(report: GradeReport): CheckResult | undefined {
  return report.results.find((r) => r.unavailable);
}

export async function gradeSubmission(
  exercise: GradedExercise,
  spec: GraderSpec,
  submission: Submission,
  env: GradingEnvironment,
  phase: GradePhase = 'all',
): Promise<GradeReport> {
  const started = performance.now();
  if (submission.kind === 'unavailable') {
    // The run stopped for want of its data. The structure was graded as the model was built; what
    // needs the run's result cannot be graded here.
    const pending = spec.checks.filter((c) => c.needs === 'result');
    const results = (pending.length > 0 ? pending : [{ id: RUN_RESULT_ID, title: RUN_TITLE }]).map((c) => unavailableResult(c, submission.dataset));
    return report(exercise, results, started, false);
  }
  if (spec.checks.length === 0) {
    return report(exercise, [{ id: RUN_RESULT_ID, title: RUN_TITLE, passed: true, message: '코드가 오류 없이 실행되었습니다.' }], started);
  }
  const checks = phase === 'structure' ? spec.checks.filter((c) => c.needs === 'structure') : spec.checks;
  if (checks.length === 0) return report(exercise, [], started, true);
  const results: CheckResult[] = [];
  let model: tfLayers.LayersModel | undefined;
  if (submission.kind === 'model') {
    try {
      model = await modelFromArtifact(submission.model);
    } catch (error) {
      results.push({
        id: 'model.load',
        title: '모델 불러오기',
        passed: false,
        message: `제출한 모델을 다시 만들 수 없습니다: ${(error as Error).message}`,
        hint: 'tf.layers의 기본 층만 썼는지 확인하세요.',
      });
    }
  }
  const context: GradingContext = {
    tf: env.tf,
    ...(model ? { model, summary: summarizeModel(model) } : {}),
    ...(submission.kind === 'values' ? { values: submission.values } : {}),
    loadTestSet: env.loadTestSet,
    loadTrainingSet: env.loadTrainingSet,
    loadPretrained: env.loadPretrained,
    quick: env.quick,
  };
  try {
    for (const check of checks) {
      try {
        results.push(...(await check.run(context)));
      } catch (error) {
        // The grader's own data (a test split) can be an opt-in dataset that is not here.
        if (error instanceof DatasetError && error.code === 'missing' && error.dataset) results.push(unavailableResult(check, error.dataset));
        else results.push({ id: check.id, title: check.title, passed: false, message: `검사 중 오류가 났습니다: ${(error as Error).message}` });
      }
    }
  } finally {
    model?.dispose();
  }
  if (phase === 'structure') {
    if (results.every((r) => r.passed)) return report(exercise, results, started, true);
    // A wrong structure ends the run before training: the checks that need the trained model are listed as not run.
    const skipped: CheckResult[] = spec.checks
      .filter((c) => c.needs === 'result')
      .map((c) => ({ id: c.id, title: c.title, passed: false, message: `${c.title}: 모델 구조가 맞지 않아 학습하지 않았으므로 검사하지 않았습니다.`, hint: '위의 구조 검사를 먼저 통과하세요.' }));
    return report(exercise, [...results, ...skipped], started, false);
  }
  return report(exercise, results, started);
}

/** A failed check standing for the whole grading, when the grader could not finish. */
export function graderFailure(exercise: GradedExercise, id: 'grade.timeout' | 'grade.error', message: string, hint: string): GradeReport {
  return report(exercise, [{ id, title: '채점', passed: false, message, hint }], performance.now());
}

/** The grading that overran its limit: the same words in the browser and the CLI. */
export function gradeTimeoutReport(exercise: GradedExercise & { gradeTimeLimitMs: number }): GradeReport {
  const limit = exercise.gradeTimeLimitMs;
  const seconds = limit < 10_000 ? (limit / 1000).toFixed(1) : String(Math.round(limit / 1000));
  return graderFailure(exercise, 'grade.timeout', `채점이 ${seconds}초 안에 끝나지 않아 중단했습니다.`, '다시 채점해 보세요. 계속되면 모델이나 결과가 너무 큰지 확인하세요.');
}

/** The report for a run that produced nothing to grade: one failed `run` check that says why. */
export function runFailureReport(exercise: GradedExercise, outcome: Exclude<RunOutcome, { status: 'done' | 'stopped' | 'unavailable' }>): GradeReport {
  const result = ((): CheckResult => {
    switch (outcome.status) {
      case 'failed': {
        const { phase, message } = outcome.error;
        const hint =
          phase === 'syntax'
            ? '표시된 줄의 괄호, 쉼표, 따옴표를 확인하세요.'
            : phase === 'contract'
              ? '실습 설명의 함수 이름과 반환값을 확인하세요.'
              : '실행 버튼으로 먼저 실행해 오류가 난 줄을 확인하세요.';
        return { id: RUN_RESULT_ID, title: RUN_TITLE, passed: false, message: `코드를 실행하지 못했습니다: ${message}`, hint };
      }
      case 'timeout':
        return {
          id: RUN_RESULT_ID,
          title: RUN_TITLE,
          passed: false,
          message: `시간 초과: ${Math.round(outcome.limitMs / 1000)}초 안에 끝나지 않아 중지했습니다.`,
          hint: '무한 루프가 없는지, 학습 데이터나 에포크가 너무 많지 않은지 확인하세요.',
        };
      case 'crashed':
        return { id: RUN_RESULT_ID, title: RUN_TITLE, passed: false, message: `실행 환경이 중단되었습니다: ${outcome.reason}`, hint: '메모리를 너무 많이 쓰지 않았는지 확인하세요.' };
    }
  })();
  return report(exercise, [result], performance.now());
}
