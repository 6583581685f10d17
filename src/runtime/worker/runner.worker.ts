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
import type { HostMessage, InitMessage, RunSpec, RunnerMessage } from '../protocol.ts';

type Post = (message: RunnerMessage, transfer?: Transferable[]) => void;

let backend: Promise<ActiveBackend> | undefined;
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
    };
  },
  { once: true },
);

async function run(requestId: number, spec: RunSpec, post: Post) {
  const emit: Emit = (message) => {
    const full = { ...message, requestId } as RunnerMessage;
    const transfer =
      full.type === 'artifact' && full.model ? [full.model.weightData] : full.type === 'image' ? full.images.map((i) => i.pixels.buffer) : [];
    post(full, transfer);
  };
  try {
    if (!backend) throw new Error('worker used before init');
    const active = await backend;
    emit({ type: 'ready', backend: active.name, threads: active.threads, isolated: self.crossOriginIsolated });
  } catch (error) {
    emit(describeError(error));
    return;
  }
  await executeRun(spec, { emit, loadTrainingData: (budget) => loadTrainingData(budget, spec.baseUrl, emit) });
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
