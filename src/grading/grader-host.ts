/** The page side of grading: one grader worker per page, asked by request id. */
import type { GradeRequest, GradeResponse } from '../runtime/protocol.ts';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (response: GradeResponse) => void>();

function graderWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module', name: 'exercise-grader' });
  worker.onmessage = (event: MessageEvent<GradeResponse>) => {
    pending.get(event.data.requestId)?.(event.data);
    pending.delete(event.data.requestId);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const [id, resolve] of pending) resolve({ type: 'grade-error', requestId: id, message: event.message || '채점 환경 오류' });
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/** Starts the grader worker early so its modules are loaded by the time a run finishes. */
export function warmUpGrader(): void {
  graderWorker();
}

export function requestGrade(request: Omit<GradeRequest, 'type' | 'requestId'>): Promise<GradeResponse> {
  const requestId = nextId++;
  return new Promise((resolve) => {
    pending.set(requestId, resolve);
    const message: GradeRequest = { type: 'grade', requestId, ...request };
    const transfer = message.submission.model ? [message.submission.model.weightData] : [];
    graderWorker().postMessage(message, transfer);
  });
}
