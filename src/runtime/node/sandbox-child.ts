/**
 * The Node counterpart of the browser's exercise worker: a child process that runs one learner
 * program and reports the same messages over IPC. It runs as the bundle sandbox-runner.ts
 * builds (no tsx: loader hooks need threads and child processes the sandbox does not allow),
 * under Node's permission model, and locks its own globals down before learner code runs.
 */
import { startNodeBackend } from './backend.ts';
import { diskFetch } from './disk-fetch.ts';
import { lockdown, sandboxCompiler } from './sandbox-lockdown.ts';
import { loadTrainingData, type Emit } from '../course-api.ts';
import { currentRunEmit, describeError, executeRun, reportFitProgress } from '../execute.ts';
import { useLearnerCompiler } from '../learner-module.ts';
import type { HostMessage, RunnerMessage } from '../protocol.ts';
import type { SandboxInit, SandboxListening } from './sandbox-protocol.ts';

// Taken before lockdown: learner code sees a `process` without send, so it cannot speak for the runtime.
const realProcess = process;
const send = realProcess.send!.bind(realProcess);
const post: Emit = (message) => send({ ...message, requestId: 0 } as RunnerMessage);

realProcess.on('unhandledRejection', (reason) => currentRunEmit()?.(describeError(reason)));
realProcess.on('uncaughtException', (error) => currentRunEmit()?.(describeError(error)));
// An orphan (the grading process died without killing it) ends as soon as its event loop turns.
realProcess.on('disconnect', () => realProcess.exit(0));

async function main({ spec, backend, dataDir, modelsDir, wasmDir }: SandboxInit): Promise<void> {
  post({ type: 'ready', backend: await startNodeBackend(backend, wasmDir), threads: 1, isolated: false });
  reportFitProgress();
  const fetchImpl = diskFetch(dataDir);
  const resumes: ((proceed: boolean) => void)[] = [];
  realProcess.on('message', (message: HostMessage) => {
    if (message.type === 'resume') resumes.shift()?.(message.proceed);
  });
  useLearnerCompiler(sandboxCompiler);
  lockdown();
  await executeRun(spec, {
    emit: post,
    loadTrainingData: (budget) => loadTrainingData(budget, '/', post, fetchImpl),
    waitForResume: () => new Promise<boolean>((resolve) => resumes.push(resolve)),
    models: { baseUrl: '/models/', fetch: diskFetch(modelsDir, 'models'), cache: null },
  });
}

realProcess.once('message', (init: SandboxInit) => void main(init).catch((error: unknown) => post(describeError(error))));
send({ sandbox: 'listening' } satisfies SandboxListening);
