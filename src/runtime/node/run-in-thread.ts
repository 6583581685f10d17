/** Runs learner code in a worker thread with a time limit, collecting what it reports. */
import { Worker } from 'node:worker_threads';
import type { RunSpec, RunnerMessage } from '../protocol.ts';
import type { RunnerThreadData } from './runner-thread.ts';

export type ThreadOutcome =
  | { status: 'done'; messages: RunnerMessage[] }
  | { status: 'error'; messages: RunnerMessage[]; error: Extract<RunnerMessage, { type: 'error' }> }
  | { status: 'timeout'; messages: RunnerMessage[] };

export function runInThread(data: RunnerThreadData, timeLimitMs: number, onMessage?: (m: RunnerMessage) => void): Promise<ThreadOutcome> {
  const worker = new Worker(new URL('./runner-thread.mjs', import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: 4096 },
  });
  const messages: RunnerMessage[] = [];
  return new Promise((resolve) => {
    const finish = (outcome: ThreadOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ status: 'timeout', messages }), timeLimitMs);
    worker.on('message', (message: RunnerMessage) => {
      messages.push(message);
      onMessage?.(message);
      if (message.type === 'done') finish({ status: 'done', messages });
      else if (message.type === 'error') finish({ status: 'error', messages, error: message });
    });
    worker.on('error', (error) =>
      finish({ status: 'error', messages, error: { type: 'error', requestId: 0, phase: 'internal', message: `실행 스레드 오류: ${error.message}` } }),
    );
    worker.on('exit', (code) =>
      finish({ status: 'error', messages, error: { type: 'error', requestId: 0, phase: 'internal', message: `실행 스레드가 종료되었습니다 (코드 ${code}).` } }),
    );
  });
}

export type { RunSpec };
