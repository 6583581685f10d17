import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { convolveSame, documentFilters, FILTER_SIZE, rgbFromRgba } from '../../src/figures/handmade-filters.ts';
import { fromBytes, sobel, toRgba } from '../../src/figures/sobel.ts';
import { expect, test } from './fixtures.ts';
import { readSplit } from '../../scripts/data/manifest.ts';

/**
 * Module image-processing (document 004): the Sobel figure draws, for the image the reader picks,
 * exactly what src/figures/sobel.ts computes in Node from the same training image; the hand-made
 * filters figure draws what src/figures/handmade-filters.ts computes from the photo it shows.
 */
const SOBEL_PAGE = '/image-processing/sobel/';

function firstTrainingImage(dataset: string): Uint8Array {
  return readSplit(fileURLToPath(new URL(`../../public/data/${dataset}/`, import.meta.url)), 'train').images.subarray(0, 28 * 28);
}

const figure = (page: Page) => page.locator('[data-sobel-figure]');
const redChannel = (page: Page, role: string) =>
  figure(page)
    .locator(`canvas[data-role="${role}"]`)
    .evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0)));

test.describe('영상처리 기초 3 (document 004)', () => {
  test('the Sobel figure shows a photo first, then the MNIST and Fashion-MNIST images as Node computes them', async ({ page }) => {
    await page.goto(SOBEL_PAGE);
    await expect(figure(page)).toHaveAttribute('data-shown', 'china', { timeout: 20_000 });
    await expect(figure(page).locator('[data-role="readout"]')).toContainText('320×214 영상');
    const photoGx = await redChannel(page, 'gx');
    expect(photoGx.length).toBe(320 * 214);
    expect(new Set(photoGx).size).toBeGreaterThan(50); // a photo has edges of every strength

    for (const [value, dataset] of [['mnist', 'mnist'], ['fashion', 'fashion-mnist']] as const) {
      await figure(page).locator(`input[value="${value}"]`).check();
      await expect(figure(page)).toHaveAttribute('data-shown', value);
      const expected = sobel(fromBytes(firstTrainingImage(dataset), 28, 28));
      for (const [role, values, signed] of [['gx', expected.gx, true], ['gy', expected.gy, true], ['magnitude', expected.magnitude, false]] as const) {
        const want = Array.from(toRgba(values, signed).filter((_, i) => i % 4 === 0));
        expect(await redChannel(page, role), `${value} ${role}`).toEqual(want);
      }
    }
    await figure(page).screenshot({ path: 'test-results/screenshots/sobel-figure.png' });
  });

  test("the hand-made filters figure applies the document's cross and point filters to both photos", async ({ page }) => {
    await page.goto('/image-processing/handmade-filters/');
    const root = page.locator('[data-handmade-filters]');
    await expect(root).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(root.locator('[data-role="readout"]')).toContainText('배치 (2, 214, 320, 3)에 (7, 7, 3, 2) 필터');
    const filters = documentFilters(3);
    for (const photo of ['china', 'flower']) {
      const pixels = (role: string) =>
        root.locator(`canvas[data-photo="${photo}"][data-role="${role}"]`).evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height, data: Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data) }));
      const input = await pixels('input');
      expect([input.width, input.height]).toEqual([320, 214]);
      const maps = convolveSame(rgbFromRgba(input.data, input.width, input.height), filters, FILTER_SIZE, 2);
      for (const [f, map] of maps.entries()) {
        const shown = await pixels(`map${f}`);
        expect(shown.data.filter((_, i) => i % 4 === 0), `${photo} map ${f}`).toEqual(Array.from(toRgba(map, false).filter((_, i) => i % 4 === 0)));
      }
    }
    await root.screenshot({ path: 'test-results/screenshots/handmade-filters.png' });
  });
});
