/**
 * The course tests itself: for every exercise, the starter must fail its grader, the solution
 * must pass, and each wrong variant must fail the check it names. Part of `npm test`.
 *
 *   npm run check:exercises              every exercise, accuracy checks on their small CI budget
 *   EXERCISE=<id> npm run check:exercises   one exercise
 *   npm run check:exercises -- --full    the full thresholds (slow; not in CI)
 *   npm run check:exercises -- --jobs 1  one exercise at a time (default: one per core)
 *
 * An exercise whose opt-in dataset is not imported (CIFAR-10, docs/data.md) is still checked as far
 * as it goes without the data (its folder, and the structure checks, which run before training);
 * what needs the data is listed as skipped, with the import command, and is not a failure.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { gradeCode } from '../graders/node/grade-file.ts';
import { ExerciseFolderError, listExerciseIds, loadExercise } from '../graders/exercise-folder.ts';
import { unavailableResultOf } from '../graders/grade.ts';
import { failedCheckIds, selfCheck, type SelfCheckStatus } from '../graders/self-check.ts';
import { importCommand, optInDataset } from '../src/data/opt-in.ts';
import { startNodeBackend } from '../src/runtime/node/backend.ts';
import type { GradeReport } from '../src/runtime/protocol.ts';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false }, jobs: { type: 'string' } } });

interface Outcome {
  name: string;
  status: SelfCheckStatus;
  detail: string;
}

const MARK: Record<SelfCheckStatus, string> = { ok: '✓', failed: '✗', skipped: '–' };

/** "skipped: CIFAR-10 not imported (npm run data -- --cifar10 <…>)" for a report some of whose checks lacked their data. */
function skippedBecause(report: GradeReport): string {
  const dataset = unavailableResultOf(report)?.unavailable ?? 'dataset';
  const info = optInDataset(dataset);
  return `skipped: ${info?.title ?? dataset} not imported${info ? ` (${importCommand(info)})` : ''}`;
}

/** Starter, solution and wrong variants of one exercise, as outcome lines. */
async function checkExercise(id: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let exercise;
  try {
    exercise = await loadExercise(id);
  } catch (error) {
    if (!(error instanceof ExerciseFolderError)) throw error;
    console.error(error.message);
    return [{ name: `${id}: folder is valid`, status: 'failed', detail: error.problems.join(' / ') }];
  }
  const quick = !values.full;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const detailOf = (report: GradeReport, status: SelfCheckStatus, text: string) => (status === 'skipped' ? skippedBecause(report) : text);

  // A wrong structure fails before any training (the pipeline grades the model as built), so only what could pass it trains.
  if (exercise.meta.points > 0) {
    const starter = await gradeCode(exercise, exercise.starter, { quick });
    const status = selfCheck(starter.report, 'fail');
    outcomes.push({ name: `${id}: starter fails`, status, detail: detailOf(starter.report, status, `failed ${failedCheckIds(starter.report).join(', ') || 'nothing'} (${seconds(starter.runMs)})`) });
  }
  const solution = await gradeCode(exercise, exercise.solution, { quick });
  const status = selfCheck(solution.report, 'pass');
  const accuracy = solution.report.results.find((r) => r.id === 'accuracy' && !r.unavailable);
  if (status === 'skipped') {
    // What could be graded without the data passed; say so, and skip the rest.
    const graded = solution.report.results.filter((r) => r.passed).map((r) => r.id);
    if (graded.length > 0) outcomes.push({ name: `${id}: solution passes the checks that need no data`, status: 'ok', detail: `${graded.length} passed (${seconds(solution.runMs)})` });
    const rest = solution.report.results.filter((r) => r.unavailable).map((r) => r.id);
    outcomes.push({ name: `${id}: solution passes ${rest.join(', ')}`, status, detail: skippedBecause(solution.report) });
  } else {
    outcomes.push({
      name: `${id}: solution passes`,
      status,
      detail: `${failedCheckIds(solution.report).join(', ')}${accuracy ? ` ${accuracy.message}` : ''} (${seconds(solution.runMs)})`,
    });
  }
  for (const variant of exercise.wrong) {
    const graded = await gradeCode(exercise, variant.code, { quick });
    const variantStatus = selfCheck(graded.report, { fail: variant.expectFail });
    outcomes.push({
      name: `${id}: wrong/${variant.file} fails ${variant.expectFail}`,
      status: variantStatus,
      detail: detailOf(graded.report, variantStatus, `failed ${failedCheckIds(graded.report).join(', ') || 'nothing'}`),
    });
  }
  return outcomes;
}

async function main(): Promise<number> {
  await startNodeBackend('wasm');
  const only = process.env['EXERCISE'];
  const ids = only ? [only] : listExerciseIds();
  // Learner code trains in a single-threaded child process per run, so one exercise per core keeps
  // the cores busy; grading stays in this process.
  const jobs = Math.max(1, Number(values.jobs ?? availableParallelism()) || 1);
  const results: Outcome[][] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, ids.length) }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        results[i] = await checkExercise(ids[i]!);
        const failed = results[i]!.filter((o) => o.status === 'failed').length;
        console.log(`${failed > 0 ? MARK.failed : MARK.ok} ${ids[i]} (${results[i]!.length - failed}/${results[i]!.length})`);
      }
    }),
  );
  // The full list in the exercises' order, whatever order they finished in.
  const outcomes = results.flat();
  for (const o of outcomes) console.log(`${MARK[o.status]} ${o.name} — ${o.detail}`);
  const count = (status: SelfCheckStatus) => outcomes.filter((o) => o.status === status).length;
  const failed = count('failed');
  const skipped = count('skipped');
  console.log(`${count('ok')} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped (their data is not imported; not a failure)` : ''}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
