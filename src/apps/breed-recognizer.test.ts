import { describe, expect, it } from 'vitest';
import {
  borderDepth,
  borderMean,
  contentBox,
  decideInvert,
  fitInto,
  inputRangeOf,
  invert,
  overlayLine,
  percent,
  preprocess,
  scaleForModel,
  stretchLevels,
  toGrayscale,
  topK,
  type GrayImage,
} from './breed-recognizer.ts';

function gray(width: number, height: number, pixel: (x: number, y: number) => number): GrayImage {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return { width, height, data };
}

/** A light rectangle (x0 ≤ x < x1, y0 ≤ y < y1) of `value` on `background`. */
const rectangle = (width: number, height: number, [x0, y0, x1, y1]: number[], value: number, background: number) =>
  gray(width, height, (x, y) => (x >= x0! && x < x1! && y >= y0! && y < y1! ? value : background));

describe('toGrayscale', () => {
  it('weighs red, green and blue as OpenCV does and keeps gray pixels as they are', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 77, 77, 77, 255]);
    expect(Array.from(toGrayscale(rgba, 4, 1).data)).toEqual([76, 150, 29, 77]);
  });

  it('shows a transparent pixel over white', () => {
    expect(Array.from(toGrayscale(new Uint8ClampedArray([0, 0, 0, 0, 0, 0, 0, 128]), 2, 1).data)).toEqual([255, 127]);
  });

  it('refuses too few bytes', () => {
    expect(() => toGrayscale(new Uint8ClampedArray(4), 2, 1)).toThrow(/8 bytes/);
  });
});

describe('the inversion decision', () => {
  it('inverts a dark garment on a white page, keeps a light one on black', () => {
    const onWhite = rectangle(20, 20, [5, 5, 15, 15], 30, 250);
    expect(decideInvert(onWhite)).toEqual({ invert: true, borderMean: 250 });
    expect(decideInvert(invert(onWhite)).invert).toBe(false);
  });

  it('reads only the border ring: 2% of the shorter side, at least one pixel', () => {
    expect(borderDepth({ width: 28, height: 28 })).toBe(1);
    expect(borderDepth({ width: 400, height: 300 })).toBe(6);
    // A bright garment filling the middle does not make the border bright.
    expect(borderMean(rectangle(10, 10, [1, 1, 9, 9], 255, 0))).toBe(0);
    // Half the border bright, half dark: mean 127.5, which is not brighter than mid-gray.
    const half = gray(10, 10, (x) => (x < 5 ? 255 : 0));
    expect(borderMean(half)).toBeCloseTo(127.5);
    expect(decideInvert(half).invert).toBe(false);
  });
});

describe('stretchLevels', () => {
  it('maps the background (median of the border) to 0 and the brightest pixel to 255', () => {
    const dim = rectangle(10, 10, [3, 3, 7, 7], 180, 30);
    const stretched = stretchLevels(dim);
    expect(stretched.data[0]).toBe(0);
    expect(stretched.data[5 * 10 + 5]).toBe(255);
  });

  it('ignores a garment that touches one edge when finding the background', () => {
    const trouserLike = rectangle(10, 10, [4, 0, 6, 10], 200, 0);
    expect(Array.from(stretchLevels(trouserLike).data)).toEqual(Array.from(trouserLike.data.map((v) => (v / 200) * 255)));
  });

  it('turns a flat image into black', () => {
    expect(Array.from(stretchLevels(gray(3, 3, () => 90)).data)).toEqual(new Array(9).fill(0));
  });
});

describe('contentBox', () => {
  it('bounds the pixels above the threshold', () => {
    expect(contentBox(rectangle(12, 10, [2, 3, 7, 9], 200, 0))).toEqual({ x: 2, y: 3, width: 5, height: 6 });
  });
  it('is null for an empty image', () => {
    expect(contentBox(gray(5, 5, () => 20))).toBeNull();
  });
});

describe('fitInto', () => {
  it('leaves a 28×28 image as it is', () => {
    const image = gray(28, 28, (x, y) => (x * 7 + y * 3) % 256);
    expect(Array.from(fitInto(image).data)).toEqual(Array.from(image.data));
  });

  it('averages areas when shrinking: 2×2 blocks of a 56×56 image become their means', () => {
    const image = gray(56, 56, (x, y) => ((x + y) % 2 === 0 ? 200 : 100));
    const fitted = fitInto(image);
    expect(fitted.width).toBe(28);
    for (const v of fitted.data) expect(v).toBeCloseTo(150);
  });

  it('keeps the aspect ratio and centers a tall image on black', () => {
    // 10 wide, 40 tall → 7 wide, 28 tall, columns 10…16.
    const fitted = fitInto(gray(10, 40, () => 255));
    const row = Array.from(fitted.data.subarray(14 * 28, 15 * 28));
    expect(row.map((v) => (v > 0 ? 1 : 0)).join('')).toBe(`${'0'.repeat(10)}${'1'.repeat(7)}${'0'.repeat(11)}`);
    for (const v of row.slice(10, 17)) expect(v).toBeCloseTo(255);
  });

  it('enlarges a small box to fill the frame', () => {
    const image = rectangle(100, 100, [40, 40, 54, 47], 255, 0); // 14×7 of white
    const fitted = fitInto(image, 28, { x: 40, y: 40, width: 14, height: 7 });
    expect(contentBox(fitted)).toEqual({ x: 0, y: 7, width: 28, height: 14 });
  });
});

describe('preprocess', () => {
  it('turns a dark-on-white garment into a light one on black, cropped and fitted', () => {
    const photo = rectangle(200, 100, [80, 10, 120, 90], 20, 240); // 40×80 dark box on white
    const result = preprocess(photo);
    expect(result.decision.invert).toBe(true);
    expect(result.inverted).toBe(true);
    expect(result.hasContent).toBe(true);
    expect(contentBox(result.input)).toEqual({ x: 7, y: 0, width: 14, height: 28 });
    expect(Math.max(...result.input.data)).toBeCloseTo(255);
    expect(result.input.data[0]).toBe(0);
  });

  it('gives back a Fashion-MNIST-like image unchanged when it was only inverted', () => {
    const garment = gray(28, 28, (x, y) => (y >= 0 && x >= 4 && x < 24 ? (x === 4 || x === 23 ? 255 : 120 + ((x + y) % 5) * 20) : 0));
    const result = preprocess(invert(garment));
    expect(result.inverted).toBe(true);
    expect(Array.from(result.input.data)).toEqual(Array.from(garment.data));
  });

  it("follows the learner's override of the decision", () => {
    const drawing = rectangle(50, 50, [10, 10, 40, 40], 255, 0);
    expect(preprocess(drawing).inverted).toBe(false);
    const forced = preprocess(drawing, true);
    expect(forced.decision.invert).toBe(false);
    expect(forced.inverted).toBe(true);
  });

  it('says when there is nothing to recognize', () => {
    const empty = preprocess(gray(280, 280, () => 0));
    expect(empty.hasContent).toBe(false);
    expect(empty.input.data.every((v) => v === 0)).toBe(true);
  });
});

describe('model input', () => {
  it('scales 0–255 pixels to what the model takes', () => {
    const image = gray(2, 1, (x) => (x === 0 ? 255 : 51));
    expect(Array.from(scaleForModel(image, 1))).toEqual([1, expect.closeTo(0.2, 6)]);
    expect(Array.from(scaleForModel(image, 255))).toEqual([255, 51]);
  });

  it('reads the range from the first layer: Rescaling(1/255) means 0–255', () => {
    expect(inputRangeOf([{ className: 'Rescaling', config: { scale: 1 / 255, offset: 0 } }, { className: 'Functional', config: {} }]).max).toBe(255);
    expect(inputRangeOf([{ className: 'InputLayer', config: {} }, { className: 'Rescaling', config: { scale: 0.00392156862745098 } }]).max).toBe(255);
    expect(inputRangeOf([{ className: 'ZeroPadding2D', config: {} }]).max).toBe(1);
    expect(inputRangeOf([{ className: 'Rescaling', config: { scale: 1 / 127.5, offset: -1 } }]).max).toBe(1);
    expect(inputRangeOf([]).max).toBe(1);
  });
});

describe('reading the answer', () => {
  const names = ['바지', '풀오버', '드레스'];

  it('ranks the classes like np.argsort(-res)[:k]', () => {
    expect(topK([0.1, 0.7, 0.2], 5, names)).toEqual([
      { index: 1, name: '풀오버', probability: 0.7 },
      { index: 2, name: '드레스', probability: 0.2 },
      { index: 0, name: '바지', probability: 0.1 },
    ]);
    expect(topK(new Float32Array([0.5, 0.5]), 1, names)).toEqual([{ index: 0, name: '바지', probability: 0.5 }]);
  });

  it('names a class it has no name for', () => {
    expect(topK([0.2, 0.8], 2, ['티셔츠/탑'])[0]!.name).toBe('클래스 1');
  });

  it("writes the document's overlay line and the list's percentage", () => {
    expect(overlayLine({ index: 0, name: '바지', probability: 0.973456 })).toBe('(0.9735)바지');
    expect(percent(0.973456)).toBe('97.3%');
  });
});
