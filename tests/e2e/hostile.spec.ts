import { test, expect } from './fixtures.ts';
import { openEditor, runAndWait, setCode, expectResponsive } from './exercise-helpers.ts';

/**
 * Hostile and broken learner code, each contained with a clear Korean message while the page
 * stays responsive, and each followed by a run that works (a fresh worker replaces a dead one).
 * The playground exercise has a 20-second limit.
 */
const ID = 'playground';
const OK = "import { print } from 'course';\nprint('다시 정상');\n";

const cases: { name: string; code: string; state: string; message: RegExp }[] = [
  { name: 'an endless loop', code: 'while (true) {}\n', state: 'timeout', message: /시간 초과/ },
  {
    name: 'an allocation loop',
    code: 'const a: Float32Array[] = [];\nfor (;;) a.push(new Float32Array(1e7));\n',
    state: 'error',
    message: /(메모리|RangeError|실행 환경)/,
  },
  {
    name: 'a huge tensor',
    code: "import * as tf from '@tensorflow/tfjs';\ntf.zeros([100000, 100000]);\n",
    state: 'error',
    message: /텐서가 너무 큽니다: 원소 10,000,000,000개\(float32로 약 40 GB\)/,
  },
  {
    name: 'a throw inside a fit callback',
    code: [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });',
      "model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
      'await model.fit(tf.ones([4, 1]), tf.ones([4, 1]), {',
      '  epochs: 3,',
      "  callbacks: { onEpochEnd: async () => { throw new Error('콜백에서 던진 오류'); } },",
      '});',
      '',
    ].join('\n'),
    state: 'error',
    message: /콜백에서 던진 오류/,
  },
  { name: 'an unhandled promise rejection', code: "Promise.reject(new Error('아무도 기다리지 않는 약속'));\nawait new Promise((r) => setTimeout(r, 2000));\n", state: 'error', message: /아무도 기다리지 않는 약속/ },
  { name: 'self.close()', code: 'self.close();\n', state: 'error', message: /self\.close\(\)는 실습 코드에서 쓸 수 없습니다/ },
  {
    // Learner code gets its own copy of the module namespace: reassigning it changes nothing the
    // runtime uses, in this run or the next.
    name: 'reassigning tf',
    code: "import * as tf from '@tensorflow/tfjs';\nimport { print } from 'course';\n(globalThis as any).tf = null;\n(tf as any).layers = null;\n(tf as any).tensor = () => { throw new Error('patched'); };\nprint('바꿔 봤습니다');\n",
    state: 'idle',
    message: /바꿔 봤습니다/,
  },
  { name: 'a syntax error', code: 'const a = 1;\nconst b = ;\n', state: 'error', message: /문법 오류 \(2번째 줄\)/ },
  {
    name: 'a loss that becomes NaN',
    code: [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });',
      "model.compile({ optimizer: tf.train.sgd(1e30), loss: 'meanSquaredError' });",
      'await model.fit(tf.tensor2d([[1e10], [2e10]]), tf.tensor2d([[1], [2]]), { epochs: 3 });',
      '',
    ].join('\n'),
    state: 'idle',
    message: /NaN/,
  },
];

test.describe('hostile and broken learner code', () => {
  // One page for all the cases, as a learner who tries them one after another: each must be
  // contained and leave the exercise working for the next run (and the page need not load nine times).
  test('each case is contained, and the next run works', async ({ page }) => {
    test.setTimeout(cases.length * 60_000);
    await page.goto('/start/playground/');
    const root = await openEditor(page, ID);
    await root.getByLabel('백엔드').selectOption('cpu');
    const output = root.getByRole('status');
    for (const c of cases) {
      await test.step(`${c.name} is contained`, async () => {
        await setCode(page, root, c.code);
        const state = await runAndWait(root, ['idle', 'error', 'timeout'], 60_000);
        expect(state, `${c.name}: ${await output.innerText()}`).toBe(c.state);
        await expect(output).toContainText(c.message);
        await expectResponsive(page);
        await setCode(page, root, OK);
        expect(await runAndWait(root, ['idle', 'error', 'timeout']), `the run after ${c.name}`).toBe('idle');
        await expect(output).toContainText('다시 정상');
      });
    }
  });

  test('a syntax error is marked at its line in the editor', async ({ page }) => {
    await page.goto('/start/playground/');
    const root = await openEditor(page, ID);
    await setCode(page, root, 'const a = 1;\nconst b = ;\n');
    await runAndWait(root, ['error']);
    await expect(root.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  });

  test('messages that imitate the runtime are ignored', async ({ page }) => {
    await page.goto('/start/playground/');
    const root = await openEditor(page, ID);
    await setCode(
      page,
      root,
      [
        "import { print } from 'course';",
        "for (let id = 0; id < 50; id++) self.postMessage({ type: 'done', requestId: id, elapsedMs: 1 });",
        "self.postMessage({ type: 'error', requestId: 1, phase: 'runtime', message: '가짜 오류' });",
        'await new Promise((r) => setTimeout(r, 1500));',
        "print('진짜 끝');",
        '',
      ].join('\n'),
    );
    expect(await runAndWait(root, ['idle', 'error'])).toBe('idle');
    await expect(root.getByRole('status')).toContainText('진짜 끝');
    await expect(root.getByRole('status')).not.toContainText('가짜 오류');
  });

  test('a missing export gets a contract message', async ({ page }) => {
    await page.goto('/deep-learning-workflow/first-convnet/');
    const root = await openEditor(page, 'mnist-first-convnet');
    await setCode(page, root, "export const nothing = 1;\n");
    expect(await runAndWait(root, ['error'])).toBe('error');
    await expect(root.getByRole('status')).toContainText("'buildModel' 함수를 내보내지 않았습니다");
  });
});
