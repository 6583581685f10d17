/**
 * The Node counterpart of the browser's exercise worker: a worker thread that runs one learner
 * program and posts the same messages. The grading CLI runs learner code only here, never in
 * the process that grades.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startNodeBackend, type NodeBackend } from './backend.ts';
import { diskFetch } from './disk-fetch.ts';
import { loadTrainingData, type Emit } from '../course-api.ts';
import { currentRunEmit, describeError, executeRun, reportFitProgress } from '../execute.ts';
import type { HostMessage, RunSpec, RunnerMessage } from '../protocol.ts';

export interface RunnerThreadData {
  spec: RunSpec;
  backend: NodeBackend;
  /** Folder holding the prepared datasets (public/data). */
  dataDir: string;
}

const { spec, backend, dataDir } = workerData as RunnerThreadData;
const post: Emit = (message) => parentPort?.postMessage({ ...message, requestId: 0 } as RunnerMessage);

process.on('unhandledRejection', (reason) => currentRunEmit()?.(describeError(reason)));
process.on('uncaughtException', (error) => currentRunEmit()?.(describeError(error)));

async function main() {
  post({ type: 'ready', backend: await startNodeBackend(backend), threads: 1, isolated: false });
  reportFitProgress();
  const fetchImpl = diskFetch(dataDir);
  await executeRun(spec, {
    emit: post,
    loadTrainingData: (budget) => loadTrainingData(budget, '/', post, fetchImpl),
    waitForResume: () => new Promise<boolean>((resolve) => parentPort?.once('message', (m: HostMessage) => resolve(m.type === 'resume' && m.proceed))),
  });
}

main().catch((error: unknown) => post(describeError(error)));
