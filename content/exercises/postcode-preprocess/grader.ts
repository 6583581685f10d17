import { call, defineGrader, type CheckResult } from '../../../graders/types.ts';
import { customCheck, expectValues, toNumeric, type Numeric } from '../../../graders/checks.ts';
import { rasterize, toRows, type GrayImage } from '../../../src/recognizer/canvas.ts';
import { cropBox, DIGIT_SIZE, grabNumerals, resizeCubic, toModelInput } from '../../../src/recognizer/preprocess.ts';
import { DRAWINGS, strokesOf } from './drawings.ts';

/**
 * Document 002, 8.5 (listing 8-4): `grab_numerals()` and the input of `recognition()`, graded
 * against the preprocessing the course's recognizer runs (src/recognizer/preprocess.ts) on two
 * recorded drawings of postcodes, rasterized with the recognizer's brush. Two calls carry a whole
 * 200×520 canvas each (the run's calls.json is about 0.8 MB, mostly the digits 255), so each drawing
 * is used once: `cropBox` on the second, `grabNumerals` on the first; a wrong result is explained
 * by trying the usual mistakes (a shifted crop, a missing inversion, values already divided by 255).
 */
const [first, second] = DRAWINGS.map((d) => rasterize(strokesOf(d))) as [GrayImage, GrayImage];
const CROP_BOX = 2;

const cropCall = call('crop.box2', 'cropBox', [toRows(second), CROP_BOX]);
const numeralsCall = call('numerals', 'grabNumerals', [toRows(first)]);
const referenceNumerals = grabNumerals(first);
const asArrays = (images: readonly GrayImage[]) => images.map((n) => toRows(n));

/** The crop of box i taken `dy` rows lower and `dx` columns further right than the document's. */
function shiftedCrop(image: GrayImage, i: number, dy: number, dx: number): GrayImage {
  return cropBox({ ...image, data: shift(image, dy, dx) }, i);
}

/** The image moved up by dy and left by dx (edges repeated), so a crop of it is a crop taken dy lower and dx to the right. */
function shift(image: GrayImage, dy: number, dx: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const sy = Math.min(Math.max(y + dy, 0), image.height - 1);
      const sx = Math.min(Math.max(x + dx, 0), image.width - 1);
      out[y * image.width + x] = image.data[sy * image.width + sx]!;
    }
  }
  return out;
}

const same = (a: Numeric, b: ArrayLike<number>, tolerance = 0) => a.values.length === b.length && a.values.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
const flat = (images: readonly GrayImage[]) => images.flatMap((n) => Array.from(n.data));
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** How a crop differs from the document's, in words: which way it moved, when a small move explains it. */
function describeShift(matches: (dy: number, dx: number) => boolean): string | undefined {
  for (let dy = -3; dy <= 3; dy++) {
    for (let dx = -12; dx <= 12; dx++) {
      if ((dy !== 0 || dx !== 0) && matches(dy, dx)) {
        const parts = [dy !== 0 ? `${Math.abs(dy)}행 ${dy < 0 ? '위' : '아래'}` : '', dx !== 0 ? `${Math.abs(dx)}열 ${dx < 0 ? '왼쪽' : '오른쪽'}` : ''].filter(Boolean);
        return `잘라 낸 영역이 문서의 img[51:149, 11+i*100 : 9+(i+1)*100]보다 ${parts.join(', ')}으로 어긋나 있습니다.`;
      }
    }
  }
  return undefined;
}

type Outcome = Omit<CheckResult, 'id' | 'title'>;

function checkCrop(returned: unknown): Outcome {
  const expected = cropBox(second, CROP_BOX);
  const actual = toNumeric(returned);
  const want = `[${expected.height}, ${expected.width}]`;
  if (!actual) return { passed: false, message: 'cropBox()가 2차원 숫자 배열을 돌려주지 않았습니다.', expected: want };
  if (actual.shape.length !== 2 || actual.shape[0] !== expected.height || actual.shape[1] !== expected.width) {
    return {
      passed: false,
      message: `cropBox()의 결과 모양이 ${shapeText(actual.shape)}입니다. 98행 × 98열이어야 합니다.`,
      expected: want,
      actual: shapeText(actual.shape),
      hint: '파이썬의 img[51:149]는 51행부터 148행까지(149는 빠짐)이고, slice(51, 149)도 같습니다.',
    };
  }
  if (same(actual, expected.data)) return { passed: true, message: `${CROP_BOX}번 칸(세 번째 칸)의 98 × 98 영역이 문서와 같습니다.` };
  const explained = describeShift((dy, dx) => same(actual, shiftedCrop(second, CROP_BOX, dy, dx).data));
  return {
    passed: false,
    message: explained ?? `${CROP_BOX}번 칸(세 번째 칸)에서 잘라 낸 값이 문서의 img[51:149, 11+i*100 : 9+(i+1)*100]과 다릅니다.`,
    hint: '칸 i의 왼쪽 테두리는 x = 10 + i*100, 위 테두리는 y = 50에 있습니다. 테두리 바로 안쪽부터 자릅니다.',
  };
}

function checkNumerals(returned: unknown): Outcome {
  const actual = toNumeric(returned);
  const want = `[5, ${DIGIT_SIZE}, ${DIGIT_SIZE}]`;
  if (!actual) return { passed: false, message: 'grabNumerals()가 숫자 배열을 돌려주지 않았습니다.', expected: want };
  if (shapeText(actual.shape) !== want) {
    return { passed: false, message: `grabNumerals()의 결과 모양이 ${shapeText(actual.shape)}입니다. ${want}이어야 합니다.`, expected: want, actual: shapeText(actual.shape) };
  }
  const expected = flat(referenceNumerals);
  if (same(actual, expected)) return { passed: true, message: '다섯 칸의 28 × 28 이미지가 코스의 인식기가 만드는 것과 같습니다.' };
  if (same(actual, expected.map((v) => v / 255), 1e-4)) {
    return { passed: false, message: 'grabNumerals()의 값이 0~1입니다. 문서의 grab_numerals()는 0~255 정수를 돌려주고, 255로 나누는 일은 recognition()(toModelInput)에서 합니다.' };
  }
  if (same(actual, expected.map((v) => 255 - v))) {
    return { passed: false, message: '흰 바탕에 검은 글씨 그대로입니다. MNIST처럼 검은 바탕에 흰 글씨가 되도록 255 − 값으로 반전하세요 (문서의 255 - cv.resize(...)).' };
  }
  const shiftedNumerals = (dy: number, dx: number) => {
    const moved = { ...first, data: shift(first, dy, dx) };
    return flat(Array.from({ length: 5 }, (_, i) => resizeCubic(cropBox(moved, i), DIGIT_SIZE, DIGIT_SIZE)).map((n) => ({ ...n, data: n.data.map((v) => 255 - v) })));
  };
  const explained = describeShift((dy, dx) => same(actual, shiftedNumerals(dy, dx)));
  const size = DIGIT_SIZE * DIGIT_SIZE;
  const box = Array.from({ length: 5 }, (_, i) => i).find((i) => !same({ shape: [], values: actual.values.subarray(i * size, (i + 1) * size) }, expected.slice(i * size, (i + 1) * size)));
  return {
    passed: false,
    message: explained ?? `${box}번 칸(${(box ?? 0) + 1}번째 칸)의 28 × 28 이미지가 코스의 인식기가 만드는 것과 다릅니다.`,
    hint: '칸마다 cropBox(image, i)로 자르고, 제공된 resizeCubic(…, 28, 28)으로 줄인 뒤 255 − 값으로 반전합니다.',
  };
}

export default defineGrader({
  checks: [
    customCheck('crop.box2', 'cropBox(image, 2): 세 번째 칸의 98 × 98 영역', (context) => checkCrop(context.values?.[cropCall.key]), { calls: [cropCall] }),
    customCheck('numerals', 'grabNumerals(image): 다섯 칸의 28 × 28 이미지', (context) => checkNumerals(context.values?.[numeralsCall.key]), { calls: [numeralsCall] }),
    expectValues({
      id: 'input',
      title: 'toModelInput(numerals): [5, 28, 28, 1], 0~1',
      call: { name: 'toModelInput', args: [asArrays(referenceNumerals)] },
      expected: { shape: [5, DIGIT_SIZE, DIGIT_SIZE, 1], values: toModelInput(referenceNumerals) },
      tolerance: 1e-6,
      hint: '문서처럼 reshape(5, 28, 28, 1)로 모양을 맞추고 255.0으로 나눕니다.',
    }),
  ],
});
