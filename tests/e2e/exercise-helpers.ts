import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export function exerciseFile(id: string, file: 'starter.ts' | 'solution.ts'): string {
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

/** Replaces the editor's text the way a person pasting would (no auto-closing brackets). */
export async function setCode(page: Page, root: Locator, code: string): Promise<void> {
  await root.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
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
