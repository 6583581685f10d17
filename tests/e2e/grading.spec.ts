import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { exerciseFile, openEditor, setCode } from './exercise-helpers.ts';

const ID = 'mnist-first-convnet';

async function gradeInBrowser(page: import('@playwright/test').Page, code: string, id = ID, lesson = '/start/intro/') {
  await page.goto(lesson);
  const root = await openEditor(page, id);
  await root.getByLabel('백엔드').selectOption('wasm');
  await setCode(page, root, code);
  await root.getByRole('button', { name: '채점' }).click();
  const output = root.getByRole('status');
  await expect(output).toHaveAttribute('data-state', /^(passed|failed|error|timeout)$/, { timeout: 400_000 });
  const checks = await output.getByRole('list', { name: '채점 결과' }).locator('li').evaluateAll((items) =>
    items.map((li) => ({ id: (li as HTMLElement).dataset['check'] ?? '', passed: li.classList.contains('passed'), message: li.querySelector('.message')?.textContent ?? '' })),
  );
  return { root, output, checks, state: await output.getAttribute('data-state') };
}

test.describe('grading', () => {
  test.describe.configure({ timeout: 480_000 });

  test('a structural mistake gets the same checklist in the browser and in the CLI', async ({ page }) => {
    const code = readFileSync(new URL(`../../content/exercises/${ID}/wrong/same-padding.ts`, import.meta.url), 'utf8');
    const browser = await gradeInBrowser(page, code);
    expect(browser.state).toBe('failed');
    await expect(browser.output).toContainText("1번째 Conv2D의 출력 (None, 28, 28, 32) — 기대값 (None, 26, 26, 32): padding='valid'인지 확인하세요");
    await expect(browser.root.getByRole('button', { name: '정답 보기' })).toBeVisible();
    await browser.root.screenshot({ path: 'test-results/screenshots/exercise-graded-failed.png' });

    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    writeFileSync(join(dir, 'submission.ts'), code);
    let cliOutput = '';
    try {
      cliOutput = execFileSync('npx', ['tsx', 'scripts/grade.ts', ID, join(dir, 'submission.ts'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (error) {
      cliOutput = (error as { stdout: string }).stdout; // exit code 1: the submission fails
    }
    const cli = JSON.parse(cliOutput) as { results: { id: string; passed: boolean; message: string }[] };
    // Accuracy depends on training, which differs run to run; every structural check must agree exactly.
    const structural = (list: { id: string; passed: boolean; message: string }[]) => list.filter((r) => r.id !== 'accuracy');
    expect(structural(browser.checks)).toEqual(structural(cli.results).map(({ id, passed, message }) => ({ id, passed, message })));
  });

  test('the reference solution passes in the browser on wasm within its time limit, and progress is kept', async ({ page }) => {
    const started = Date.now();
    const result = await gradeInBrowser(page, exerciseFile(ID, 'solution.ts'));
    expect(result.state, await result.output.innerText()).toBe('passed');
    expect(result.checks.find((c) => c.id === 'accuracy')?.passed).toBe(true);
    test.info().annotations.push({ type: 'timing', description: `solution graded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${result.checks.find((c) => c.id === 'accuracy')?.message}` });
    await result.root.screenshot({ path: 'test-results/screenshots/exercise-graded-passed.png' });
    await page.goto('/start/progress/');
    await expect(page.locator(`tr[data-exercise="${ID}"] [data-field="status"]`)).toHaveText('통과');
    await expect(page.locator('nav a[href$="/start/intro/"] .progress-mark.passed')).toBeVisible();
  });

  // The module's other training exercises, and the VGG model whose structure alone is graded.
  for (const [id, lesson] of [
    ['fashion-cnn', '/building-blocks/fashion-cnn/'],
    ['fashion-cnn-001', '/building-blocks/deeper-cnn/'],
    ['fashion-vgg', '/building-blocks/deeper-cnn/'],
  ] as const) {
    test(`${id}: the reference solution passes in the browser on wasm within its time limit`, async ({ page }) => {
      const started = Date.now();
      const result = await gradeInBrowser(page, exerciseFile(id, 'solution.ts'), id, lesson);
      expect(result.state, await result.output.innerText()).toBe('passed');
      const accuracy = result.checks.find((c) => c.id === 'accuracy')?.message ?? 'structure only';
      test.info().annotations.push({ type: 'timing', description: `${id} graded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${accuracy}` });
      console.log(`${id} graded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${accuracy} · ${await result.output.locator('.exercise-status').innerText()}`);
      await result.root.screenshot({ path: `test-results/screenshots/${id}-passed.png` });
    });
  }
});
