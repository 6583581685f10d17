/**
 * The exercise worker: runs one learner program on TF.js and reports over the private port it
 * receives in `init`. It takes its own references (the port's postMessage, the course API)
 * before learner code runs, so learner code that patches globals or posts on the global scope
 * cannot speak for the runtime.
 */
import { initBackend, type ActiveBackend } from './backend.ts';
import { loadTrainingData, type Emit } from '../course-api.ts';
import { LearnerCodeError } from '../learner-module.ts';
import { currentRunEmit, describeError, executeRun, reportFitProgress } from '../execute.ts';
import { transferablesOf, type HostMessage, type InitMessage, type RunSpec, type RunnerMessage } from '../protocol.ts';
import { guardTestSplit, type RuntimeNetwork } from './test-split-guard.ts';

type Post = (message: RunnerMessage, transfer?: Transferable[]) => void;

let backend: Promise<ActiveBackend> | undefined;
/** Answers to a run paused after `buildModel()`, by request id. */
const resumes = new Map<number, (proceed: boolean) => void>();
let network: RuntimeNetwork | undefined;
reportFitProgress();

self.addEventListener(
  'message',
  (event: MessageEvent<InitMessage>) => {
    if (event.data?.type !== 'init') return;
    const port = event.data.port;
    backend = initBackend(event.data.backend, (text) => currentRunEmit()?.({ type: 'log', level: 'warn', text }));
    backend.catch(() => {}); // reported by the run that awaits it
    const post = port.postMessage.bind(port) as Post;
    port.onmessage = (e: MessageEvent<HostMessage>) => {
      const message = e.data;
      if (message.type === 'ping') post({ type: 'pong', requestId: message.requestId });
      else if (message.type === 'run') void run(message.requestId, message.spec, post);
      else if (message.type === 'resume') resumes.get(message.requestId)?.(message.proceed);
    };
  },
  { once: true },
);

async function run(requestId: number, spec: RunSpec, post: Post) {
  const emit: Emit = (message) => {
    const full = { ...message, requestId } as RunnerMessage;
    post(full, full.type === 'log' || full.type === 'progress' ? [] : transferablesOf(full));
  };
  try {
    if (!backend) throw new Error('worker used before init');
    const active = await backend;
    emit({ type: 'ready', backend: active.name, threads: active.threads, isolated: self.crossOriginIsolated });
  } catch (error) {
    emit(describeError(error));
    return;
  }
  // After the backend has started its own threads, and before any learner code runs.
  network ??= guardTestSplit(self);
  await executeRun(spec, {
    emit,
    fetch: network.fetch,
    loadTrainingData: (budget) => loadTrainingData(budget, spec.baseUrl, emit, network?.fetch),
    models: { baseUrl: `${spec.baseUrl}models/`, fetch: network.fetch },
    waitForResume: () => new Promise<boolean>((resolve) => resumes.set(requestId, resolve)),
  });
}

// Errors from learner code outside the awaited chain (a timer callback, a promise nobody awaits)
// are reported as the run's error; the host then ends the run.
const reportStray = (error: unknown) => currentRunEmit()?.(describeError(error));
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  reportStray(event.reason);
});
self.addEventListener('error', (event) => {
  event.preventDefault();
  reportStray(event.error ?? event.message);
});
// `self.close()` would end the worker silently; say why instead. (The host's heartbeat is the backstop.)
Object.defineProperty(self, 'close', {
  value: () => {
    throw new LearnerCodeError('self.close()는 실습 코드에서 쓸 수 없습니다. 실행을 멈추려면 중지 버튼을 누르세요.', 'contract');
  },
});
