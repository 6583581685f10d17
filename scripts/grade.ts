/**
 * Grades submissions from the command line, with the same pipeline and checks as the browser.
 *
 *   npm run grade -- <exercise-id> <file.ts>            one file; exit code 1 when it fails
 *   npm run grade -- <exercise-id> --dir <folder>       every .ts in a folder, in parallel; writes report.csv and report.json there
 *     --jobs N          grading threads (default: the machine's cores)
 *     --shard i/n       grade only the i-th of n stable slices (a CI matrix splits a class this way);
 *                       writes report.shard-i-of-n.json/.csv
 *   npm run grade -- --merge <folder>                   merges the shards' reports into report.json/.csv
 *   options: --json (machine-readable output), --quick (the CI budget for accuracy checks), --backend cpu|wasm,
 *            --test-set <dir> (a private held-out set laid out like public/data/, which the site never serves)
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, gradeCode, type GradeCodeOptions } from '../graders/node/grade-file.ts';
import { classReport, gradeFiles, mergeShardReports, parseShard, submissionFiles, writeClassReport } from '../graders/node/class-grading.ts';
import { ExerciseFolderError, loadExercise } from '../graders/exercise-folder.ts';
import { startNodeBackend } from '../src/runtime/node/backend.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
    merge: { type: 'string' },
    'test-set': { type: 'string' },
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'wasm' },
  },
});

class UsageError extends Error {}

async function main(): Promise<number> {
  if (values.merge) {
    const merged = mergeShardReports(values.merge);
    const passed = merged.submissions.filter((s) => s.report.passed).length;
    console.log(values.json ? JSON.stringify(merged, null, 2) : `${passed}/${merged.submissions.length}개 통과. 보고서: ${join(values.merge, 'report.csv')}, report.json`);
    return passed === merged.submissions.length ? 0 : 1;
  }
  const [id, file] = positionals;
  if (!id || (!file && !values.dir)) {
    throw new UsageError('사용법: npm run grade -- <실습 id> <파일.ts>   또는   npm run grade -- <실습 id> --dir <폴더> [--jobs N] [--shard i/n]');
  }
  const testSetDir = values['test-set'] ? resolve(values['test-set']) : undefined;
  if (testSetDir && !existsSync(testSetDir)) throw new UsageError(`--test-set 폴더가 없습니다: ${testSetDir}`);
  const options: Omit<GradeCodeOptions, 'onMessage'> = { quick: values.quick, backend: values.backend === 'cpu' ? 'cpu' : 'wasm', ...(testSetDir ? { testSetDir } : {}) };
  const exercise = await loadExercise(id);

  if (!values.dir) {
    await startNodeBackend(options.backend ?? 'wasm');
    const { report } = await gradeCode(exercise, readFileSync(file!, 'utf8'), options);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.passed ? 0 : 1;
  }

  const shard = values.shard ? parseShard(values.shard) : undefined;
  const files = submissionFiles(values.dir, shard).map((f) => join(values.dir!, f));
  const jobs = values.jobs ? Math.max(1, Number.parseInt(values.jobs, 10) || 1) : availableParallelism();
  const grades = await gradeFiles(exercise, files, jobs, options, (grade) => {
    if (!values.json) console.log(`\n== ${grade.file}\n${formatReport(grade.report)}`);
  });
  const report = classReport(exercise.id, grades, shard);
  const written = writeClassReport(values.dir, report);
  const passed = grades.filter((g) => g.report.passed).length;
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`\n${passed}/${grades.length}개 통과${shard ? ` (샤드 ${shard.index}/${shard.count})` : ''}. 보고서: ${written.join(', ')}`);
  return passed === grades.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ExerciseFolderError || error instanceof UsageError || (error as Error).message?.startsWith('--shard') ? (error as Error).message : error);
    process.exit(2);
  },
);
