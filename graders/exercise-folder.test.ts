import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectParams, expectValues } from './checks.ts';
import { ExerciseFolderError, listExerciseIds, loadExercise } from './exercise-folder.ts';
import { defineGrader, type GraderSpec } from './types.ts';

/** A course in a temporary folder: one lesson that embeds `embeds`, and the exercise files given. */
function course(files: Record<string, string>, embeds = 'demo') {
  const root = mkdtempSync(join(tmpdir(), 'exercise-folder-'));
  const lessons = join(root, 'lessons');
  mkdirSync(join(lessons, 'mod'), { recursive: true });
  writeFileSync(join(lessons, 'mod/page.mdx'), `# 레슨\n\n<Exercise id="${embeds}" />\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'exercises/demo', path, '..'), { recursive: true });
    writeFileSync(join(root, 'exercises/demo', path), text);
  }
  return { exercises: join(root, 'exercises'), lessons };
}

const meta = (extra = '') => `---\ntitle: 시험\nlesson: mod/page\nkind: model\npoints: 5\n${extra}---\n\n과제 설명\n`;
const grader: GraderSpec = defineGrader({ checks: [expectParams({ total: 10 })] });
const withGrader = (spec: GraderSpec | undefined) => ({ graderModule: () => (spec ? { default: spec } : undefined) });

async function problemsOf(files: Record<string, string>, spec: GraderSpec | undefined = grader, embeds?: string): Promise<string[]> {
  try {
    await loadExercise('demo', { ...course(files, embeds), ...withGrader(spec) });
    return [];
  } catch (error) {
    if (!(error instanceof ExerciseFolderError)) throw error;
    expect(error.message).toContain('힌트: docs/authoring.md');
    return error.problems;
  }
}

const valid = { 'index.md': meta(), 'starter.ts': 'export {}\n', 'solution.ts': 'export const a = 1;\n', 'grader.ts': '', 'wrong/bad.ts': '// expect-fail: params.total\n' };

describe('the exercise loader', () => {
  it('loads a valid folder with its settings, task and wrong variants', async () => {
    const exercise = await loadExercise('demo', { ...course(valid), ...withGrader(grader) });
    expect(exercise.settings).toEqual({ id: 'demo', kind: 'model', points: 5, timeLimitMs: 30_000, gradeTimeLimitMs: 120_000 });
    expect(exercise.task.trim()).toBe('과제 설명');
    expect(exercise.wrong).toEqual([{ file: 'bad.ts', code: '// expect-fail: params.total\n', expectFail: 'params.total' }]);
  });

  it('names a metadata field that is wrong', async () => {
    expect(await problemsOf({ ...valid, 'index.md': meta('timeLimitSeconds: -1\n') })).toEqual([expect.stringContaining('timeLimitSeconds')]);
  });

  it('refuses a starter equal to the solution', async () => {
    expect(await problemsOf({ ...valid, 'starter.ts': valid['solution.ts'] })).toEqual([expect.stringContaining('starter.ts와 solution.ts가 같습니다')]);
  });

  it('refuses a wrong variant without its expected failure, or with one the grader cannot report', async () => {
    expect(await problemsOf({ ...valid, 'wrong/bad.ts': 'export {}\n' })).toEqual([expect.stringContaining("'// expect-fail: <검사 결과 id>'")]);
    expect(await problemsOf({ ...valid, 'wrong/bad.ts': '// expect-fail: accuracy\n' })).toEqual([expect.stringContaining("expect-fail 'accuracy'")]);
  });

  it('accepts a wrong variant that must fail to run, whatever the grader checks', async () => {
    expect(await problemsOf({ ...valid, 'wrong/bad.ts': '// expect-fail: run\n' })).toEqual([]);
  });

  it('wants a grader for a graded exercise, and none for an ungraded one', async () => {
    const { 'grader.ts': _, ...noGrader } = valid;
    expect(await problemsOf(noGrader, undefined)).toEqual([expect.stringContaining('grader.ts가 없습니다')]);
    const ungraded = { 'index.md': meta().replace('points: 5', 'points: 0'), 'starter.ts': 'export {}\n', 'solution.ts': 'export const a = 1;\n' };
    expect(await problemsOf(ungraded, undefined)).toEqual([]);
  });

  it('checks that the lesson named in `lesson:` embeds the exercise', async () => {
    expect(await problemsOf(valid, grader, 'other')).toEqual([expect.stringContaining('<Exercise id="demo" />가 없습니다')]);
  });

  it('wants calls for a values exercise, declared by its checks', async () => {
    const values = { ...valid, 'index.md': meta().replace('kind: model', 'kind: values'), 'wrong/bad.ts': '// expect-fail: v\n' };
    const callless = defineGrader({ checks: [expectParams({ total: 1 })] });
    expect(await problemsOf({ ...values, 'wrong/bad.ts': '// expect-fail: params.total\n' }, callless)).toEqual([expect.stringContaining('하나도 부르지 않습니다')]);
    const withCall = defineGrader({ checks: [expectValues({ id: 'v', title: 'V', call: { name: 'f', args: [] }, expected: 1 })] });
    expect(await problemsOf(values, withCall)).toEqual([]);
  });

  it('finds every exercise of the course valid', async () => {
    const ids = listExerciseIds();
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) await expect(loadExercise(id)).resolves.toMatchObject({ id });
  });
});
