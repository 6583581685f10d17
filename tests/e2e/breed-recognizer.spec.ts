/**
 * The recognizer page of document 002, 8.8 (src/components/BreedRecognizer.astro): a photo made
 * from a Fashion-MNIST training image (inverted to dark-on-white, so the page has to invert it
 * back), a mouse drawing, the learner's model missing and present, and screenshots for a person.
 */
import { deflateSync } from 'node:zlib';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { serializeModel } from '../../src/runtime/model-artifacts.ts';
import { expect, test } from './fixtures.ts';
import { readSplit } from '../../scripts/data/manifest.ts';

const PAGE = '/lenet-and-training/breed-recognizer/';
const SIDE = 28;
const SHOTS = 'test-results/screenshots';

// ---- a Fashion-MNIST image as a PNG file ------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit grayscale PNG (color type 0, no filtering). */
function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

/** The first training image with this label (public/data/fashion-mnist/, made by `npm run data`). */
function trainingImage(label: number): Uint8Array {
  const { images, labels } = readSplit('public/data/fashion-mnist', 'train');
  const index = labels.indexOf(label);
  return new Uint8Array(images.subarray(index * SIDE * SIDE, (index + 1) * SIDE * SIDE));
}

/** The image as a "photo": dark garment on white (inverted), enlarged four times. */
function asPhoto(image: Uint8Array, scale = 4): Buffer {
  const side = SIDE * scale;
  const out = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) out[y * side + x] = 255 - image[Math.floor(y / scale) * SIDE + Math.floor(x / scale)]!;
  return encodeGrayPng(out, side, side);
}

// ---- the page ---------------------------------------------------------------------------------

const app = (page: Page) => page.locator('[data-breed-recognizer]');

async function openPhoto(page: Page, name: string, png: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await app(page).getByRole('button', { name: '사진 열기' }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: png });
  await expect(app(page).locator('[data-role="stage-caption"]')).toContainText(name);
}

async function recognize(page: Page): Promise<Locator> {
  await app(page).getByRole('button', { name: '인식', exact: true }).click();
  return app(page).locator('[data-role="results"] li');
}

/** The whole recognizer, from a full-page capture (an element capture would show the sticky header over it). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const clip = await app(page).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height };
  });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, clip });
}

/** Serious or critical axe violations inside the recognizer, in the state it is in now (pages.spec.ts sees only the first). */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('[data-breed-recognizer]').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The 28×28 input the page shows, as gray values. */
const shownInput = (page: Page) =>
  app(page)
    .locator('[data-role="input"]')
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return Array.from({ length: 28 * 28 }, (_, i) => data[i * 4]!);
    });

/**
 * Mean absolute difference of two 28×28 images, the smallest over shifts of up to one pixel: the
 * page centers the garment's box itself, which may put it a pixel away from where the dataset had it.
 */
function shiftedDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let best = Infinity;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      let sum = 0;
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) {
          const sy = y + dy;
          const sx = x + dx;
          const other = sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE ? b[sy * SIDE + sx]! : 0;
          sum += Math.abs(a[y * SIDE + x]! - other);
        }
      }
      best = Math.min(best, sum / (SIDE * SIDE));
    }
  }
  return best;
}

/** Strokes in the drawing canvas's own 280×280 coordinates, drawn with the mouse. */
async function drawStrokes(page: Page, strokes: [number, number][][]): Promise<void> {
  const box = (await app(page).locator('canvas[data-role="draw"]').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]!));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(point), { steps: 8 });
    await page.mouse.up();
  }
}

/** A rough pair of trousers: a waistband and two filled legs. */
const TROUSERS: [number, number][][] = [
  [
    [90, 40],
    [190, 40],
  ],
  ...[100, 115, 125].map((x): [number, number][] => [
    [x, 45],
    [x - 12, 250],
  ]),
  ...[180, 165, 155].map((x): [number, number][] => [
    [x, 45],
    [x + 12, 250],
  ]),
];

test.describe('견종 인식 프로그램 (document 002, 8.8)', () => {
  test('an opened photo is inverted automatically and recognized by the course model', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(PAGE);
    // The page itself loads no TF.js and no model until 인식 is pressed.
    const heavy: string[] = [];
    page.on('request', (r) => void (/\.wasm$|\/models\/course-vgg\//.test(r.url()) && heavy.push(r.url())));

    const trouser = trainingImage(1);
    await openPhoto(page, 'trouser-on-white.png', asPhoto(trouser));
    await expect(app(page).getByLabel('색 반전')).toBeChecked();
    await expect(app(page).locator('[data-role="invert-reason"]')).toContainText('자동으로 반전');
    // What the model sees is the training image again (light on black), up to the crop's rounding.
    const meanDifference = shiftedDifference(await shownInput(page), trouser);
    console.log(`trouser: mean |input − training image| = ${meanDifference.toFixed(2)} (best shift of at most one pixel)`);
    expect(meanDifference).toBeLessThan(3);
    expect(heavy).toEqual([]);

    await app(page).getByLabel('코스의 모델 (course-vgg, 8개 클래스)').check();
    const rows = await recognize(page);
    await expect(rows).toHaveCount(5, { timeout: 90_000 });
    await expect(rows.first().locator('.breed-name')).toHaveText('바지');
    await expect(rows.first().locator('.breed-probability')).toHaveText(/^\d{1,3}\.\d%$/);
    const status = app(page).locator('[data-role="status"]');
    await expect(status).toContainText('course-vgg: 1위 바지');
    await expect(status).toContainText('백엔드 wasm');
    console.log(`trouser: ${await status.textContent()}`);
    expect(heavy.some((url) => url.endsWith('.wasm'))).toBe(true);

    await shoot(page, 'breed-recognizer-desktop-light');
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
    await shoot(page, 'breed-recognizer-desktop-dark');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await shoot(page, 'breed-recognizer-phone-dark');
    await page.evaluate(() => (document.documentElement.dataset['theme'] = 'light'));
    await shoot(page, 'breed-recognizer-phone-light');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A second photo: the list is replaced, not appended to.
    await openPhoto(page, 'bag-on-white.png', asPhoto(trainingImage(8)));
    await expect(rows).toHaveCount(0);
    await recognize(page);
    await expect(rows).toHaveCount(5, { timeout: 30_000 });
    await expect(rows.first().locator('.breed-name')).toHaveText('가방');
    console.log(`bag: ${await status.textContent()}`);

    // 닫기 clears the window, like the document's 나가기.
    await app(page).getByRole('button', { name: '닫기' }).click();
    await expect(rows).toHaveCount(0);
    await expect(app(page).locator('[data-role="workspace"]')).toBeHidden();
    await expect(status).toContainText('닫았습니다');
  });

  test('a mouse drawing is recognized into a list of five', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(PAGE);
    await app(page).getByRole('button', { name: '인식', exact: true }).click();
    await expect(app(page).locator('[data-role="status"]')).toContainText("먼저 '사진 열기'");

    await app(page).getByRole('button', { name: '그리기' }).click();
    await expect(app(page).getByRole('button', { name: '그리기' })).toHaveAttribute('aria-pressed', 'true');
    await recognize(page);
    await expect(app(page).locator('[data-role="status"]')).toContainText('그림판이 비어 있습니다');

    await drawStrokes(page, TROUSERS);
    await expect(app(page).getByLabel('색 반전')).not.toBeChecked();
    expect((await shownInput(page)).filter((v) => v > 128).length).toBeGreaterThan(100);
    const rows = await recognize(page);
    await expect(rows).toHaveCount(5, { timeout: 90_000 });
    const names = await rows.locator('.breed-name').allTextContents();
    console.log(`drawing: ${names.join(', ')} · ${await app(page).locator('[data-role="status"]').textContent()}`);
    expect(new Set(names).size).toBe(5);
    await shoot(page, 'breed-recognizer-drawing');

    await app(page).getByRole('button', { name: '지우기' }).click();
    await expect(rows).toHaveCount(0);
  });

  test("'내 모델' without a saved model says where to make it", async ({ page }) => {
    await page.goto(PAGE);
    await shoot(page, 'breed-recognizer-initial');
    await openPhoto(page, 'trouser.png', asPhoto(trainingImage(1)));
    await app(page).getByLabel('내 모델 (tshirt-or-shirt, 티셔츠/탑·셔츠)').check();
    await recognize(page);
    const status = app(page).locator('[data-role="status"]');
    await expect(status).toContainText('저장된 내 모델(tshirt-or-shirt)이 이 브라우저에 없습니다', { timeout: 60_000 });
    await expect(status.getByRole('link')).toHaveAttribute('href', /\/lenet-and-training\/transfer-learning\/#exercise-backbone-fine-tune-title$/);
    await expect(app(page).locator('[data-role="results"] li')).toHaveCount(0);
    await shoot(page, 'breed-recognizer-missing-model');
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'breed-recognizer-missing-model-dark');
  });

  test("'내 모델' opens what saveModel kept and feeds it 0–255 pixels because of its Rescaling layer", async ({ page }) => {
    test.setTimeout(90_000);
    // A stand-in for the exercise's model: Rescaling(1/255) first, two classes; 셔츠 (1) wins by a
    // margin only when the pixels arrive in 0–255 (fed 0–1, the logits nearly tie).
    await tf.setBackend('cpu');
    const model = tfl.sequential({
      layers: [tfl.layers.rescaling({ scale: 1 / 255, inputShape: [28, 28, 1] }), tfl.layers.flatten(), tfl.layers.dense({ units: 2, activation: 'softmax' })],
    });
    const kernel = tf.tensor2d(Array.from({ length: 784 }, () => [0, 0.05]));
    model.layers[2]!.setWeights([kernel, tf.zeros([2])]);
    const artifact = await serializeModel(model);
    const saved = { modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs, weightData: Array.from(new Uint8Array(artifact.weightData)) };

    await page.goto(PAGE);
    // The course API's model store (src/runtime/course-api.ts): database 'cnn-course-models', store 'models', key = name.
    await page.evaluate(
      (artifact) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('cnn-course-models', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('models');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const transaction = request.result.transaction('models', 'readwrite');
            transaction.objectStore('models').put({ ...artifact, weightData: new Uint8Array(artifact.weightData).buffer }, 'tshirt-or-shirt');
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      saved,
    );
    await app(page).getByRole('button', { name: '그리기' }).click();
    await drawStrokes(page, TROUSERS);
    await app(page).getByLabel('내 모델 (tshirt-or-shirt, 티셔츠/탑·셔츠)').check();
    const rows = await recognize(page);
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    await expect(rows.locator('.breed-name')).toHaveText(['셔츠', '티셔츠/탑']);
    const top = Number((await rows.first().locator('.breed-probability').textContent())!.replace('%', ''));
    expect(top).toBeGreaterThan(99);
    await expect(app(page).locator('[data-role="status"]')).toContainText('Rescaling(1/255)');
  });
});
