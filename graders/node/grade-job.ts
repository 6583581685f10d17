/**
 * A grading job thread of the class-scale CLI: grades the files it is sent, one at a time, with
 * the same pipeline as a single `npm run grade`. Each thread keeps its own TF.js backend.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';
import { useSandboxBundle } from '../../src/runtime/node/sandbox-runner.ts';
import { loadExercise } from '../exercise-folder.ts';
import { gradeCode } from './grade-file.ts';
import type { JobData, JobReply, JobRequest } from './class-grading.ts';

const { exerciseId, options, sandboxBundle } = workerData as JobData;
useSandboxBundle(sandboxBundle);
await startNodeBackend(options.backend ?? 'wasm');
const exercise = await loadExercise(exerciseId);

parentPort?.on('message', (request: JobRequest) => {
  void gradeCode(exercise, readFileSync(request.path, 'utf8'), options).then(
    ({ report, outcome }) => parentPort?.postMessage({ path: request.path, report, outcome: outcome.status } satisfies JobReply),
    (error: unknown) => parentPort?.postMessage({ path: request.path, error: String((error as Error).stack ?? error) } satisfies JobReply),
  );
});
parentPort?.postMessage({ ready: true });
