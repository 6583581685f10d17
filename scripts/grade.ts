/**
 * Grades submissions from the command line, with the same checks as the browser.
 *
 *   npm run grade -- <exercise-id> <file.ts>          one file; exit code 1 when it fails
 *   npm run grade -- <exercise-id> --dir <folder>     every .ts in a folder; writes report.csv and report.json there
 *   options: --json (machine-readable output), --quick (the CI budget for accuracy checks), --backend cpu|wasm
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, gradeCode } from '../graders/node/grade-file.ts';
import { ExerciseFolderError, loadExercise } from '../graders/node/exercises.ts';
import { initGradingBackend } from '../graders/node/backend.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'wasm' },
  },
});

async function main(): Promise<number> {
  const [id, file] = positionals;
  if (!id || (!file && !values.dir)) {
    console.error('사용법: npm run grade -- <실습 id> <파일.ts>   또는   npm run grade -- <실습 id> --dir <폴더>');
    return 2;
  }
  const backend = values.backend === 'cpu' ? 'cpu' : 'wasm';
  await initGradingBackend(backend);
  const exercise = await loadExercise(id);
  const files = values.dir
    ? readdirSync(values.dir)
        .filter((f) => f.endsWith('.ts'))
        .sort()
        .map((f) => join(values.dir!, f))
    : [file!];
  const rows: { file: string; passed: boolean; score: number; points: number; failed: string[]; runError?: string }[] = [];
  const reports = [];
  for (const path of files) {
    const { report, runError } = await gradeCode(exercise, readFileSync(path, 'utf8'), { quick: values.quick, backend });
    reports.push({ file: basename(path), ...report, ...(runError ? { runError } : {}) });
    rows.push({ file: basename(path), passed: report.passed, score: report.score, points: report.points, failed: report.results.filter((r) => !r.passed).map((r) => r.id), ...(runError ? { runError } : {}) });
    if (!values.json) console.log(`${values.dir ? `\n== ${basename(path)}\n` : ''}${formatReport(report)}`);
  }
  if (values.json) console.log(JSON.stringify(values.dir ? reports : reports[0], null, 2));
  if (values.dir) {
    const csv = ['file,passed,score,points,failed_checks,run_error', ...rows.map((r) => [r.file, r.passed, r.score, r.points, r.failed.join(' '), r.runError ?? ''].map((v) => `"${String(v).replace(/"/g, '""')}"`).join(','))].join('\n');
    writeFileSync(join(values.dir, 'report.csv'), `${csv}\n`);
    writeFileSync(join(values.dir, 'report.json'), `${JSON.stringify(reports, null, 2)}\n`);
    if (!values.json) console.log(`\n${rows.filter((r) => r.passed).length}/${rows.length}개 통과. 보고서: ${join(values.dir, 'report.csv')}, report.json`);
  }
  return rows.every((r) => r.passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ExerciseFolderError ? error.message : error);
    process.exit(2);
  },
);
