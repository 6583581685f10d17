import { test, expect } from './fixtures.ts';

const QUIZ_LESSON = '/deep-learning-workflow/ml-kinds/';

test.describe('딥러닝 워크플로와 첫 컨브넷', () => {
  test('the self-check quiz answers at once, explains, keeps the answers over a reload and counts on the progress page', async ({ page }) => {
    await page.goto(QUIZ_LESSON);
    const quiz = page.locator('[data-quiz]').first();
    const id = (await quiz.getAttribute('data-quiz'))!;
    const questions = JSON.parse((await quiz.locator('script[type="application/json"]').textContent())!) as { question: string; choices: string[]; answer: number }[];
    expect(questions.length).toBeGreaterThanOrEqual(3);
    const score = quiz.locator('[data-role="score"]');
    await expect(score).toHaveText(`${questions.length}문항`);

    // A wrong answer to the first question: marked wrong, the right choice named, the explanation shown.
    const first = quiz.locator('fieldset[data-question="0"]');
    const wrongChoice = questions[0]!.choices.findIndex((_, i) => i !== questions[0]!.answer);
    await first.getByRole('radio', { name: questions[0]!.choices[wrongChoice]!, exact: true }).check();
    await expect(first).toHaveAttribute('data-state', 'wrong');
    await expect(first.locator('[data-role="feedback"]')).toBeVisible();
    await expect(first.locator('[data-role="verdict"]')).toHaveText(`아닙니다. 정답은 “${questions[0]!.choices[questions[0]!.answer]}”입니다.`);
    await expect(score).toHaveText(`${questions.length}문항 중 0개 정답 (${questions.length - 1}문항 남음)`);
    await quiz.screenshot({ path: 'test-results/screenshots/quiz-wrong.png' });

    // Then every answer right.
    for (const [i, q] of questions.entries()) {
      const fieldset = quiz.locator(`fieldset[data-question="${i}"]`);
      await fieldset.getByRole('radio', { name: q.choices[q.answer]!, exact: true }).check();
      await expect(fieldset).toHaveAttribute('data-state', 'right');
      await expect(fieldset.locator('[data-role="verdict"]')).toHaveText('정답입니다.');
    }
    await expect(score).toHaveText(`${questions.length}문항 중 ${questions.length}개 정답`);
    await quiz.screenshot({ path: 'test-results/screenshots/quiz-passed.png' });

    // The answers come back after a reload, from the progress store.
    await page.reload();
    await expect(quiz.locator('fieldset[data-state="right"]')).toHaveCount(questions.length);
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem('cnn-course:progress') ?? '{}')[key], `quiz:${id}`);
    expect(stored).toMatchObject({ status: 'passed', answers: questions.map((q) => q.answer) });
    // The sidebar marks the lesson, and the progress page lists the quiz as passed.
    await expect(page.locator(`nav a[href$="${QUIZ_LESSON}"] .progress-mark.passed`)).toBeVisible();
    await page.goto('/start/progress/');
    const row = page.locator(`tr[data-exercise="quiz:${id}"]`);
    await expect(row.locator('[data-field="status"]')).toHaveText('통과');
    await expect(row.locator('[data-field="result"]')).toHaveText(`${questions.length}문항 중 ${questions.length}개 정답`);

    // 다시 풀기 clears the choices but not the passed status.
    await page.goto(QUIZ_LESSON);
    await quiz.getByRole('button', { name: '다시 풀기' }).click();
    await expect(quiz.locator('fieldset[data-state="open"]')).toHaveCount(questions.length);
    await page.reload();
    await expect(quiz.locator('fieldset[data-state="open"]')).toHaveCount(questions.length);
  });
});
