import { test, expect } from './fixtures.ts';
import type { Submission } from '../../src/runtime/protocol.ts';

/**
 * The page's grader worker, driven directly (src/pages/dev/grader-sandbox.astro): its time limit
 * and the worker that replaces one that overran, and its memory over many gradings.
 */
const target = (id: string, gradeTimeLimitMs = 60_000) => ({ id, points: 10, gradeTimeLimitMs });
// Values that fail every check, but only after each check has built its reference model.
const empty: Submission = { kind: 'values', values: {} };

test.beforeEach(async ({ page }) => {
  await page.goto('/dev/grader-sandbox/');
  await page.waitForFunction(() => window.graderSandbox !== undefined);
});

test('a grading that overruns its limit is ended and reported, and the next grading gets a new worker', async ({ page }) => {
  const [overrun, next] = await page.evaluate(
    async ({ slow, fast, submission }) => {
      const first = await window.graderSandbox!.grade(slow, submission);
      return [first, await window.graderSandbox!.grade(fast, submission)];
    },
    { slow: target('feature-maps', 100), fast: target('feature-maps'), submission: empty },
  );
  expect(overrun.results).toEqual([expect.objectContaining({ id: 'grade.timeout', passed: false, message: '채점이 0.1초 안에 끝나지 않아 중단했습니다.' })]);
  expect(overrun.score).toBe(0);
  // The replacement worker grades normally: both checks ran (and failed, the values being empty).
  expect(next.results.map((r) => [r.id, r.passed])).toEqual([
    ['maps.conv1', false],
    ['maps.conv2', false],
  ]);
});

test("the grader worker's memory stays flat over 20 gradings in a row", async ({ page }) => {
  test.setTimeout(180_000);
  const memory = await page.evaluate(
    async ({ ids, submission }) => {
      const seen: { numTensors: number; numBytes: number }[] = [];
      for (let i = 0; i < 20; i++) {
        await window.graderSandbox!.grade({ id: ids[i % ids.length]!, points: 10, gradeTimeLimitMs: 60_000 }, submission);
        seen.push(window.graderSandbox!.memory()!);
      }
      return seen;
    },
    { ids: ['feature-maps', 'cnn-weights', 'conv2d-by-hand'], submission: empty },
  );
  expect(memory).toHaveLength(20);
  // After the first round (backend and reference weights warmed up), nothing accumulates.
  const settled = memory[2]!;
  for (const m of memory.slice(3)) expect(m).toEqual(settled);
});
