/**
 * A self-check quiz (`<Quiz>`): each choice is answered at once, right or wrong, with the
 * explanation; the answers go to the progress store, so they are there after a reload, in the
 * backup file, and counted on the progress page. A quiz is passed when every answer is right.
 */
import { loadProgress, quizKey, recordProgress } from '../exercise/storage.ts';

export interface QuizQuestion {
  question: string;
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  /** Why the right choice is right; shown after any answer. */
  explanation: string;
}

export interface QuizScore {
  answered: number;
  correct: number;
  total: number;
}

export function scoreQuiz(questions: readonly QuizQuestion[], answers: readonly (number | null)[]): QuizScore {
  let answered = 0;
  let correct = 0;
  questions.forEach((q, i) => {
    const a = answers[i];
    if (a === null || a === undefined) return;
    answered++;
    if (a === q.answer) correct++;
  });
  return { answered, correct, total: questions.length };
}

export function scoreText({ answered, correct, total }: QuizScore): string {
  return answered === 0 ? `${total}문항` : `${total}문항 중 ${correct}개 정답${answered < total ? ` (${total - answered}문항 남음)` : ''}`;
}

function render(root: HTMLElement, questions: readonly QuizQuestion[], answers: (number | null)[]): void {
  root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]').forEach((fieldset, i) => {
    const chosen = answers[i] ?? null;
    const question = questions[i]!;
    const feedback = fieldset.querySelector<HTMLElement>('[data-role="feedback"]')!;
    fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]').forEach((input) => {
      const index = Number(input.value);
      input.checked = index === chosen;
      const label = input.closest('label')!;
      label.classList.toggle('right', chosen !== null && index === question.answer);
      label.classList.toggle('wrong', chosen !== null && index === chosen && chosen !== question.answer);
    });
    fieldset.dataset['state'] = chosen === null ? 'open' : chosen === question.answer ? 'right' : 'wrong';
    feedback.hidden = chosen === null;
    feedback.querySelector('[data-role="verdict"]')!.textContent =
      chosen === null ? '' : chosen === question.answer ? '정답입니다.' : `아닙니다. 정답은 “${question.choices[question.answer]}”입니다.`;
  });
  const score = scoreQuiz(questions, answers);
  root.querySelector('[data-role="score"]')!.textContent = scoreText(score);
}

export function mountQuiz(root: HTMLElement): void {
  const id = root.dataset['quiz']!;
  const questions = JSON.parse(root.querySelector('script[type="application/json"]')!.textContent!) as QuizQuestion[];
  const saved = loadProgress()[quizKey(id)]?.answers;
  const answers: (number | null)[] = questions.map((_, i) => saved?.[i] ?? null);
  render(root, questions, answers);

  root.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const fieldset = input.closest<HTMLFieldSetElement>('fieldset[data-question]');
    if (!fieldset) return;
    answers[Number(fieldset.dataset['question'])] = Number(input.value);
    render(root, questions, answers);
    const score = scoreQuiz(questions, answers);
    recordProgress(quizKey(id), {
      status: score.correct === score.total ? 'passed' : 'tried',
      bestResult: scoreText(score),
      answers: [...answers],
    });
  });
  root.querySelector('[data-action="reset"]')!.addEventListener('click', () => {
    answers.fill(null);
    render(root, questions, answers);
    // The store keeps the status (a passed quiz stays passed) but forgets the choices.
    recordProgress(quizKey(id), { status: 'tried', answers: [...answers] });
  });
}
