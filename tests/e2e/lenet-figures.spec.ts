import { test, expect } from './fixtures.ts';

test.describe('module lenet-and-training: interactive figures', () => {
  test('shifting the digit changes most of the flattened input but only moves the feature map', async ({ page }) => {
    await page.goto('/lenet-and-training/from-mlp-to-cnn/');
    const figure = page.locator('[data-shift-comparison]');
    const readout = figure.locator('[data-role="readout"]');
    const inked = Number(/784개 중 (\d+)개/.exec((await readout.textContent()) ?? '')?.[1]);
    expect(inked).toBeGreaterThan(50);

    await figure.getByLabel('가로 이동').fill('2');
    await figure.getByLabel('세로 이동').fill('-1');
    await expect(readout).toContainText('(2, -1)만큼 옮긴 것과 똑같습니다');
    const [, changedInked, changedAll] = /원래 획이 있던 \d+칸 중 (\d+)칸.*784칸 중 모두 (\d+)칸/.exec((await readout.textContent()) ?? '') ?? [];
    // Dozens of the 784 inputs change (the stroke's edges on both sides of every stroke), while the
    // feature map above is the old one moved; the middle of a stroke moved by less than its width stays inked.
    expect(Number(changedAll)).toBeGreaterThan(50);
    expect(Number(changedInked)).toBeGreaterThan(inked / 5);
    await figure.screenshot({ path: 'test-results/screenshots/shift-comparison-moved.png' });
  });

  test('the table of Keras applications sorts by a column, both ways', async ({ page }) => {
    await page.goto('/lenet-and-training/transfer-learning/');
    const table = page.locator('[data-sortable-table] table');
    const firstModel = () => table.locator('tbody tr').first().locator('th').textContent().then((t) => t?.trim());
    await expect(table.locator('tbody tr')).toHaveCount(16);
    await table.getByRole('button', { name: /Top-1/ }).click();
    expect(await firstModel()).toBe('InceptionResNetV2');
    await expect(table.locator('thead th').nth(2)).toHaveAttribute('aria-sort', 'descending');
    await table.getByRole('button', { name: /Top-1/ }).click();
    expect(await firstModel()).toBe('MobileNet');
    await table.getByRole('button', { name: /파라미터/ }).click();
    expect(await firstModel()).toBe('VGG19');
    await table.getByRole('button', { name: /모델/ }).click();
    expect(await firstModel()).toBe('DenseNet121');
  });
});
