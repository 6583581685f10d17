/**
 * The CLI's sandbox as a grader sees it: submissions of `mnist-first-convnet` that train on the
 * test split, or phone home, fail their `run` check with the reason, and nothing reaches the
 * network. They throw before any training, so each grading takes seconds, not the training budget.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../src/runtime/node/backend.ts';
import { sandboxBundle } from '../../src/runtime/node/sandbox-runner.ts';
import { NETWORK_MESSAGE, TEST_SPLIT_MESSAGE } from '../../src/runtime/sandbox-errors.ts';
import { loadExercise, type Exercise } from '../exercise-folder.ts';
import { DATA_DIR, gradeCode } from './grade-file.ts';

const hasData = existsSync(join(DATA_DIR, 'mnist', 'train-00.u8.gz'));

/** The solution's model, and a `train` that gets the test split by `readTestSplit` and fits on it. */
function trainsOnTestSplit(exercise: Exercise, readTestSplit: string): string {
  const model = exercise.solution.slice(0, exercise.solution.indexOf('export async function train'));
  return `${model}
export async function train(model: tf.Sequential): Promise<void> {
  ${readTestSplit}
  const xs = tf.tensor4d(Float32Array.from(images.subarray(0, 1000 * 784), (v: number) => v / 255), [1000, 28, 28, 1]);
  const ys = tf.tensor1d(Float32Array.from(labels.subarray(0, 1000)));
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(xs, ys, { epochs: 3, batchSize: 64 });
}
`;
}

/** The line of `code` that contains `text`, 1-based. */
const lineOf = (code: string, text: string) => code.split('\n').findIndex((line) => line.includes(text)) + 1;

let exercise: Exercise;
beforeAll(async () => {
  await startNodeBackend('wasm'); // the grading side's, as scripts/grade.ts starts it
  exercise = await loadExercise('mnist-first-convnet');
  await sandboxBundle();
});

async function runCheck(code: string) {
  const { report, outcome, runMs } = await gradeCode(exercise, code, { quick: true });
  expect(report.passed).toBe(false);
  expect(outcome.status).toBe('failed');
  // The structure passed (graded before training); the run failed; nothing was left to grade.
  expect(report.results.map((r) => r.id)).toEqual(['run']);
  expect(runMs).toBeLessThan(40_000);
  return report.results[0]!;
}

describe.skipIf(!hasData)('a submission that trains on the test split fails its run check with the reason', () => {
  it('by fetch', async () => {
    const read = `const images = new Uint8Array(await (await fetch('/data/mnist/test-00.u8.gz')).arrayBuffer());
  const labels = new Uint8Array(await (await fetch('/data/mnist/test-09.u8.gz')).arrayBuffer());`;
    const code = trainsOnTestSplit(exercise, read);
    const check = await runCheck(code);
    expect(check.message).toBe(`코드를 실행하지 못했습니다: ${lineOf(code, 'test-00.u8.gz')}번째 줄에서 오류: fetch('/data/mnist/test-00.u8.gz'): ${TEST_SPLIT_MESSAGE}`);
  });

  it("by process.getBuiltinModule('node:fs')", async () => {
    const read = `const fs = (process as any).getBuiltinModule('node:fs');
  const images: Uint8Array = fs.readFileSync('public/data/mnist/test-00.u8.gz');
  const labels: Uint8Array = fs.readFileSync('public/data/mnist/test-09.u8.gz');`;
    const code = trainsOnTestSplit(exercise, read);
    const check = await runCheck(code);
    expect(check.message).toMatch(new RegExp(`^코드를 실행하지 못했습니다: ${lineOf(code, 'getBuiltinModule')}번째 줄에서 오류: process\\.getBuiltinModule\\(\\): .*파일과 네트워크에 접근할 수 없습니다`));
  });

  it("by import('node:fs'), written or through eval", async () => {
    const written = trainsOnTestSplit(
      exercise,
      `const fs = await import('node:fs');
  const images = fs.readFileSync('public/data/mnist/test-00.u8.gz');
  const labels = fs.readFileSync('public/data/mnist/test-09.u8.gz');`,
    );
    expect((await runCheck(written)).message).toBe("코드를 실행하지 못했습니다: 'node:fs' 모듈은 실습에서 쓸 수 없습니다. 가져올 수 있는 모듈: '@tensorflow/tfjs', 'course'");

    const evaluated = trainsOnTestSplit(
      exercise,
      `const fs = await (0, eval)("import('node:fs')");
  const images = fs.readFileSync('public/data/mnist/test-00.u8.gz');
  const labels = fs.readFileSync('public/data/mnist/test-09.u8.gz');`,
    );
    expect((await runCheck(evaluated)).message).toBe(`코드를 실행하지 못했습니다: ${lineOf(evaluated, 'eval')}번째 줄에서 오류: 실습 코드에서는 eval()과 new Function()을 쓸 수 없습니다.`);
  });
});

describe.skipIf(!hasData)('a submission that calls a server', () => {
  it('sends it no request, and fails with the reason', async () => {
    let hits = 0;
    const server = createServer((_, response) => response.end('{}'));
    server.on('connection', () => (hits += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const url = `http://127.0.0.1:${port}/`;
      const model = exercise.solution.slice(0, exercise.solution.indexOf('export async function train'));
      const code = `${model}
export async function train(): Promise<void> {
  await fetch('${url}', { method: 'POST', body: 'answers please' });
}
`;
      const check = await runCheck(code);
      expect(check.message).toBe(`코드를 실행하지 못했습니다: ${lineOf(code, url)}번째 줄에서 오류: fetch('${url}'): ${NETWORK_MESSAGE}`);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
