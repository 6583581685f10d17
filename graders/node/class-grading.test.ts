import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeDataset, type DatasetManifest } from '../../scripts/data/manifest.ts';
import { serializeModel } from '../../src/runtime/model-artifacts.ts';
import { expectAccuracy } from '../checks.ts';
import { loadExercise } from '../exercise-folder.ts';
import { defineGrader } from '../types.ts';
import type { ClassReport } from './class-grading.ts';
import { parseShard, submissionFiles } from './class-grading.ts';
import { DATA_DIR, NodeGrader } from './grade-file.ts';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const EXERCISE = 'conv-output-shape';

/** A folder of submissions: the solution, a wrong variant, and one that does not parse. */
function classFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'class-'));
  copyFileSync(join(ROOT, `content/exercises/${EXERCISE}/solution.ts`), join(dir, 'alice.ts'));
  copyFileSync(join(ROOT, `content/exercises/${EXERCISE}/wrong/no-floor.ts`), join(dir, 'bob.ts'));
  writeFileSync(join(dir, 'carol.ts'), 'export function outputShape( {\n');
  return dir;
}

async function grade(...args: string[]): Promise<void> {
  // Exit code 1 means a submission failed, which these folders contain on purpose.
  await run('npx', ['tsx', 'scripts/grade.ts', ...args], { cwd: ROOT }).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
}

const summary = (report: ClassReport) => report.submissions.map((s) => ({ file: s.file, passed: s.report.passed, failed: s.failed, outcome: s.outcome }));

describe('shards', () => {
  it('split a class into disjoint stable slices that cover it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const names = Array.from({ length: 40 }, (_, i) => `learner-${i}.ts`);
    for (const name of names) writeFileSync(join(dir, name), '');
    const slices = [1, 2, 3].map((index) => submissionFiles(dir, { index, count: 3 }));
    expect(slices.flat().sort()).toEqual([...names].sort());
    expect(slices.every((s) => s.length > 5)).toBe(true);
    // A newcomer does not move anyone else to another shard.
    writeFileSync(join(dir, 'late.ts'), '');
    const after = [1, 2, 3].map((index) => submissionFiles(dir, { index, count: 3 }).filter((f) => f !== 'late.ts'));
    expect(after).toEqual(slices);
  });

  it('are written i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b']) expect(() => parseShard(bad)).toThrow(/i\/n/);
  });
});

describe('npm run grade on a class folder', () => {
  it('grades with two job threads, and two shards merge into the same report', { timeout: 300_000 }, async () => {
    const whole = classFolder();
    await grade(EXERCISE, '--dir', whole, '--jobs', '2', '--quick');
    const report = JSON.parse(readFileSync(join(whole, 'report.json'), 'utf8')) as ClassReport;
    expect(summary(report)).toEqual([
      { file: 'alice.ts', passed: true, failed: [], outcome: 'done' },
      { file: 'bob.ts', passed: false, failed: expect.arrayContaining(['shape.pool-odd']), outcome: 'done' },
      { file: 'carol.ts', passed: false, failed: ['run'], outcome: 'failed' },
    ]);
    expect(readFileSync(join(whole, 'report.csv'), 'utf8').split('\n')[3]).toMatch(/^"carol\.ts","false","0","10","run","failed"$/);

    const sharded = classFolder();
    await grade(EXERCISE, '--dir', sharded, '--shard', '1/2', '--jobs', '1', '--quick');
    await grade(EXERCISE, '--dir', sharded, '--shard', '2/2', '--jobs', '1', '--quick');
    await grade('--merge', sharded);
    const merged = JSON.parse(readFileSync(join(sharded, 'report.json'), 'utf8')) as ClassReport;
    expect(summary(merged)).toEqual(summary(report));
  });
});

describe('--test-set', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("measures accuracy on the instructor's held-out set instead of the course's", async () => {
    // A private MNIST test split whose labels are all 0: a model that always answers 0 scores 100% there, about 10% on the course's.
    const privateDir = mkdtempSync(join(tmpdir(), 'held-out-'));
    const course = JSON.parse(readFileSync(join(DATA_DIR, 'mnist/manifest.json'), 'utf8')) as DatasetManifest;
    const { files: _, ...info } = course;
    const images = new Uint8Array(100 * 28 * 28);
    writeDataset(join(privateDir, 'mnist'), info, { train: { images: images.slice(0, 784), labels: new Uint8Array(1) }, test: { images, labels: new Uint8Array(100) } });

    const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, kernelInitializer: 'zeros' })] });
    const submission = { kind: 'model', model: await serializeModel(model) } as const;
    model.dispose();
    const exercise = { ...(await loadExercise('mnist-first-convnet')), grader: defineGrader({ checks: [expectAccuracy({ dataset: 'mnist', samples: 100, min: 0.5 })] }) };
    const target = { id: exercise.id, points: 10, gradeTimeLimitMs: 60_000 };
    const onCourse = await new NodeGrader(exercise, { quick: false }).grade(target, submission, 'all');
    const onPrivate = await new NodeGrader(exercise, { quick: false, testSetDir: privateDir }).grade(target, submission, 'all');
    expect(onCourse.results[0]).toMatchObject({ passed: false });
    expect(onPrivate.results[0]).toMatchObject({ passed: true, actual: '100.0%' });
  });
});
