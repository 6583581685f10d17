/**
 * A learner's first training run is light (issue "a light first run"): on a fresh browser, running
 * then grading fashion-cnn downloads only the train shard its budget needs and the test shards the
 * grader reads, counted here as the bytes on the wire of every response after 실행 is pressed.
 * The code is the reference solution trained for one epoch instead of five: the bytes are the same
 * (the data is loaded before the first epoch), the test a few minutes shorter; whether the solution
 * passes in the browser is grading.spec.ts's business (FULL=1) and the byte count's accuracy line
 * says what one epoch reached.
 */
import type { Request } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { checklist, exerciseFile, gradeAndWait, openEditor, runAndWait, setCode } from './exercise-helpers.ts';

/** The budget for a first run and grade of fashion-cnn (today about 55 MB of data alone before the shards). */
const FIRST_RUN_BUDGET_BYTES = 8_000_000;
// 7.15 MB measured on 2026-12-03 (7.10 MB of it data: one 2.67 MB train shard, ten test shards of 0.44 MB).

test('a first run of fashion-cnn, then its grading, transfers at most 8 MB: one train shard and the test shards', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/building-blocks/fashion-cnn/');
  const root = await openEditor(page, 'fashion-cnn');
  await root.getByLabel('백엔드').selectOption('wasm');
  const oneEpoch = exerciseFile('fashion-cnn', 'solution.ts').replace('epochs: 5,', 'epochs: 1,');
  expect(oneEpoch).toContain('epochs: 1,');
  await setCode(page, root, oneEpoch);

  // Requests of the page and of its workers (Chromium reports dedicated workers' requests on the page).
  const transfers: Promise<{ url: string; bytes: number }>[] = [];
  const count = (request: Request) =>
    transfers.push(request.sizes().then((sizes) => ({ url: new URL(request.url()).pathname, bytes: sizes.responseHeadersSize + sizes.responseBodySize })));
  page.on('requestfinished', count);

  const started = Date.now();
  expect(await runAndWait(root, ['idle', 'error'], 400_000)).toBe('idle');
  const ran = Date.now();
  const state = await gradeAndWait(root, 400_000);
  expect(state, await root.getByRole('status').innerText()).toMatch(/^(passed|failed)$/);
  page.off('requestfinished', count);

  const all = await Promise.all(transfers);
  const data = all.filter((t) => t.url.includes('/data/'));
  expect(data.map((t) => t.url.split('/data/')[1]).filter((path) => path!.endsWith('.gz')).sort()).toEqual([
    ...Array.from({ length: 10 }, (_, i) => `fashion-mnist/test-0${i}.u8.gz`),
    'fashion-mnist/train-00.u8.gz',
  ]);
  const total = all.reduce((sum, t) => sum + t.bytes, 0);
  const dataBytes = data.reduce((sum, t) => sum + t.bytes, 0);
  // The grader did measure on its 10,000 test images (one epoch may or may not reach the threshold).
  const accuracy = (await checklist(root)).find((c) => c.id === 'accuracy')?.message;
  expect(accuracy).toMatch(/^테스트 이미지 10,000장에서 정확도(가)? \d+\.\d%/);
  const report = `fashion-cnn first run + grade: ${(total / 1e6).toFixed(2)} MB over ${all.length} responses (data ${(dataBytes / 1e6).toFixed(2)} MB); run ${((ran - started) / 1000).toFixed(0)} s, grade ${((Date.now() - ran) / 1000).toFixed(0)} s; ${accuracy}`;
  console.log(report);
  test.info().annotations.push({ type: 'bytes', description: report });
  expect(total).toBeLessThanOrEqual(FIRST_RUN_BUDGET_BYTES);
});
