/**
 * The course tests itself: for every exercise, the starter must fail its grader, the solution
 * must pass, and each wrong variant must fail the check it names. Part of `npm test`.
 *
 *   npm run check:exercises              every exercise, accuracy checks on their small CI budget
 *   EXERCISE=<id> npm run check:exercises   one exercise
 *   npm run check:exercises -- --full    the full thresholds (slow; not in CI)
 */
import { parseArgs } from 'node:util';
import { gradeCode } from '../graders/node/grade-file.ts';
import { ExerciseFolderError, listExerciseIds, loadExercise } from '../graders/exercise-folder.ts';
import { startNodeBackend } from '../src/runtime/node/backend.ts';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } } });

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

async function main(): Promise<number> {
  await startNodeBackend('wasm');
  const only = process.env['EXERCISE'];
  const ids = only ? [only] : listExerciseIds();
  const outcomes: Outcome[] = [];
  for (const id of ids) {
    let exercise;
    try {
      exercise = await loadExercise(id);
    } catch (error) {
      if (!(error instanceof ExerciseFolderError)) throw error;
      console.error(error.message);
      outcomes.push({ name: `${id}: folder is valid`, ok: false, detail: error.problems.join(' / ') });
      continue;
    }
    const quick = !values.full;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
    const failedIds = (results: { id: string; passed: boolean }[]) => results.filter((r) => !r.passed).map((r) => r.id);

    // A wrong structure fails before any training (the pipeline grades the model as built), so only what could pass it trains.
    if (exercise.meta.points > 0) {
      const starter = await gradeCode(exercise, exercise.starter, { quick });
      outcomes.push({ name: `${id}: starter fails`, ok: !starter.report.passed, detail: `failed ${failedIds(starter.report.results).join(', ') || 'nothing'} (${seconds(starter.runMs)})` });
    }
    const solution = await gradeCode(exercise, exercise.solution, { quick });
    const accuracy = solution.report.results.find((r) => r.id === 'accuracy');
    outcomes.push({
      name: `${id}: solution passes`,
      ok: solution.report.passed,
      detail: `${failedIds(solution.report.results).join(', ')}${accuracy ? ` ${accuracy.message}` : ''} (${seconds(solution.runMs)})`,
    });
    for (const variant of exercise.wrong) {
      const graded = await gradeCode(exercise, variant.code, { quick });
      const failing = failedIds(graded.report.results);
      outcomes.push({
        name: `${id}: wrong/${variant.file} fails ${variant.expectFail}`,
        ok: failing.includes(variant.expectFail),
        detail: `failed ${failing.join(', ') || 'nothing'}`,
      });
    }
  }
  for (const o of outcomes) console.log(`${o.ok ? '✓' : '✗'} ${o.name} — ${o.detail}`);
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`${outcomes.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
