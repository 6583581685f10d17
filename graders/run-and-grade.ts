/**
 * The one path from a learner's code to a checklist, for the browser and the CLI alike: run the
 * code (somewhere: a browser worker, a Node thread), grade what it produced (in a grader that
 * never runs learner code), and turn a run that produced nothing into a report that says why.
 *
 * Training exercises fail fast: the runner pauses after `buildModel()`, the structure checks
 * grade the model as built, and a wrong structure ends the run before any training. A run whose
 * opt-in dataset is not on this site ends `unavailable`: its report keeps the structure results
 * and marks the checks that needed the data unavailable, neither passed nor the learner's failure.
 */
import type { RunHooks, Runner } from '../src/runtime/host.ts';
import type { BackendChoice, ExerciseSettings, GradePhase, GradeReport, RunOutcome, RunSpec, Submission } from '../src/runtime/protocol.ts';
import { runFailureReport } from './grade.ts';

export type GradingTarget = Pick<ExerciseSettings, 'id' | 'points' | 'gradeTimeLimitMs'>;

/** Grades submissions somewhere that never runs learner code (the grader worker, or the CLI's process). */
export interface Grader {
  grade(target: GradingTarget, submission: Submission, phase: GradePhase): Promise<GradeReport>;
}

export interface RunAndGradeOptions {
  runner: Runner;
  /** Without a grader the code only runs (실행). */
  grader?: Grader;
  backend: BackendChoice;
  baseUrl: string;
  /** Where a values exercise's calls come from (inline in the CLI, a URL on the site). */
  calls?: RunSpec['calls'];
  onMessage?: RunHooks['onMessage'];
  /** Called as the final grading starts (after the run), for a status line. */
  onGrading?: () => void;
  /** The run's limit, if not the exercise's own (the CLI's full budget allows more). */
  timeLimitMs?: number;
}

export interface PipelineResult {
  outcome: RunOutcome;
  /** Present when graded, including for a run that failed; absent for a plain run or one the learner stopped. */
  report?: GradeReport;
}

export async function runAndGrade(exercise: ExerciseSettings, code: string, options: RunAndGradeOptions): Promise<PipelineResult> {
  const { runner, grader } = options;
  const spec: RunSpec = {
    exerciseId: exercise.id,
    kind: exercise.kind,
    code,
    backend: options.backend,
    ...(exercise.dataset ? { dataset: exercise.dataset } : {}),
    ...(options.calls && exercise.kind === 'values' ? { calls: options.calls } : {}),
    pauseAfterBuild: grader !== undefined && exercise.kind === 'train',
    baseUrl: options.baseUrl,
  };
  let structureReport: GradeReport | undefined;
  const hooks: RunHooks = {
    ...(options.onMessage ? { onMessage: options.onMessage } : {}),
    ...(grader
      ? {
          onBuilt: async (model) => {
            structureReport = await grader.grade(exercise, { kind: 'model', model }, 'structure');
            return structureReport.passed;
          },
        }
      : {}),
  };
  const outcome = await runner.run(spec, hooks, options.timeLimitMs ?? exercise.timeLimitMs);
  if (!grader) return { outcome };
  if (structureReport && !structureReport.passed) return { outcome, report: structureReport };
  switch (outcome.status) {
    case 'done':
      options.onGrading?.();
      return { outcome, report: await grader.grade(exercise, outcome.submission, 'all') };
    case 'stopped':
      return { outcome };
    case 'unavailable': {
      // The data is not on this site: the structure checks passed before the run stopped, and the
      // grader lists the checks that needed the run's result as unavailable.
      const rest = await grader.grade(exercise, { kind: 'unavailable', dataset: outcome.dataset }, 'all');
      return { outcome, report: { ...rest, results: [...(structureReport?.results ?? []), ...rest.results] } };
    }
    default:
      return { outcome, report: runFailureReport(exercise, outcome) };
  }
}
