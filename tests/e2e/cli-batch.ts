/**
 * What `npm run grade -- <id> <file> --json` reports, for many files in one process: the same
 * exercise loader and `gradeCode` as scripts/grade.ts, without paying its start-up (tsx, TF.js,
 * the wasm backend) once per file. Browser tests compare their checklists with these reports.
 *
 *   tsx tests/e2e/cli-batch.ts '[["pooling", "content/exercises/pooling/wrong/x.ts"], …]'
 * prints a JSON object keyed `<id> <file>`, each value the report's results.
 */
import { readFileSync } from 'node:fs';
import { gradeCode } from '../../graders/node/grade-file.ts';
import { loadExercise } from '../../graders/exercise-folder.ts';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';

const files = JSON.parse(process.argv[2] ?? '[]') as [id: string, file: string][];
await startNodeBackend('wasm');
const reports: Record<string, unknown> = {};
for (const [id, file] of files) {
  const { report } = await gradeCode(await loadExercise(id), readFileSync(file, 'utf8'), { quick: false, backend: 'wasm' });
  reports[`${id} ${file}`] = report.results;
}
console.log(JSON.stringify(reports));
