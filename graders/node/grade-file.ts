/**
 * The CLI's adapter to the run-and-grade pipeline: learner code runs in a sandboxed child process
 * (src/runtime/node/sandbox-runner.ts: it can read the training data but not the test split, and
 * reach no network), its submission is graded in this process (which never runs learner code), on
 * the course's data or on an instructor's private test set.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { diskFetch } from '../../src/runtime/node/disk-fetch.ts';
import { SandboxRunner } from '../../src/runtime/node/sandbox-runner.ts';
import type { NodeBackend } from '../../src/runtime/node/backend.ts';
import type { GradePhase, GradeReport, RunOutcome, RunnerMessage, Submission } from '../../src/runtime/protocol.ts';
import type { Exercise } from '../exercise-folder.ts';
import { gradeSubmission, gradeTimeoutReport, gradingDatasets, gradingModels, type GradingEnvironment } from '../grade.ts';
import { runAndGrade, type Grader, type GradingTarget } from '../run-and-grade.ts';

export const DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));
export const MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

export interface GradeCodeOptions {
  /** The CI budget of accuracy checks (and the exercise's own time limit instead of three times it). */
  quick: boolean;
  backend?: NodeBackend;
  /** A folder laid out like public/data/ whose test splits the grader uses instead of the course's (training data stays the course's). */
  testSetDir?: string;
  onMessage?: (m: RunnerMessage) => void;
}

export interface FileGrade {
  report: GradeReport;
  outcome: RunOutcome;
  runMs: number;
}

/** Grades in this process, with the exercise's grading time limit. */
export class NodeGrader implements Grader {
  private readonly env: GradingEnvironment;

  constructor(
    private readonly exercise: Exercise,
    options: Pick<GradeCodeOptions, 'quick' | 'testSetDir'>,
  ) {
    const course = gradingDatasets({ baseUrl: '/data/', fetch: diskFetch(DATA_DIR) });
    const test = options.testSetDir ? gradingDatasets({ baseUrl: '/data/', fetch: diskFetch(options.testSetDir) }) : course;
    this.env = { tf, quick: options.quick, loadTestSet: test.loadTestSet, loadTrainingSet: course.loadTrainingSet, ...gradingModels({ baseUrl: '/models/', fetch: diskFetch(MODELS_DIR, 'models'), cache: null }) };
  }

  async grade(target: GradingTarget, submission: Submission, phase: GradePhase): Promise<GradeReport> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // In-process work cannot be interrupted: the answer comes at the limit; class grading replaces the whole job thread.
    const overrun = new Promise<GradeReport>((resolve) => {
      timer = setTimeout(() => resolve(gradeTimeoutReport(target)), target.gradeTimeLimitMs);
    });
    try {
      return await Promise.race([gradeSubmission(target, this.exercise.grader, submission, this.env, phase), overrun]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export async function gradeCode(exercise: Exercise, code: string, options: GradeCodeOptions): Promise<FileGrade> {
  const started = performance.now();
  const backend = options.backend ?? 'wasm';
  const settings = { ...exercise.settings, gradeTimeLimitMs: exercise.settings.gradeTimeLimitMs * (options.quick ? 1 : 3) };
  const { outcome, report } = await runAndGrade(settings, code, {
    runner: new SandboxRunner({ backend, dataDir: DATA_DIR }),
    grader: new NodeGrader(exercise, options),
    backend,
    baseUrl: '/',
    calls: { inline: [...exercise.grader.calls] },
    timeLimitMs: exercise.settings.timeLimitMs * (options.quick ? 1 : 3),
    ...(options.onMessage ? { onMessage: options.onMessage } : {}),
  });
  // A graded pipeline always reports, except for a run stopped on request, which the CLI never asks for.
  if (!report) throw new Error(`grading ${exercise.id} ended without a report (${outcome.status})`);
  return { report, outcome, runMs: performance.now() - started };
}

/** The checklist as the terminal shows it; a check that could not be graded for want of data is marked – and so is the verdict. */
export function formatReport(report: GradeReport): string {
  const lines = report.results.map((r) => {
    const head = `${r.passed ? '✓' : r.unavailable ? '–' : '✗'} ${r.message}`;
    // The terminal shows every hint stage at once (the browser opens them one at a time).
    const stages = r.hint ? [r.hint, ...(r.laterHints ?? [])] : [];
    const hints = stages.map((h, i) => `    ${r.unavailable ? '안내' : '힌트'}${stages.length > 1 ? ` ${i + 1}/${stages.length}` : ''}: ${h}`);
    const detail = r.passed ? [] : [r.expected !== undefined || r.actual !== undefined ? `    기대: ${r.expected ?? '—'} · 실제: ${r.actual ?? '—'}` : '', ...hints].filter(Boolean);
    return [head, ...detail].join('\n');
  });
  const failed = report.results.filter((r) => !r.passed && !r.unavailable).length;
  const unavailable = report.results.filter((r) => r.unavailable).length;
  const verdict = report.passed
    ? `통과 — ${report.score}/${report.points}점`
    : failed > 0
      ? `통과하지 못함 — ${failed}개 검사 실패`
      : `채점할 수 없음 — ${unavailable}개 검사에 필요한 데이터가 없습니다 (점수 없음)`;
  return [`[${report.exerciseId}]`, ...lines, verdict].join('\n');
}
