/**
 * Runs a submission in a worker thread and grades its artifact in this process: the Node
 * version of the browser's runner worker + grader worker pair.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import { diskFetch } from '../../src/runtime/node/disk-fetch.ts';
import { runInThread } from '../../src/runtime/node/run-in-thread.ts';
import { timeLimitMs } from '../../src/schemas/exercise.ts';
import type { RunnerMessage } from '../../src/runtime/protocol.ts';
import { gradeSubmission, gradingDatasets, type GradeReport } from '../grade.ts';
import { DATA_DIR, type ExerciseFolder } from './exercises.ts';

export interface FileGrade {
  report: GradeReport;
  /** Why the code did not produce something to grade (syntax error, timeout, …), if so. */
  runError?: string;
  runMs: number;
}

export interface GradeCodeOptions {
  quick: boolean;
  backend?: 'cpu' | 'wasm';
  /**
   * Build the model but skip `train()`: enough to see a structural mistake, at a fraction of the
   * cost. The accuracy check then fails by construction, so only use it to assert other checks.
   */
  skipTraining?: boolean;
  onMessage?: (m: RunnerMessage) => void;
}

export async function gradeCode(exercise: ExerciseFolder, code: string, options: GradeCodeOptions): Promise<FileGrade> {
  const started = performance.now();
  const { meta } = exercise;
  const outcome = await runInThread(
    {
      spec: {
        exerciseId: exercise.id,
        kind: options.skipTraining && meta.kind === 'train' ? 'model' : meta.kind,
        code,
        backend: options.backend ?? 'wasm',
        ...(meta.dataset ? { dataset: meta.dataset } : {}),
        ...(exercise.grader.calls ? { calls: exercise.grader.calls } : {}),
        baseUrl: '/',
      },
      backend: options.backend ?? 'wasm',
      dataDir: DATA_DIR,
    },
    timeLimitMs(meta) * (options.quick ? 1 : 3),
    options.onMessage,
  );
  const runMs = performance.now() - started;
  if (outcome.status !== 'done') {
    const runError = outcome.status === 'timeout' ? `시간 초과 (${timeLimitMs(meta) / 1000}초)` : outcome.error.message;
    return {
      runError,
      runMs,
      report: {
        exerciseId: exercise.id,
        passed: false,
        score: 0,
        points: meta.points,
        elapsedMs: 0,
        results: [{ id: 'run', title: '코드 실행', passed: false, message: `코드를 실행하지 못했습니다: ${runError}` }],
      },
    };
  }
  const artifact = outcome.messages.find((m): m is Extract<RunnerMessage, { type: 'artifact' }> => m.type === 'artifact');
  const report = await gradeSubmission(
    exercise.id,
    meta.points,
    exercise.grader,
    { ...(artifact?.model ? { model: artifact.model } : {}), ...(artifact?.values ? { values: artifact.values } : {}) },
    {
      tf,
      layers: tfLayers,
      quick: options.quick,
      ...gradingDatasets({ baseUrl: '/data/', fetch: diskFetch(DATA_DIR) }),
    },
  );
  return { report, runMs };
}

/** The checklist as the terminal shows it. */
export function formatReport(report: GradeReport): string {
  const lines = report.results.map((r) => {
    const head = `${r.passed ? '✓' : '✗'} ${r.message}`;
    const detail = r.passed ? [] : [r.expected !== undefined || r.actual !== undefined ? `    기대: ${r.expected ?? '—'} · 실제: ${r.actual ?? '—'}` : '', r.hint ? `    힌트: ${r.hint}` : ''].filter(Boolean);
    return [head, ...detail].join('\n');
  });
  const verdict = report.passed ? `통과 — ${report.score}/${report.points}점` : `통과하지 못함 — ${report.results.filter((r) => !r.passed).length}개 검사 실패`;
  return [`[${report.exerciseId}]`, ...lines, verdict].join('\n');
}
