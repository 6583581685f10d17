import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { test, expect } from './fixtures.ts';
import { packShard, shardPath } from '../../src/data/shards.ts';

/**
 * The figures of the training-techniques lesson (document 002, 8.6): OptimizerPaths and
 * AugmentationGallery. They are tested on a bare page until the lesson embeds them; then PAGE
 * becomes '/lenet-and-training/training-techniques/' (and the CIFAR-10 test needs a page that
 * renders `<AugmentationGallery cifar />`).
 */
const PAGE = '/dev/training-figures/';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Tall enough that a figure's screenshot needs no scrolling, which would paint Starlight's sticky header over it. */
const TALL = 4000;

/**
 * A fake CIFAR-10 train split in two shards of 400 images of 32×32×3, each a colour ramp with a dark
 * square, labels 0..9 repeating (the gallery should read the first 15 from the first shard only).
 */
const FAKE_COUNT = 400;
const FAKE_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'].map((en, i) => ({
  en,
  ko: ['비행기', '자동차', '새', '고양이', '사슴', '개', '개구리', '말', '배', '트럭'][i]!,
}));
function fakeCifarImages(): Buffer {
  const bytes = Buffer.alloc(FAKE_COUNT * 32 * 32 * 3);
  for (let n = 0; n < FAKE_COUNT; n++) {
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const o = ((n * 32 + y) * 32 + x) * 3;
        const inSquare = x >= 8 + (n % 16) && x < 16 + (n % 16) && y >= 10 && y < 20;
        bytes[o] = inSquare ? 20 : x * 8;
        bytes[o + 1] = inSquare ? 20 : y * 8;
        bytes[o + 2] = inSquare ? 20 : (n * 17) % 256;
      }
    }
  }
  return bytes;
}

/** Serves the fake CIFAR-10 in place of public/data/cifar10/ (shards as src/data/shards.ts lays them out), recording the data files asked for. */
async function serveFakeCifar(page: Page): Promise<string[]> {
  const requested: string[] = [];
  const shard = gzipSync(packShard(Uint8Array.from({ length: FAKE_COUNT }, (_, i) => i % 10), fakeCifarImages()));
  const shards = [0, 1].map((i) => ({ path: shardPath('train', i), count: FAKE_COUNT, bytes: shard.length, sha256: '0'.repeat(64) }));
  const manifest = {
    name: 'cifar10',
    formatVersion: 2,
    imageShape: [32, 32, 3],
    dtype: 'uint8',
    classes: FAKE_CLASSES,
    files: { train: { count: 2 * FAKE_COUNT, shards }, test: { count: 0, shards: [] } },
  };
  await page.route('**/data/cifar10/**', async (route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.split('/').pop()!;
    if (name === 'manifest.json') return route.fulfill({ json: manifest });
    requested.push(name);
    return shards.some((s) => s.path === name) ? route.fulfill({ body: shard, contentType: 'application/octet-stream' }) : route.fulfill({ status: 404 });
  });
  return requested;
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

const lossOf = (figure: Locator, id: string) => figure.locator(`tr[data-optimizer="${id}"] [data-role="loss"]`).textContent();
const allLosses = async (figure: Locator) => Promise.all(['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'].map((id) => lossOf(figure, id)));
const canvasPixels = (canvas: Locator) => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());

/** Distinct colours among a canvas's pixels (a blank or single-colour canvas has 1). */
const distinctColours = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });

async function galleryReady(gallery: Locator): Promise<void> {
  await expect(gallery).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

test.describe('module lenet-and-training: training-technique figures', () => {
  test.beforeEach(async ({ page }) => {
    await serveFakeCifar(page);
  });

  test('optimizer paths: the multiplier changes the losses, a click moves the start', async ({ page }) => {
    await page.goto(PAGE);
    const figure = page.locator('[data-optimizer-paths]');
    await expect(figure.locator('tr[data-optimizer="adam"] [data-role="loss"]')).not.toHaveText('–');

    const sgd = Number(await lossOf(figure, 'sgd'));
    const adam = Number(await lossOf(figure, 'adam'));
    expect(Number.isFinite(sgd) && Number.isFinite(adam), `SGD ${sgd}, Adam ${adam}`).toBe(true);
    expect(sgd).not.toBe(adam);
    // At ×10, 200 steps on the bowl: SGD (lr 0.1) is near the bottom, Adam (lr 0.01) on its way.
    expect(sgd).toBeLessThan(adam);
    await expect(figure.locator('tr[data-optimizer="sgd"] [data-role="lr"]')).toHaveText('0.1');

    const before = await allLosses(figure);
    await figure.getByLabel('학습률 배율').fill('6');
    await expect(figure.locator('output[name="multiplier-value"]')).toHaveText('×100');
    await expect(figure.locator('tr[data-optimizer="adam"] [data-role="lr"]')).toHaveText('0.1');
    const after = await allLosses(figure);
    for (let i = 0; i < before.length; i++) expect(after[i], `optimizer ${i}`).not.toBe(before[i]);
    // lr 1 on a curvature of 4: SGD leaves the surface, Adam gets close to the minimum.
    expect(after[0]).toBe('발산');
    expect(Number(after[4])).toBeLessThan(Number(before[4]));
    await expect(figure.getByRole('row', { name: /SGD/ }).first()).toContainText('곡면 밖으로');

    // A click on the plot, three quarters across and a quarter down: (2.25, 1.125) on the bowl.
    const canvas = figure.locator('canvas[data-role="plot"]');
    const box = (await canvas.boundingBox())!;
    const pixelsBefore = await canvasPixels(canvas);
    const lossesBefore = await allLosses(figure);
    await canvas.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
    expect(Number(await figure.getByLabel('x', { exact: true }).inputValue())).toBeCloseTo(2.25, 1);
    expect(Number(await figure.getByLabel('y', { exact: true }).inputValue())).toBeCloseTo(1.125, 1);
    expect(await allLosses(figure)).not.toEqual(lossesBefore);
    expect(await canvasPixels(canvas)).not.toBe(pixelsBefore);

    // The start typed in, and the other surface: its own default start and a loss for each.
    await figure.getByLabel('x', { exact: true }).fill('-3');
    await expect(figure.locator('canvas[data-role="plot"]')).toHaveAttribute('aria-label', /시작점 \(-3, 1\.1/);
    await figure.getByLabel('손실 곡면').selectOption('valley');
    expect(await figure.getByLabel('x', { exact: true }).inputValue()).toBe('-1.5');
    for (const loss of await allLosses(figure)) expect(loss).toMatch(/^(발산|[\d.e+-]+)$/);

    // Hiding a path keeps its row but greys it.
    await figure.getByRole('checkbox', { name: 'Adam' }).uncheck();
    await expect(figure.locator('tr[data-optimizer="adam"]')).toHaveClass(/opt-hidden/);
  });

  test('augmentation gallery: three trials of four, deterministic, redrawn on 다시 뽑기', async ({ page }) => {
    await page.goto(PAGE);
    const gallery = page.locator('#gallery-default [data-augmentation-gallery]');
    await galleryReady(gallery);
    await expect(gallery).toHaveAttribute('data-pool', 'photos');
    await expect(gallery.locator('canvas[data-role="original"]')).toHaveCount(2);
    const trials = gallery.locator('[data-role="trial"]');
    await expect(trials).toHaveCount(3);
    for (let t = 0; t < 3; t++) await expect(trials.nth(t).locator('canvas[data-role="augmented"]:visible')).toHaveCount(4);
    const canvases = gallery.locator('canvas[data-role="augmented"]');
    for (let i = 0; i < 12; i++) expect(await distinctColours(canvases.nth(i)), `augmented image ${i}`).toBeGreaterThan(100);
    // Each batch is the pool of four (each photo twice) in some order.
    for (let t = 0; t < 3; t++) {
      const labels = (await trials.nth(t).locator('[data-role="label"]').allTextContents()).sort();
      expect(labels).toEqual(['꽃', '꽃', '사원', '사원']);
    }
    await expect(gallery.locator('[data-role="params"]').first()).toContainText(/회전 [↻↺]\d+° · 이동/);

    const first = await Promise.all(Array.from({ length: 12 }, (_, i) => canvasPixels(canvases.nth(i))));
    expect(new Set(first).size, 'twelve different pictures').toBe(12);

    await gallery.getByRole('button', { name: '다시 뽑기' }).click();
    await expect(gallery).toHaveAttribute('data-seed', '86');
    const redrawn = await Promise.all(Array.from({ length: 12 }, (_, i) => canvasPixels(canvases.nth(i))));
    for (let i = 0; i < 12; i++) expect(redrawn[i], `image ${i} after 다시 뽑기`).not.toBe(first[i]);

    // The first render is the same on every load.
    await page.reload();
    await galleryReady(gallery);
    const again = await Promise.all(Array.from({ length: 12 }, (_, i) => canvasPixels(canvases.nth(i))));
    expect(again).toEqual(first);

    // Built without CIFAR-10: the note says how to import it.
    const note = gallery.locator('[data-role="cifar-note"]');
    await expect(note).toBeVisible();
    await expect(note).toContainText('CIFAR-10 데이터셋이 없습니다');
    await expect(note).toContainText('npm run data -- --cifar10');
    await expect(gallery.getByRole('link', { name: 'CC BY 2.0' })).toHaveAttribute('href', 'https://creativecommons.org/licenses/by/2.0/');
  });

  test('augmentation gallery on CIFAR-10 reads only the first 15 images of the first shard, with their class names', async ({ page }) => {
    const requested = await serveFakeCifar(page);
    await page.goto(PAGE);
    const gallery = page.locator('#gallery-cifar [data-augmentation-gallery]');
    await galleryReady(gallery);
    await expect(gallery).toHaveAttribute('data-pool', 'cifar');
    await expect(gallery.locator('[data-role="cifar-note"]')).toHaveCount(0);
    await expect(gallery.locator('canvas[data-role="original"]')).toHaveCount(15);
    expect(await gallery.locator('[data-role="originals"] .aug-label').allTextContents()).toEqual(Array.from({ length: 15 }, (_, i) => FAKE_CLASSES[i % 10]!.ko));
    expect(requested).toEqual(['train-00.u8.gz']);
    // Batches of flow() over 15 images: 12 different images in the first three.
    const labels = await gallery.locator('[data-role="trial"] canvas[data-role="augmented"]').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
    expect(labels).toHaveLength(12);
    for (const canvas of await gallery.locator('canvas[data-role="augmented"]').all()) {
      expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([32, 32]);
      expect(await distinctColours(canvas)).toBeGreaterThan(20);
    }

    await gallery.getByRole('radio', { name: '예제 사진 2장' }).check();
    await expect(gallery).toHaveAttribute('data-pool', 'photos');
    await expect(gallery.locator('canvas[data-role="original"]')).toHaveCount(2);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`figures in the ${theme} theme: accessible, error-free, fit a phone (screenshots)`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.setViewportSize(DESKTOP);
      await page.goto(PAGE);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const gallery of await page.locator('[data-augmentation-gallery]').all()) await galleryReady(gallery);
      await page.evaluate(() => document.fonts.ready);

      const { violations } = await new AxeBuilder({ page }).include('[data-optimizer-paths]').include('[data-augmentation-gallery]').analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect.soft(serious, `axe (${theme})`).toEqual([]);

      const optimizer = page.locator('[data-optimizer-paths]');
      const gallery = page.locator('#gallery-default [data-augmentation-gallery]');
      await page.setViewportSize({ width: DESKTOP.width, height: TALL });
      await optimizer.screenshot({ path: `test-results/screenshots/training-figures-optimizers-${theme}.png` });
      await gallery.screenshot({ path: `test-results/screenshots/training-figures-augmentation-${theme}.png` });
      await page.locator('#gallery-cifar [data-augmentation-gallery]').screenshot({ path: `test-results/screenshots/training-figures-augmentation-cifar-${theme}.png` });

      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const culprits = [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el instanceof HTMLElement && el.dataset['role'] ? `[data-role=${el.dataset['role']}]` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
        return { scroll: document.documentElement.scrollWidth, client: width, culprits };
      });
      expect.soft(overflow.scroll, `horizontal overflow at ${PHONE.width}px; sticking out:\n  ${overflow.culprits.join('\n  ')}`).toBeLessThanOrEqual(overflow.client + 1);
      for (const figure of [optimizer, gallery]) {
        const box = (await figure.boundingBox())!;
        expect.soft(box.x + box.width, 'figure inside the phone screen').toBeLessThanOrEqual(PHONE.width);
      }
      // The plot follows the narrower width.
      const plot = (await optimizer.locator('canvas[data-role="plot"]').boundingBox())!;
      expect.soft(plot.width).toBeLessThan(PHONE.width - 20);
      await page.setViewportSize({ width: PHONE.width, height: TALL });
      await optimizer.screenshot({ path: `test-results/screenshots/training-figures-optimizers-phone-${theme}.png` });
      await gallery.screenshot({ path: `test-results/screenshots/training-figures-augmentation-phone-${theme}.png` });

      expect.soft(errors, `console errors (${theme})`).toEqual([]);
    });
  }
});
