import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/**
 * "Predict, then run" (`<Predict>`): a wrong prediction is explained with the lesson's formula, a
 * right one locks, all right unlocks the summary; the cells survive a reload and count as progress.
 */
const LESSON = '/building-blocks/fashion-cnn/';
const ID = 'fashion-cnn-003';

// Document 003 (8-2) prints these: the summary of its Fashion-MNIST CNN, 333,526 parameters.
const DOCUMENT_003 = [
  ['(None, 28, 28, 32)', '320'],
  ['(None, 14, 14, 32)', '0'],
  ['(None, 14, 14, 64)', '18,496'],
  ['(None, 7, 7, 64)', '0'],
  ['(None, 3136)', '0'],
  ['(None, 100)', '313,700'],
  ['(None, 100)', '0'],
  ['(None, 10)', '1,010'],
] as const;

const cell = (block: Locator, layer: number, field: 'shape' | 'params') => block.locator(`input[data-cell="${layer}.${field}"]`);
const explanation = (block: Locator, layer: number, field: 'shape' | 'params') => block.locator(`[data-explain="${layer}"] [data-role="explain-${field}"]`);
/** Serious or critical axe violations inside one block, in the state it is in now (wrong and right cells, explanations). */
async function blockViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const stored = (page: Page, id: string) => page.evaluate((key) => JSON.parse(localStorage.getItem('cnn-course:progress') ?? '{}')[key], `predict:${id}`);

test.describe('predict, then run', () => {
  test('a wrong prediction is explained with the formula, right ones lock and unlock the summary, and it all survives a reload', async ({ page }) => {
    await page.goto(LESSON);
    const block = page.locator(`[data-predict="${ID}"]`);
    const score = block.locator('[data-role="score"]');
    const summary = block.locator('[data-role="reveal"]');
    await expect(score).toHaveText('16칸');
    await expect(summary).toBeHidden();
    await expect(block.locator('[data-role="locked"]')).toBeVisible();
    await expect(block.getByRole('textbox')).toHaveCount(16);

    // The first layer read as 'valid', and its bias forgotten.
    await cell(block, 0, 'shape').fill('26, 26, 32');
    await cell(block, 0, 'params').fill('288');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(cell(block, 0, 'shape')).toHaveAttribute('aria-invalid', 'true');
    await expect(block.locator('tr[data-layer="0"] td').first()).toHaveAttribute('data-state', 'wrong');
    const shapeNote = explanation(block, 0, 'shape');
    await expect(shapeNote).toBeVisible();
    await expect(shapeNote).toContainText("padding='same'은 (스트라이드 1에서) 크기를 그대로 둡니다.");
    await expect(shapeNote).toContainText('OH = (H + 2P − FH)/S + 1');
    await expect(shapeNote).toContainText('OH = (28 + 2·1 − 3)/1 + 1.');
    await expect(shapeNote).not.toContainText('정답');
    const paramsNote = explanation(block, 0, 'params');
    await expect(paramsNote).toContainText('절편(필터마다 1개)을 빠뜨렸습니다.');
    await expect(paramsNote).toContainText('FH·FW·C_in·C_out + C_out');
    await expect(paramsNote).toContainText('3·3·1·32 + 32.');
    // The explanation is the input's description, for a screen reader.
    await expect(cell(block, 0, 'shape')).toHaveAccessibleDescription(/OH = \(28 \+ 2·1 − 3\)\/1 \+ 1/);
    await expect(score).toHaveText('16칸 중 0칸 정답');
    await expect(block.getByRole('status')).toHaveText('2칸이 틀렸습니다. 층 아래의 설명을 보고 다시 적어 보세요. 14칸이 비어 있습니다.');
    await expect(summary).toBeHidden();
    await block.screenshot({ path: 'test-results/screenshots/predict-wrong-light.png' });
    expect(await blockViolations(page, `[data-predict="${ID}"]`)).toEqual([]);

    // Wrong twice: the explanation now gives the result too. The sidebar marks the lesson as tried.
    await cell(block, 0, 'shape').fill('27, 27, 32');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(shapeNote).toContainText('OH = (28 + 2·1 − 3)/1 + 1 = 28');
    await expect(shapeNote).toContainText('정답: (None, 28, 28, 32).');
    expect(await stored(page, ID)).toMatchObject({ status: 'tried', predictions: { '0.shape': { value: '27, 27, 32', tries: 2 }, '0.params': { value: '288', tries: 1 } } });
    await expect(page.locator(`nav a[href$="${LESSON}"] .progress-mark.tried`)).toBeVisible();

    // A right answer locks in; an unreadable one asks for the format.
    await cell(block, 0, 'shape').fill('28×28×32');
    await cell(block, 0, 'params').fill('스무 개');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(cell(block, 0, 'shape')).toHaveAttribute('readonly', '');
    await expect(cell(block, 0, 'shape')).toHaveAttribute('aria-invalid', 'false');
    await expect(shapeNote).toBeHidden();
    await expect(paramsNote).toContainText('읽을 수 없는 답입니다.');
    await expect(score).toHaveText('16칸 중 1칸 정답');

    // Every answer right (the last one submitted with Enter): the summary unlocks.
    for (const [i, [shape, params]] of DOCUMENT_003.entries()) {
      if (i > 0) await cell(block, i, 'shape').fill(i % 2 ? shape.replace('None, ', '') : shape);
      await cell(block, i, 'params').fill(params);
    }
    await cell(block, DOCUMENT_003.length - 1, 'params').press('Enter');
    await expect(score).toHaveText('16칸 모두 정답');
    await expect(block.locator('td[data-state="right"]')).toHaveCount(16);
    await expect(block.locator('tr.predict-explain:visible')).toHaveCount(0);
    await expect(block.getByRole('status')).toHaveText('모두 맞혔습니다. 아래에 모델의 요약이 열렸습니다.');
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('table')).toContainText('333,526');
    await expect(block.locator('[data-role="locked"]')).toBeHidden();
    await block.screenshot({ path: 'test-results/screenshots/predict-unlocked-light.png' });
    expect(await blockViolations(page, `[data-predict="${ID}"]`)).toEqual([]);

    // After a reload: the cells, their locks and the open summary come back from the progress store.
    await page.reload();
    await expect(block.locator('td[data-state="right"]')).toHaveCount(16);
    await expect(cell(block, 2, 'params')).toHaveValue('18,496');
    await expect(summary).toBeVisible();
    expect(await stored(page, ID)).toMatchObject({ status: 'passed', bestResult: '16칸 모두 정답' });
    // The lesson's exercise is not done yet, so its mark stays "tried".
    await expect(page.locator(`nav a[href$="${LESSON}"] .progress-mark.tried`)).toBeVisible();

    // The progress page lists the prediction as passed.
    await page.goto('/start/progress/');
    const row = page.locator(`tr[data-exercise="predict:${ID}"]`);
    await expect(row.locator('[data-field="status"]')).toHaveText('통과');
    await expect(row.locator('[data-field="result"]')).toHaveText('16칸 모두 정답');
    await expect(row.getByRole('link')).toHaveAttribute('href', `${LESSON}#predict-${ID}-title`);

    // 다시 풀기 empties the cells, keeps the pass and the open summary.
    await page.goto(LESSON);
    await block.getByRole('button', { name: '다시 풀기' }).click();
    await expect(block.locator('td[data-state="open"]')).toHaveCount(16);
    await expect(cell(block, 0, 'shape')).toHaveValue('');
    await expect(cell(block, 0, 'shape')).not.toHaveAttribute('readonly', '');
    await page.reload();
    await expect(block.locator('td[data-state="open"]')).toHaveCount(16);
    await expect(summary).toBeVisible();
    expect(await stored(page, ID)).toMatchObject({ status: 'passed', predictions: {} });
  });

  test('a prediction alone marks a lesson passed; without children the block unlocks a summary it computes', async ({ page }) => {
    // building-blocks/conv-components also has two exercises; pass them in the store so the prediction decides the mark.
    const lesson = '/building-blocks/conv-components/';
    await page.addInitScript(() => {
      if (localStorage.getItem('cnn-course:progress')) return;
      const passed = { status: 'passed', updatedAt: new Date().toISOString() };
      localStorage.setItem('cnn-course:progress', JSON.stringify({ 'conv-output-shape': passed, 'conv2d-by-hand': passed }));
    });
    await page.goto(lesson);
    const block = page.locator('[data-predict="conv-components-small"]');
    await expect(page.locator(`nav a[href$="${lesson}"] .progress-mark.tried`)).toBeVisible();
    // Document 003, 8-1: (4, 4) → same 3×3 filters ×3 → (4, 4, 3) → 2×2 pooling → (2, 2, 3) → 12 values; Dense(10) is the course's.
    const right = [['4, 4, 3', '30'], ['2, 2, 3', '0'], ['12', '0'], ['10', '130']];
    for (const [i, [shape, params]] of right.entries()) {
      await cell(block, i, 'shape').fill(shape!);
      await cell(block, i, 'params').fill(params!);
    }
    // One slip: pooling that keeps no channels.
    await cell(block, 1, 'shape').fill('2, 2, 1');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(explanation(block, 1, 'shape')).toContainText('풀링은 채널(특성 맵의 개수)을 줄이지 않습니다.');
    await expect(explanation(block, 1, 'shape')).toContainText('OH = ⌊(4 − 2)/2⌋ + 1.');
    await expect(block.locator('[data-role="reveal"]')).toBeHidden();
    await cell(block, 1, 'shape').fill('(None, 2, 2, 3)');
    await block.getByRole('button', { name: '확인' }).click();
    const summary = block.getByRole('table', { name: '모델 요약' });
    await expect(summary).toBeVisible();
    await expect(summary.locator('tfoot')).toContainText('160');
    await expect(summary.locator('tbody tr')).toHaveCount(4);
    await expect(page.locator(`nav a[href$="${lesson}"] .progress-mark.passed`)).toBeVisible();
  });

  test('height and width apart: a non-dividing stride is explained with the floor the frameworks apply', async ({ page }) => {
    await page.goto('/image-processing/padding-and-stride/');
    const block = page.locator('[data-predict="flower-strides"]');
    // Document 004: (427, 640, 3) → Conv2D(32, 3, same) → (427, 640, 32) → MaxPooling2D(2) → (213, 320, 32); the strided layer is the course's.
    const right = [['427, 640, 32', '896'], ['213, 320, 32', '0'], ['106, 159, 16', '4,624']];
    for (const [i, [shape, params]] of right.entries()) {
      await cell(block, i, 'shape').fill(shape!);
      await cell(block, i, 'params').fill(params!);
    }
    await cell(block, 2, 'shape').fill('106, 160, 16'); // rounded up
    await block.getByRole('button', { name: '확인' }).click();
    await expect(explanation(block, 2, 'shape')).toContainText('OH = (213 + 2·0 − 3)/2 + 1, OW = ⌊(320 + 2·0 − 3)/2⌋ + 1.');
    await expect(block.locator('td[data-state="right"]')).toHaveCount(5);
    await cell(block, 2, 'shape').fill('106, 159, 16');
    await cell(block, 2, 'shape').press('Enter');
    await expect(block.getByRole('table', { name: '모델 요약' }).locator('tfoot')).toContainText('5,520');
    await block.screenshot({ path: 'test-results/screenshots/predict-summary-light.png' });
    await page.locator('header starlight-theme-select select').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await blockViolations(page, '[data-predict="flower-strides"]')).toEqual([]);
    await block.screenshot({ path: 'test-results/screenshots/predict-summary-dark.png' });
  });

  test('the VGG-style model asks only what is not given, and looks right in the dark theme', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
    await page.goto('/building-blocks/deeper-cnn/');
    const block = page.locator('[data-predict="fashion-vgg-001"]');
    await expect(block.locator('tr[data-layer]')).toHaveCount(14);
    await expect(block.getByRole('textbox')).toHaveCount(20);
    await expect(block.locator('td.predict-given')).toHaveCount(8);
    await expect(block.locator('tr[data-layer="3"] td.predict-given').first()).toHaveText('(None, 14, 14, 64)');
    // The one 'valid' convolution read as 'same'.
    await cell(block, 5, 'shape').fill('14, 14, 256');
    await cell(block, 9, 'params').fill('4718592');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(explanation(block, 5, 'shape')).toContainText("padding='valid'(기본값)는 0을 덧붙이지 않아 크기가 줄어듭니다.");
    await expect(explanation(block, 5, 'shape')).toContainText('OH = (14 + 2·0 − 3)/1 + 1.');
    await expect(explanation(block, 9, 'params')).toContainText('9216·512 + 512.');
    await block.screenshot({ path: 'test-results/screenshots/predict-wrong-dark.png' });
    expect(await blockViolations(page, '[data-predict="fashion-vgg-001"]')).toEqual([]);
    // A right cell in the dark theme, and the block on a phone: it scrolls inside itself, never the page.
    await cell(block, 0, 'shape').fill('28, 28, 32');
    await block.getByRole('button', { name: '확인' }).click();
    await expect(block.locator('td[data-state="right"]')).toHaveCount(1);
    expect(await blockViolations(page, '[data-predict="fashion-vgg-001"]')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await block.screenshot({ path: 'test-results/screenshots/predict-phone-dark.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
  });
});
