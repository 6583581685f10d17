/**
 * The page side of grading: one grader worker per page, asked by request id, with a time limit.
 * A grading that overruns ends its worker (work in a worker cannot be interrupted otherwise); the
 * next grading starts a new one, and the overrun is answered as an ordinary failed check.
 */
import { transferablesOf, type GradePhase, type GradeReport, type GradeRequest, type GradeResponse, type Submission } from '../../src/runtime/protocol.ts';
import { graderFailure, gradeTimeoutReport } from '../grade.ts';
import type { Grader, GradingTarget } from '../run-and-grade.ts';

interface Pending {
  target: GradingTarget;
  resolve: (report: GradeReport) => void;
  timer: ReturnType<typeof setTimeout>;
}

export type GraderWorkerFactory = () => Worker;

const createGraderWorker: GraderWorkerFactory = () => new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module', name: 'exercise-grader' });

export class BrowserGrader implements Grader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The grader worker's TF.js memory after its last grading (tests watch it stay flat). */
  lastMemory: { numTensors: number; numBytes: number } | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly createWorker: GraderWorkerFactory = createGraderWorker,
  ) {}

  /** Starts the grader worker early so its modules are loaded by the time a run finishes. */
  warmUp(): void {
    this.ensureWorker();
  }

  grade(target: GradingTarget, submission: Submission, phase: GradePhase): Promise<GradeReport> {
    const worker = this.ensureWorker();
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail(gradeTimeoutReport(target)), target.gradeTimeLimitMs);
      this.pending.set(requestId, { target, resolve, timer });
      const message: GradeRequest = { type: 'grade', requestId, exerciseId: target.id, points: target.points, phase, submission, baseUrl: this.baseUrl };
      worker.postMessage(message, transferablesOf(submission));
    });
  }

  private settle(requestId: number, report: GradeReport): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(requestId);
    entry.resolve(report);
  }

  /** Ends the worker and answers every grading in flight with `report`'s failure. */
  private fail(report: GradeReport): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const [id, entry] of this.pending) this.settle(id, { ...report, exerciseId: entry.target.id, points: entry.target.points });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<GradeResponse>) => {
      const response = event.data;
      const entry = this.pending.get(response.requestId);
      if (!entry) return;
      if (response.type === 'graded') {
        this.lastMemory = response.memory;
        this.settle(response.requestId, response.report);
      } else {
        this.settle(response.requestId, graderFailure(entry.target, 'grade.error', `채점하지 못했습니다: ${response.message}`, '페이지를 새로 고친 뒤 다시 채점해 보세요.'));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const first = this.pending.values().next().value;
      if (first) this.fail(graderFailure(first.target, 'grade.error', `채점 환경 오류: ${event.message || '알 수 없는 오류'}`, '페이지를 새로 고친 뒤 다시 채점해 보세요.'));
      else this.worker = undefined;
    };
    this.worker = worker;
    return worker;
  }
}
