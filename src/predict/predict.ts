/**
 * "Predict, then run" (`<Predict>`) in the browser: the learner writes each layer's output shape
 * and parameter count, 확인 checks them; a right cell locks, a wrong one is explained with the
 * lesson's formula (a second wrong try also gives the result), and when every cell is right the
 * block unlocks what it hides (the model's summary). The cells go to the progress store under
 * `predict:<id>`, so they survive a reload and a backup and count on the progress page.
 */
import { loadProgress, predictKey, recordProgress, type PredictionCell } from '../exercise/storage.ts';
import { explain, inferLayers, judge, scoreText, type PredictField, type PredictLayer, type PredictScore, type Verdict } from './layers.ts';

interface PredictSpec {
  input: number[];
  layers: PredictLayer[];
}

type CellState = 'open' | 'right' | 'wrong';

const stateOf = (verdict: Verdict): CellState => (verdict === 'empty' ? 'open' : verdict === 'right' ? 'right' : 'wrong');

export function mountPredict(root: HTMLElement): void {
  const id = root.dataset['predict']!;
  const spec = JSON.parse(root.querySelector('script[type="application/json"]')!.textContent!) as PredictSpec;
  const answers = inferLayers(spec.input, spec.layers);
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input[data-cell]')];
  const score = root.querySelector<HTMLElement>('[data-role="score"]')!;
  const status = root.querySelector<HTMLElement>('[data-role="status"]')!;
  const reveal = root.querySelector<HTMLElement>('[data-role="reveal"]')!;
  const locked = root.querySelector<HTMLElement>('[data-role="locked"]')!;

  const saved = loadProgress()[predictKey(id)];
  const cells: Record<string, PredictionCell> = { ...saved?.predictions };
  let unlocked = saved?.status === 'passed';

  const where = (input: HTMLInputElement) => {
    const [layer, field] = input.dataset['cell']!.split('.') as [string, PredictField];
    return { index: Number(layer), field };
  };
  const verdictOf = (input: HTMLInputElement) => {
    const { index, field } = where(input);
    return judge(answers[index]!, field, cells[input.dataset['cell']!]?.value ?? '');
  };

  function current(): PredictScore {
    const verdicts = inputs.map(verdictOf);
    return { answered: verdicts.filter((v) => v !== 'empty').length, correct: verdicts.filter((v) => v === 'right').length, total: inputs.length };
  }

  /** Draws one cell from the store: its value, its mark, and (if wrong) its explanation. */
  function renderCell(input: HTMLInputElement): void {
    const key = input.dataset['cell']!;
    const { index, field } = where(input);
    const cell = cells[key];
    const state = stateOf(verdictOf(input));
    input.value = cell?.value ?? '';
    input.readOnly = state === 'right';
    input.setAttribute('aria-invalid', String(state === 'wrong'));
    const td = input.closest('td')!;
    td.dataset['state'] = state;
    td.querySelector('[data-role="mark"]')!.textContent = state === 'right' ? '✓' : state === 'wrong' ? '✗' : '';
    const row = root.querySelector<HTMLElement>(`[data-explain="${index}"]`)!;
    const note = row.querySelector<HTMLElement>(`[data-role="explain-${field}"]`)!;
    note.hidden = state !== 'wrong';
    note.querySelector('[data-role="text"]')!.textContent =
      state === 'wrong' ? explain(spec.layers[index]!, answers[index]!, field, (cell?.tries ?? 0) >= 2 ? 2 : 1, cell?.value ?? '') : '';
    row.hidden = [...row.querySelectorAll<HTMLElement>('[data-role^="explain-"]')].every((n) => n.hidden);
  }

  function render(): void {
    inputs.forEach(renderCell);
    const now = current();
    score.textContent = scoreText(now);
    root.dataset['state'] = unlocked ? 'unlocked' : 'locked';
    reveal.hidden = !unlocked;
    locked.hidden = unlocked;
  }

  render();

  root.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const input of inputs) {
      const key = input.dataset['cell']!;
      const { index, field } = where(input);
      const previous = cells[key];
      if (previous && judge(answers[index]!, field, previous.value) === 'right') continue; // locked in
      const value = input.value.trim();
      const verdict = judge(answers[index]!, field, value);
      // A try is a new wrong number: an unreadable answer asks for a readable one, and checking the same answer again changes nothing.
      const tries = (previous?.tries ?? 0) + (verdict === 'wrong' && value !== previous?.value ? 1 : 0);
      cells[key] = { value, tries };
    }
    const now = current();
    if (now.answered === 0) {
      status.textContent = '먼저 칸을 채운 뒤 확인을 누르세요.';
      return;
    }
    const passed = now.correct === now.total;
    if (passed) unlocked = true;
    recordProgress(predictKey(id), { status: passed ? 'passed' : 'tried', bestResult: scoreText(now), predictions: { ...cells } });
    render();
    const wrong = inputs.filter((input) => stateOf(verdictOf(input)) === 'wrong').length;
    const open = now.total - now.answered;
    status.textContent = passed
      ? '모두 맞혔습니다. 아래에 모델의 요약이 열렸습니다.'
      : [wrong > 0 ? `${wrong}칸이 틀렸습니다. 층 아래의 설명을 보고 다시 적어 보세요.` : '', open > 0 ? `${open}칸이 비어 있습니다.` : '']
          .filter(Boolean)
          .join(' ');
    if (!passed) (inputs.find((input) => stateOf(verdictOf(input)) === 'wrong') ?? inputs.find((input) => stateOf(verdictOf(input)) === 'open'))?.focus();
  });

  // Typing again in a wrong cell takes its ✗ away; its explanation stays until the next check.
  root.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (!input.dataset['cell'] || input.readOnly) return;
    const td = input.closest('td')!;
    td.dataset['state'] = 'open';
    td.querySelector('[data-role="mark"]')!.textContent = '';
    input.setAttribute('aria-invalid', 'false');
  });

  root.querySelector('[data-action="reset"]')!.addEventListener('click', () => {
    for (const key of Object.keys(cells)) delete cells[key];
    // The store keeps the status (a passed prediction stays passed, its summary open) but forgets the cells.
    if (loadProgress()[predictKey(id)]) recordProgress(predictKey(id), { status: 'tried', predictions: {} });
    status.textContent = '칸을 모두 비웠습니다.';
    render();
  });
}
