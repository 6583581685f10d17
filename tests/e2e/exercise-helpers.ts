import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { load } from 'js-yaml';
import { expect } from './fixtures.ts';

export interface CourseExercise {
  id: string;
  kind: 'script' | 'model' | 'train' | 'values';
  points: number;
  /** The lesson's URL path, e.g. `/building-blocks/fashion-cnn/`. */
  lessonPath: string;
  timeLimitMs: number;
  gradeTimeLimitMs: number;
  /** Wrong variants, as file names under wrong/. */
  wrong: string[];
  /** The dataset a train exercise learns from. */
  dataset?: string;
}

/** Every exercise in content/exercises/, read from its metadata, so browser tests need no hand-kept lists. */
export function courseExercises(): CourseExercise[] {
  const root = new URL('../../content/exercises/', import.meta.url);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const source = readFileSync(new URL(`${d.name}/index.md`, root), 'utf8');
      const meta = load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '') as { kind: CourseExercise['kind']; lesson: string; points?: number; timeLimitSeconds?: number; gradeTimeLimitSeconds?: number; dataset?: { name: string } };
      let wrong: string[] = [];
      try {
        wrong = readdirSync(new URL(`${d.name}/wrong/`, root)).filter((f) => f.endsWith('.ts')).sort();
      } catch {
        // no wrong variants
      }
      return {
        id: d.name,
        kind: meta.kind,
        points: meta.points ?? 10,
        lessonPath: `/${meta.lesson}/`,
        timeLimitMs: (meta.timeLimitSeconds ?? (meta.kind === 'train' ? 300 : 30)) * 1000,
        gradeTimeLimitMs: (meta.gradeTimeLimitSeconds ?? 120) * 1000,
        wrong,
        ...(meta.dataset ? { dataset: meta.dataset.name } : {}),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether the built site serves a dataset: an opt-in one (CIFAR-10) is there only when imported before the build. */
export function datasetImported(name: string): boolean {
  return existsSync(new URL(`../../dist/data/${name}/manifest.json`, import.meta.url));
}

export function exerciseFile(id: string, file: string): string {
  return readFileSync(new URL(`../../content/exercises/${id}/${file}`, import.meta.url), 'utf8');
}

export function exercise(page: Page, id: string): Locator {
  return page.locator(`[data-exercise-id="${id}"]`);
}

/** Opens the exercise's editor (the first interaction loads Monaco) and waits until it is ready. */
export async function openEditor(page: Page, id: string): Promise<Locator> {
  const root = exercise(page, id);
  await root.scrollIntoViewIfNeeded();
  await root.locator('[data-role="editor"]').click();
  await expect(root.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  return root;
}

/**
 * Replaces the editor's text the way a person pasting it would: a paste event on Monaco's input.
 * Typing it instead (`keyboard.insertText`) runs Monaco's typing rules line by line, so indentation
 * piles up and a leading doc comment gains a second comment terminator.
 */
export async function setCode(page: Page, root: Locator, code: string): Promise<void> {
  // On a loaded machine the click can land before Monaco takes focus, and the paste goes nowhere:
  // the exercise's autosave (400 ms after an edit) tells that the editor holds the code. Polled
  // often, since every exercise test sets code several times.
  const saved = () =>
    root.evaluate((element) => (JSON.parse(localStorage.getItem(`cnn-course:code:${(element as HTMLElement).dataset['exerciseId']}`) ?? 'null') as { code?: string } | null)?.code);
  for (let attempt = 1; ; attempt++) {
    await root.locator('.monaco-editor .view-lines').click();
    await root.locator('.monaco-editor textarea').focus();
    // The paste replaces the selection, as a person's does (emptying the editor first would be one
    // more edit for Monaco and its TypeScript worker to process).
    await page.keyboard.press('ControlOrMeta+A');
    await root.locator('.monaco-editor textarea').evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, code);
    try {
      await expect.poll(saved, { timeout: 5_000, intervals: [100] }).toBe(code);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Presses 실행 and waits for that run (not an earlier one) to end in one of `states`. */
export async function runAndWait(root: Locator, states: string[], timeout = 60_000): Promise<string> {
  const output = root.getByRole('status');
  const runsBefore = Number((await output.getAttribute('data-runs')) ?? 0);
  await root.getByRole('button', { name: '실행', exact: true }).click();
  await expect(output).toHaveAttribute('data-runs', String(runsBefore + 1));
  await expect(output).toHaveAttribute('data-state', new RegExp(`^(${states.join('|')})$`), { timeout });
  return (await output.getAttribute('data-state')) ?? '';
}

/** The page must still answer quickly (the main thread is never blocked by learner code). */
export async function expectResponsive(page: Page): Promise<void> {
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  expect(Date.now() - started).toBeLessThan(1_000);
}

/** The checklist the output panel shows, as id, pass and message per line. */
export function checklist(root: Locator): Promise<{ id: string; passed: boolean; message: string }[]> {
  return root
    .getByRole('status')
    .getByRole('list', { name: '채점 결과' })
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => ({ id: (li as HTMLElement).dataset['check'] ?? '', passed: li.classList.contains('passed'), message: li.querySelector('.message')?.textContent ?? '' })),
    );
}

/** Presses 채점 and waits for that grading to end in a final state (`unavailable`: its opt-in dataset is not on the site). */
export async function gradeAndWait(root: Locator, timeout: number): Promise<string> {
  const output = root.getByRole('status');
  const runsBefore = Number((await output.getAttribute('data-runs')) ?? 0);
  await root.getByRole('button', { name: '채점' }).click();
  await expect(output).toHaveAttribute('data-runs', String(runsBefore + 1));
  await expect(output).toHaveAttribute('data-state', /^(passed|failed|error|timeout|unavailable)$/, { timeout });
  return (await output.getAttribute('data-state')) ?? '';
}

/** The CLI's report for a file, as `npm run grade -- <id> <file> --json` prints it. */
export function cliReport(id: string, file: string): { results: { id: string; passed: boolean; message: string }[] } {
  let out = '';
  try {
    out = execFileSync('npx', ['tsx', 'scripts/grade.ts', id, file, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit code 1: the submission fails
  }
  return JSON.parse(out) as { results: { id: string; passed: boolean; message: string }[] };
}

type CheckResult = { id: string; passed: boolean; message: string };

/**
 * The CLI's reports for many files at once (tests/e2e/cli-batch.ts, one process), for a spec that
 * compares every exercise's browser checklist with the CLI's: start it before the first test and
 * await it where needed, so the grading in Node overlaps the browser's work.
 */
export function cliReports(files: [id: string, file: string][]): Promise<(id: string, file: string) => CheckResult[]> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', 'tests/e2e/cli-batch.ts', JSON.stringify(files)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`cli-batch failed: ${error.message}\n${stderr}`));
      const reports = JSON.parse(stdout) as Record<string, CheckResult[]>;
      resolve((id, file) => {
        const results = reports[`${id} ${file}`];
        if (!results) throw new Error(`no CLI report for ${id} ${file}`);
        return results;
      });
    });
  });
}
