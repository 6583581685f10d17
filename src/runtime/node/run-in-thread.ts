/**
 * The Node runner: learner code runs in a worker thread with a time limit and reports the same
 * messages, and ends with the same outcome, as the browser's exercise worker.
 */
import { Worker } from 'node:worker_threads';
import type { HostMessage, RunOutcome, RunSpec, RunnerMessage, Submission } from '../protocol.ts';
import type { RunHooks, Runner } from '../host.ts';
import type { RunnerThreadData } from './runner-thread.ts';

export class ThreadRunner implements Runner {
  private stopActive: (() => void) | undefined;

  constructor(private readonly thread: Omit<RunnerThreadData, 'spec'>) {}

  run(spec: RunSpec, hooks: RunHooks, timeLimitMs: number): Promise<RunOutcome> {
    const worker = new Worker(new URL('./runner-thread.mjs', import.meta.url), {
      workerData: { ...this.thread, spec } satisfies RunnerThreadData,
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    return new Promise((resolve) => {
      let submission: Submission = { kind: 'none' };
      let ended = false;
      const finish = (outcome: RunOutcome) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        this.stopActive = undefined;
        void worker.terminate();
        resolve(outcome);
      };
      this.stopActive = () => finish({ status: 'stopped' });
      const timer = setTimeout(() => finish({ status: 'timeout', limitMs: timeLimitMs }), timeLimitMs);
      worker.on('message', (message: RunnerMessage) => {
        hooks.onMessage?.(message);
        if (message.type === 'built') {
          void (hooks.onBuilt ? hooks.onBuilt(message.model) : Promise.resolve(true)).then((proceed) => {
            if (proceed) worker.postMessage({ type: 'resume', requestId: 0, proceed } satisfies HostMessage);
            else finish({ status: 'stopped' });
          });
        } else if (message.type === 'submission') submission = message.submission;
        else if (message.type === 'done') finish({ status: 'done', elapsedMs: message.elapsedMs, submission });
        else if (message.type === 'error') finish({ status: 'failed', error: { phase: message.phase, message: message.message, ...(message.location ? { location: message.location } : {}) } });
      });
      worker.on('error', (error) => finish({ status: 'crashed', reason: `실행 스레드 오류: ${error.message}` }));
      worker.on('exit', (code) => finish({ status: 'crashed', reason: `실행 스레드가 종료되었습니다 (코드 ${code}).` }));
    });
  }

  stop(): void {
    this.stopActive?.();
  }
}
