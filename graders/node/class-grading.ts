/**
 * Grading a class: a folder of submissions graded by N job threads in parallel, optionally only
 * a stable slice of it (`--shard i/n`, so a CI matrix can split a large class), with reports that
 * merge back into one.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sandboxBundle } from '../../src/runtime/node/sandbox-runner.ts';
import type { GradeReport, RunOutcome } from '../../src/runtime/protocol.ts';
import type { Exercise } from '../exercise-folder.ts';
import type { GradeCodeOptions } from './grade-file.ts';

export interface JobRequest {
  path: string;
}

/** What a job thread starts with. */
export interface JobData {
  exerciseId: string;
  options: Omit<GradeCodeOptions, 'onMessage'>;
  /** The sandbox's runner bundle, built once here rather than once per thread. */
  sandboxBundle: string;
}

export type JobReply = { path: string; report: GradeReport; outcome: RunOutcome['status'] } | { path: string; error: string };

export interface SubmissionGrade {
  file: string;
  report: GradeReport;
  /** How the run ended (`done`, or why it produced nothing to grade). */
  outcome: RunOutcome['status'] | 'job-failed';
}

export interface Shard {
  index: number;
  count: number;
}

/** `2/4` → the second of four slices. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new Error(`--shard는 i/n 형식이어야 합니다 (1 ≤ i ≤ n), 받은 값: '${text}'`);
  return { index, count };
}

/** FNV-1a of the file name: a file stays in its shard when others are added or removed. */
function shardOf(file: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % count) + 1;
}

export function submissionFiles(dir: string, shard?: Shard): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => !shard || shardOf(f, shard.count) === shard.index)
    .sort();
}

/**
 * Grades `files` with `jobs` threads. A job that outlives its run and grading limits is ended
 * and replaced, and its file reported as failed.
 */
export async function gradeFiles(exercise: Exercise, files: string[], jobs: number, options: Omit<GradeCodeOptions, 'onMessage'>, onGraded?: (grade: SubmissionGrade) => void): Promise<SubmissionGrade[]> {
  const factor = options.quick ? 1 : 3;
  const jobLimitMs = (exercise.settings.timeLimitMs + 2 * exercise.settings.gradeTimeLimitMs) * factor + 60_000;
  const queue = [...files];
  const grades = new Map<string, SubmissionGrade>();
  const record = (grade: SubmissionGrade) => {
    grades.set(grade.file, grade);
    onGraded?.(grade);
  };
  const failed = (path: string, message: string): SubmissionGrade => ({
    file: basename(path),
    outcome: 'job-failed',
    report: { exerciseId: exercise.id, passed: false, score: 0, points: exercise.meta.points, elapsedMs: 0, results: [{ id: 'grade.job', title: '채점', passed: false, message }] },
  });

  const bundle = await sandboxBundle();
  const worker = async (): Promise<void> => {
    while (queue.length > 0) {
      const thread = new Worker(new URL('./grade-job.mjs', import.meta.url), { workerData: { exerciseId: exercise.id, options, sandboxBundle: bundle } satisfies JobData });
      await new Promise<void>((ready, fail) => {
        thread.once('message', () => ready());
        thread.once('error', fail);
      });
      // One thread grades until it has to be replaced (a job overran) or the queue is empty.
      let healthy = true;
      while (healthy && queue.length > 0) {
        const path = queue.shift()!;
        const reply = await new Promise<JobReply | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), jobLimitMs);
          const done = (r: JobReply | undefined) => {
            clearTimeout(timer);
            thread.off('message', onMessage);
            thread.off('exit', onExit);
            resolve(r);
          };
          const onMessage = (r: JobReply) => done(r);
          const onExit = () => done({ path, error: '채점 스레드가 예기치 않게 끝났습니다.' });
          thread.on('message', onMessage);
          thread.once('exit', onExit);
          thread.postMessage({ path } satisfies JobRequest);
        });
        if (!reply) {
          healthy = false;
          record(failed(path, `채점이 ${Math.round(jobLimitMs / 1000)}초 안에 끝나지 않아 중단했습니다.`));
        } else if ('error' in reply) {
          healthy = false;
          record(failed(path, `채점 중 오류가 났습니다: ${reply.error.split('\n')[0]}`));
        } else record({ file: basename(path), report: reply.report, outcome: reply.outcome });
      }
      await thread.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, worker));
  return files.map((f) => grades.get(basename(f))!);
}

// ---- reports --------------------------------------------------------------------------------

export interface ClassReport {
  exerciseId: string;
  shard?: Shard;
  submissions: (SubmissionGrade & { failed: string[] })[];
}

export function classReport(exerciseId: string, grades: SubmissionGrade[], shard?: Shard): ClassReport {
  return { exerciseId, ...(shard ? { shard } : {}), submissions: grades.map((g) => ({ ...g, failed: g.report.results.filter((r) => !r.passed).map((r) => r.id) })) };
}

const csvCell = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;

export function reportCsv(report: ClassReport): string {
  const rows = report.submissions.map((s) => [s.file, s.report.passed, s.report.score, s.report.points, s.failed.join(' '), s.outcome === 'done' ? '' : s.outcome].map(csvCell).join(','));
  return `${['file,passed,score,points,failed_checks,run_outcome', ...rows].join('\n')}\n`;
}

/** `report.json`/`report.csv`, or for a shard `report.shard-2-of-4.json`/`.csv`. */
export function writeClassReport(dir: string, report: ClassReport): string[] {
  const stem = report.shard ? `report.shard-${report.shard.index}-of-${report.shard.count}` : 'report';
  const files = [join(dir, `${stem}.json`), join(dir, `${stem}.csv`)];
  writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1]!, reportCsv(report));
  return files;
}

/** Merges every shard's report in `dir` into report.json/report.csv; all n shards must be there. */
export function mergeShardReports(dir: string): ClassReport {
  const parts = readdirSync(dir)
    .filter((f) => /^report\.shard-\d+-of-\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ClassReport);
  if (parts.length === 0) throw new Error(`${dir}에 샤드 보고서(report.shard-i-of-n.json)가 없습니다.`);
  const count = parts[0]!.shard?.count ?? 1;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !parts.some((p) => p.shard?.index === i));
  if (missing.length > 0) throw new Error(`샤드 ${missing.join(', ')}/${count}의 보고서가 없습니다.`);
  const ids = new Set(parts.map((p) => p.exerciseId));
  if (ids.size !== 1) throw new Error(`서로 다른 실습의 보고서는 합칠 수 없습니다: ${[...ids].join(', ')}`);
  const merged: ClassReport = { exerciseId: parts[0]!.exerciseId, submissions: parts.flatMap((p) => p.submissions).sort((a, b) => a.file.localeCompare(b.file)) };
  writeClassReport(dir, merged);
  return merged;
}
